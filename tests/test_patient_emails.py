"""What e-mail carries: the staff alert is a link and nothing about the patient, in each recipient's admin
language; the patient's confirmation repeats nothing the visitor typed, names no health topic, and carries the
clinic's contact, the privacy policy, what happens next, urgent-care numbers and a link to withdraw and erase.

Real SMTP on loopback; requests sent through the public form; fields added through the page editor."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from contact import retention
from contact.models import QuoteFormPage, QuoteRequest, QuoteRoutingSettings
from tests.admin_forms import form_data
from tests.conftest import html
from tests.quote_helpers import QUOTE_FORM, TREATMENT_TITLES, make_treatment, patient_post

pytestmark = pytest.mark.django_db

STAFF_INBOX = "frontdesk@faceclinic.be"
PHISHING = "Pay the deposit at https://evil.example/pay"


@pytest.fixture
def treatment():
    return make_treatment()


def send(django_capture_on_commit_callbacks, language, treatment, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(QUOTE_FORM[language], patient_post(language, treatment[language], **overrides))
    assert response.status_code == 303, html(response).select(".error-summary")
    return QuoteRequest.objects.order_by("-pk").first()


def everything(message):
    parts = [message["Subject"] or "", message["Reply-To"] or "", message["From"] or ""]
    parts += [part.get_content() for part in message.walk() if part.get_content_type().startswith("text/")]
    return "\n".join(parts)


def plain(message):
    return message.get_body(("plain",)).get_content()


def marketer_adds_a_field(client, label):
    """Marketing adds a single-line field to the English form in the page editor and publishes."""
    page = QuoteFormPage.objects.get(locale__language_code="en")
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(url), "form#page-edit-form")
    index = int(data["form_fields-TOTAL_FORMS"])
    data["form_fields-TOTAL_FORMS"] = str(index + 1)
    data.update(
        {
            f"form_fields-{index}-label": label,
            f"form_fields-{index}-help_text": "",
            f"form_fields-{index}-field_type": "singleline",
            f"form_fields-{index}-choices": "",
            f"form_fields-{index}-choice_labels": "",
            f"form_fields-{index}-default_value": "",
            f"form_fields-{index}-ORDER": str(index + 1),
            f"form_fields-{index}-id": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, html(response).select(".error-message")
    field = QuoteFormPage.objects.get(pk=page.pk).form_fields.get(label=label)
    return field.clean_name


# The staff alert


def test_a_default_staff_alert_carries_nothing_about_the_patient(
    django_capture_on_commit_callbacks, mailbox, treatment
):
    request = send(django_capture_on_commit_callbacks, "fr", treatment, phone="+32 470 12 34 56")

    (alert,) = mailbox.to(STAFF_INBOX)
    text = everything(alert)
    for detail in ("Camille", "Dubois", "camille@example.be", "470 12 34 56", "470123456", "I would like to know"):
        assert detail not in text
    for title in TREATMENT_TITLES.values():
        assert title not in text
    assert "PRP" not in text and "matin" not in text.lower() and "voormiddag" not in text.lower()
    assert alert["Reply-To"] is None
    assert alert["Subject"] == f"Nieuwe offerteaanvraag (nr. {request.pk})"
    assert f"http://testserver/admin/quote-requests/edit/{request.pk}/" in plain(alert)


def test_a_field_a_marketer_adds_never_travels_in_the_staff_alert(
    django_user_model, django_capture_on_commit_callbacks, mailbox, treatment
):
    marketer = django_user_model.objects.create_user("marketing", "m@faceclinic.be", "not-a-real-password-123")
    marketer.groups.add(Group.objects.get(name="Marketing"))
    editor = Client()
    editor.force_login(marketer)
    clean_name = marketer_adds_a_field(editor, "Your medical history")

    send(django_capture_on_commit_callbacks, "en", treatment, **{clean_name: "Diabetes since 2010"})

    stored = QuoteRequest.objects.get()
    assert any(answer["value"] == "Diabetes since 2010" for answer in stored.answers), "the inbox has it"
    (alert,) = mailbox.to(STAFF_INBOX)
    assert "Diabetes" not in everything(alert) and "medical history" not in everything(alert)
    for message in mailbox.messages:
        assert "Diabetes" not in everything(message)


def test_each_staff_member_reads_the_alert_in_their_admin_language(
    django_user_model, django_capture_on_commit_callbacks, mailbox, treatment
):
    for username, language in (("sofie", "nl"), ("claire", "fr"), ("sam", "en")):
        user = django_user_model.objects.create_user(username, f"{username}@faceclinic.be", "x-password-123456")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    routing = QuoteRoutingSettings.load()
    routing.staff_recipients = "sofie@faceclinic.be\nClaire@FaceClinic.be\nsam@faceclinic.be\nextern@example.be"
    routing.save()

    request = send(django_capture_on_commit_callbacks, "en", treatment)

    assert mailbox.to("sofie@faceclinic.be")[0]["Subject"] == f"Nieuwe offerteaanvraag (nr. {request.pk})"
    assert mailbox.to("Claire@FaceClinic.be")[0]["Subject"] == f"Nouvelle demande de devis (n° {request.pk})"
    assert mailbox.to("sam@faceclinic.be")[0]["Subject"] == f"New quote request (no. {request.pk})"
    assert "Lees de aanvraag in de inbox" in plain(mailbox.to("extern@example.be")[0]), "others: the site's Dutch"
    assert len({address for m in mailbox.messages for address in m.envelope_recipients}) == 5


# The patient's confirmation


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("fr", "Votre demande de devis auprès de Face Clinic Belgium", "Madame, Monsieur,"),
        ("nl", "Uw offerteaanvraag bij Face Clinic Belgium", "Geachte mevrouw, geachte heer,"),
        ("en", "Your quote request to Face Clinic Belgium", "Hello,"),
    ],
)
def test_the_confirmation_repeats_nothing_the_visitor_typed_and_names_no_health_topic(
    django_capture_on_commit_callbacks, mailbox, treatment, language, subject, greeting
):
    email = patient_post(language)["email"]
    send(django_capture_on_commit_callbacks, language, treatment, name=PHISHING, message="About my hair loss")

    (confirmation,) = mailbox.to(email)
    text = everything(confirmation)
    assert confirmation["Subject"] == subject
    assert plain(confirmation).startswith(greeting)
    for typed in ("evil.example", "deposit", "hair loss", "+32 2 123 45 67"):
        assert typed not in text
    for title in TREATMENT_TITLES.values():
        assert title not in text
    for topic in ("PRP", "hair", "haar", "cheveu", "alopecia", "alopécie"):
        assert topic.lower() not in text.lower()


def test_the_confirmation_says_what_happens_next_where_to_write_and_how_to_get_urgent_care(
    django_capture_on_commit_callbacks, mailbox, treatment
):
    routing = QuoteRoutingSettings.load()
    routing.patient_reply_to = "onthaal@faceclinic.be"
    routing.reply_within_working_days = 3
    routing.save()

    send(django_capture_on_commit_callbacks, "fr", treatment)

    (confirmation,) = mailbox.to("camille@example.be")
    text = plain(confirmation)
    assert confirmation["Reply-To"] == "onthaal@faceclinic.be"
    assert "Dans les 3 jours ouvrables" in text
    assert "112" in text and "1733" in text
    assert "http://localhost/fr/politique-de-confidentialite/" in text or "/fr/politique-de-confidentialite/" in text
    assert "onthaal@faceclinic.be" in text


def test_without_a_reply_address_the_confirmation_says_where_to_write(
    django_capture_on_commit_callbacks, mailbox, treatment
):
    send(django_capture_on_commit_callbacks, "en", treatment)

    (confirmation,) = mailbox.to("alex@example.com")
    assert confirmation["Reply-To"] is None
    assert "Please do not reply to this e-mail" in plain(confirmation)


# Withdrawing consent from the confirmation


def withdrawal_link(message):
    return re.search(r"https?://\S+/(?:retirer|intrekken|withdraw)/\S+/", plain(message)).group(0)


def test_the_patient_withdraws_consent_and_erases_the_request_from_the_link_in_french(
    django_capture_on_commit_callbacks, mailbox, treatment
):
    request = send(django_capture_on_commit_callbacks, "fr", treatment)
    other = send(django_capture_on_commit_callbacks, "fr", treatment, email="autre@example.be")
    link = withdrawal_link(mailbox.to("camille@example.be")[0])
    path = link.split("://", 1)[1].split("/", 1)[1]
    visitor = Client(enforce_csrf_checks=True)

    asked = visitor.get(f"/{path}")
    assert asked.status_code == 200
    page = html(asked)
    assert page.html["lang"] == "fr"
    assert "Retirer mon consentement et effacer ma demande" in page.select_one("form button").get_text()
    assert QuoteRequest.objects.filter(pk=request.pk).exists(), "opening the link erases nothing"
    assert "no-cache" in asked["Cache-Control"] or "private" in asked["Cache-Control"]

    token = page.select_one("input[name=csrfmiddlewaretoken]")["value"]
    erased = visitor.post(f"/{path}", {"csrfmiddlewaretoken": token})

    assert erased.status_code == 200
    assert "Votre demande a été effacée" in html(erased).get_text()
    assert not QuoteRequest.objects.filter(pk=request.pk).exists()
    assert QuoteRequest.objects.filter(pk=other.pk).exists()
    (entry,) = ModelLogEntry.objects.filter(object_id=str(request.pk), action=retention.WITHDRAW)
    assert "Camille" not in entry.label
    assert "n'existe plus" in html(visitor.get(f"/{path}")).get_text()


def test_a_forged_or_altered_withdrawal_link_erases_nothing(django_capture_on_commit_callbacks, mailbox, treatment):
    request = send(django_capture_on_commit_callbacks, "en", treatment)
    link = withdrawal_link(mailbox.to("alex@example.com")[0])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    altered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]

    assert Client().post(altered).status_code == 404
    assert Client().post(path.replace("/withdraw/", "/withdraw/x")).status_code == 404
    assert QuoteRequest.objects.filter(pk=request.pk).exists()
