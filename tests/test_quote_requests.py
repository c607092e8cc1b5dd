"""A patient asks for a quote in nl, fr or en; the front desk finds every request in one inbox and one mailbox.

Through the public pages and the admin's own views, with a real SMTP server on loopback.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.users.models import UserProfile

from contact.models import QuoteRequest
from tests.conftest import free_port, html, start_smtp_server, use_smtp
from tests.quote_helpers import INBOX, QUOTE_FORM, THANK_YOU, TREATMENT_TITLES, make_treatment, patient_post

pytestmark = pytest.mark.django_db

STAFF_INBOX = "frontdesk@faceclinic.be"


@pytest.fixture
def treatment():
    return make_treatment()


@pytest.fixture
def front_desk(django_user_model):
    user = django_user_model.objects.create_user("frontdesk", "desk@faceclinic.be", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name="Front desk"))
    set_admin_language(user, "en")
    return user


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def send_request(client, django_capture_on_commit_callbacks, language, treatment_pages, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(QUOTE_FORM[language], patient_post(language, treatment_pages[language], **overrides))


def body(message, kind="plain"):
    return message.get_body((kind,)).get_content().replace("\r\n", "\n")


def test_french_patient_request_reaches_inbox_staff_mailbox_and_a_french_confirmation(
    client, django_capture_on_commit_callbacks, mailbox, treatment, front_desk
):
    response = send_request(client, django_capture_on_commit_callbacks, "fr", treatment)

    assert response.status_code == 303
    assert response["Location"] == QUOTE_FORM["fr"] + THANK_YOU["fr"]
    stored = QuoteRequest.objects.get()
    assert stored.locale.language_code == "fr"
    assert stored.treatment_id == treatment["fr"].pk
    assert stored.notification_status == "sent"

    staff_mail = mailbox.to(STAFF_INBOX)
    assert len(staff_mail) == 1
    staff = staff_mail[0]
    # A link and a number, in the front desk's language (Dutch by default): nothing about the patient.
    assert staff["Subject"] == f"Nieuwe offerteaanvraag (nr. {stored.pk})"
    assert staff["Reply-To"] is None
    assert f"http://testserver/admin/quote-requests/edit/{stored.pk}/" in body(staff)
    assert f'href="http://testserver/admin/quote-requests/edit/{stored.pk}/"' in body(staff, "html")
    assert "Camille" not in body(staff) and "I would like to know more." not in body(staff)

    patient_mail = mailbox.to("camille@example.be")
    assert len(patient_mail) == 1
    confirmation = patient_mail[0]
    assert confirmation["Subject"] == "Votre demande de devis auprès de Face Clinic Belgium"
    assert body(confirmation).startswith("Madame, Monsieur,\n\nNous vous remercions de votre demande de devis.")
    assert "<p>Madame, Monsieur,</p>" in body(confirmation, "html")
    assert "Camille" not in body(confirmation) and TREATMENT_TITLES["fr"] not in body(confirmation)

    client.force_login(front_desk)
    listing = html(client.get(INBOX))
    rows = [row.get_text(" ", strip=True) for row in listing.select("table.listing tbody tr")]
    assert len(rows) == 1 and "Camille Dubois" in rows[0] and "French" in rows[0]


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("nl", "Uw offerteaanvraag bij Face Clinic Belgium", "Geachte mevrouw, geachte heer,"),
        ("en", "Your quote request to Face Clinic Belgium", "Hello,"),
    ],
)
def test_dutch_and_english_patients_get_their_confirmation_in_their_language(
    client, django_capture_on_commit_callbacks, mailbox, treatment, language, subject, greeting
):
    response = send_request(client, django_capture_on_commit_callbacks, language, treatment)

    assert response.status_code == 303
    email = patient_post(language)["email"]
    (confirmation,) = mailbox.to(email)
    assert confirmation["Subject"] == subject
    assert body(confirmation).startswith(greeting)
    assert TREATMENT_TITLES[language] not in body(confirmation), "no health topic in an e-mail"
    assert len(mailbox.to(STAFF_INBOX)) == 1


def test_requests_in_three_languages_share_one_inbox_listing_and_csv_export(
    client, django_capture_on_commit_callbacks, mailbox, treatment, front_desk
):
    for language in ("nl", "fr", "en"):
        assert send_request(client, django_capture_on_commit_callbacks, language, treatment).status_code == 303
    assert len(mailbox.to(STAFF_INBOX)) == 3

    client.force_login(front_desk)
    listing = html(client.get(INBOX))
    names = [row.select_one("td").get_text(" ", strip=True) for row in listing.select("table.listing tbody tr")]
    assert [name.split()[0] for name in names] == ["Alex", "Camille", "Jan"], "newest first"

    export = client.get(INBOX, {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert {row["Name"]: row["Language"] for row in rows} == {
        "Jan Peeters": "Dutch",
        "Camille Dubois": "French",
        "Alex Morgan": "English",
    }
    assert {row["Treatment"] for row in rows} == {TREATMENT_TITLES["en"]}, "titled in the staff's language"

    only_french = client.get(INBOX, {"export": "csv", "locale": "fr"})
    french_rows = list(
        csv.DictReader(io.StringIO(b"".join(only_french.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert [row["Name"] for row in french_rows] == ["Camille Dubois"], "the export follows the filters"

    xlsx = client.get(INBOX, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_with_smtp_down_the_request_is_stored_shown_as_not_notified_and_the_retry_sends_it(
    client, django_capture_on_commit_callbacks, settings, treatment, front_desk
):
    port = free_port()
    use_smtp(settings, port)  # nothing listens there: connection refused

    response = send_request(client, django_capture_on_commit_callbacks, "fr", treatment)

    assert response.status_code == 303, "the patient still sees the thank-you page"
    assert client.get(response["Location"]).status_code == 200
    stored = QuoteRequest.objects.get()
    assert stored.notification_status == "failed"
    assert stored.staff_notified_at is None and stored.patient_notified_at is None
    assert "ConnectionRefusedError" in stored.notification_error

    client.force_login(front_desk)
    row = html(client.get(INBOX)).select_one("table.listing tbody tr").get_text(" ", strip=True)
    assert "Failed, to be retried" in row

    with pytest.raises(CommandError):
        call_command("send_pending_notifications", stdout=io.StringIO())

    server = start_smtp_server(port)
    try:
        out = io.StringIO()
        call_command("send_pending_notifications", stdout=out)
        call_command("send_pending_notifications", stdout=io.StringIO())  # nothing left: nothing sent twice
    finally:
        server.stop()

    assert "sent for 1 request" in out.getvalue()
    assert len(server.handler.to(STAFF_INBOX)) == 1
    assert len(server.handler.to("camille@example.be")) == 1
    stored.refresh_from_db()
    assert stored.notification_status == "sent" and stored.notification_attempts == 3


def test_a_failed_patient_confirmation_is_retried_without_resending_the_staff_alert(
    client, django_capture_on_commit_callbacks, mailbox, treatment
):
    send_request(client, django_capture_on_commit_callbacks, "nl", treatment)
    stored = QuoteRequest.objects.get()
    QuoteRequest.objects.filter(pk=stored.pk).update(notification_status="failed", patient_notified_at=None)
    mailbox.messages.clear()

    call_command("send_pending_notifications", stdout=io.StringIO())

    assert len(mailbox.to(STAFF_INBOX)) == 0
    assert len(mailbox.to("jan@example.be")) == 1


def test_reloading_the_thank_you_page_never_resubmits(client, django_capture_on_commit_callbacks, treatment):
    response = send_request(client, django_capture_on_commit_callbacks, "nl", treatment)

    thank_you = client.get(response["Location"])
    client.get(response["Location"])

    assert thank_you.status_code == 200
    assert html(thank_you).html["lang"] == "nl"
    assert "Wij hebben uw aanvraag ontvangen" in thank_you.content.decode()
    assert QuoteRequest.objects.count() == 1


def test_request_records_language_form_key_treatment_and_the_consent_shown(
    client, django_capture_on_commit_callbacks, treatment
):
    from contact.models import QuoteFormPage

    send_request(client, django_capture_on_commit_callbacks, "fr", treatment)

    stored = QuoteRequest.objects.get()
    french_form = QuoteFormPage.objects.get(locale__language_code="fr")
    english_form = QuoteFormPage.objects.get(locale__language_code="en")
    assert stored.form_translation_key == english_form.translation_key == french_form.translation_key
    assert stored.form_page_id == french_form.pk
    assert stored.treatment_key == treatment["en"].translation_key
    assert stored.consent_text.startswith("Je consens expressément à ce que Face Clinic Belgium traite")
    assert 'href="/fr/politique-de-confidentialite/"' in stored.consent_text
    assert stored.consent_version == french_form.consent_version != ""
    assert stored.consented_at is not None


def test_front_desk_reads_a_french_request_with_dutch_labels(
    client, django_capture_on_commit_callbacks, treatment, front_desk
):
    send_request(client, django_capture_on_commit_callbacks, "fr", treatment)
    set_admin_language(front_desk, "nl")
    client.force_login(front_desk)

    page = html(client.get(f"{INBOX}edit/{QuoteRequest.objects.get().pk}/"))

    answers = dict(
        zip(
            [dt.get_text(strip=True) for dt in page.select("dl.quote-request dt")],
            [dd.get_text(" ", strip=True) for dd in page.select("dl.quote-request dd")],
            strict=True,
        )
    )
    assert answers["Uw naam"] == "Camille Dubois"
    assert answers["Behandeling"] == TREATMENT_TITLES["nl"]
    assert answers["Wanneer kunnen wij u het best bereiken?"] == "In de voormiddag"
    assert answers["Uw vraag"] == "I would like to know more."
    assert "Votre nom" not in answers
