"""The front desk's inbox at /admin/quote-requests/: who sees it, filters, status, notes, the menu count."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from wagtail.users.models import UserProfile

from contact.models import QuoteRequest, QuoteRequestNote
from tests.conftest import html
from tests.quote_helpers import INBOX, QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db


def staff_user(django_user_model, username, group, language="en"):
    user = django_user_model.objects.create_user(username, f"{username}@faceclinic.be", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def front_desk(django_user_model):
    return staff_user(django_user_model, "desk", "Front desk")


@pytest.fixture
def marketing(django_user_model):
    return staff_user(django_user_model, "marketing", "Marketing")


@pytest.fixture
def requests_in_three_languages(client, django_capture_on_commit_callbacks):
    treatment = make_treatment()
    for language in ("nl", "fr", "en"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(QUOTE_FORM[language], patient_post(language, treatment[language]))
        assert response.status_code == 303
    return {request.locale.language_code: request for request in QuoteRequest.objects.select_related("locale")}


def listed_names(client, **params):
    page = html(client.get(INBOX, params))
    return sorted(row.select_one("td a").get_text(" ", strip=True) for row in page.select("table.listing tbody tr"))


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(INBOX)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/quote-requests/")


def test_marketing_edits_pages_but_gets_403_on_the_inbox_and_no_menu_item(
    client, marketing, requests_in_three_languages
):
    client.force_login(marketing)

    assert client.get(INBOX).status_code == 403
    assert client.get(f"{INBOX}edit/{requests_in_three_languages['fr'].pk}/").status_code == 403
    assert client.get(INBOX, {"export": "csv"}).status_code == 403
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Quote requests" not in dashboard.content.decode()
    english_home = requests_in_three_languages["en"].form_page.get_parent()
    assert client.get(f"/admin/pages/{english_home.pk}/edit/").status_code == 200


def test_front_desk_sees_the_inbox_with_a_count_of_new_requests_in_the_menu(
    client, front_desk, requests_in_three_languages
):
    client.force_login(front_desk)

    assert "Requests (3 new)" in client.get("/admin/").content.decode()
    requests_in_three_languages["nl"].status = QuoteRequest.Status.CONTACTED
    requests_in_three_languages["nl"].save()
    assert "Requests (2 new)" in client.get("/admin/").content.decode()


def test_the_menu_count_is_translated_for_dutch_front_desk_staff(
    client, django_user_model, requests_in_three_languages
):
    client.force_login(staff_user(django_user_model, "balie", "Front desk", language="nl"))

    assert "Offertes (3 nieuw)" in client.get("/admin/").content.decode()


def test_inbox_filters_by_language_status_treatment_and_date(client, front_desk, requests_in_three_languages):
    client.force_login(front_desk)
    french = requests_in_three_languages["fr"]

    assert listed_names(client, locale="fr") == ["Camille Dubois"]
    assert listed_names(client, treatment_key=str(french.treatment_key)) == [
        "Alex Morgan",
        "Camille Dubois",
        "Jan Peeters",
    ]
    french.status = QuoteRequest.Status.BOOKED
    french.save()
    assert listed_names(client, status="booked") == ["Camille Dubois"]
    today = french.created_at.date().isoformat()
    assert len(listed_names(client, created_at_from=today, created_at_to=today)) == 3
    assert listed_names(client, created_at_from="2000-01-01", created_at_to="2000-01-02") == []


def test_spam_leaves_the_main_list_but_stays_findable(client, front_desk, requests_in_three_languages):
    client.force_login(front_desk)
    QuoteRequest.objects.filter(pk=requests_in_three_languages["en"].pk).update(status="spam")

    assert listed_names(client) == ["Camille Dubois", "Jan Peeters"]
    assert listed_names(client, status="spam") == ["Alex Morgan"]


def test_front_desk_changes_status_assigns_and_writes_a_note_with_author_and_time(
    client, front_desk, requests_in_three_languages
):
    request = requests_in_three_languages["fr"]
    client.force_login(front_desk)
    edit_url = f"{INBOX}edit/{request.pk}/"

    response = client.post(
        edit_url, {"status": "contacted", "assignee": str(front_desk.pk), "new_note": "Called, will call back Friday."}
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "contacted" and request.assignee == front_desk
    notes = list(QuoteRequestNote.objects.filter(quote_request=request))
    with translation.override("en"):
        messages = [note.message() for note in notes]
    assert messages == [
        "Status changed from New to Contacted.",
        "Assigned to desk.",
        "Called, will call back Friday.",
    ], "events, read in the reader's language"
    assert all(note.author == front_desk and note.created_at is not None for note in notes)
    shown = html(client.get(edit_url)).select_one(".quote-request-notes").get_text(" ", strip=True)
    assert "Called, will call back Friday." in shown and "desk" in shown


def test_nobody_adds_a_request_by_hand(client, admin_user):
    client.force_login(admin_user)

    assert client.get(f"{INBOX}new/").status_code == 403


def test_the_contact_page_gives_the_clinic_details_and_the_way_to_the_form(client):
    from wagtail.models import Site

    from home.models import ClinicSettings

    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.phone = "+32 2 123 45 67"
    clinic.street_address = "Rue de la Loi 1"
    clinic.postal_code = "1000"
    clinic.city = "Brussel"
    clinic.opening_hours = "Mo-Fr 09:00-18:00"
    clinic.save()

    page = html(client.get("/nl/contact/"))

    assert page.h1.get_text() == "Contact"
    text = page.select_one("main").get_text(" ", strip=True)
    assert "+32 2 123 45 67" in text and "maandag – vrijdag 09:00–18:00" in text
    assert page.select_one("main a.button")["href"] == QUOTE_FORM["nl"]
    map_link = page.find("a", string="De kliniek op een kaart tonen")["href"]
    assert map_link.startswith("https://www.openstreetmap.org/search?query=Rue+de+la+Loi+1")
    assert page.select_one("main iframe") is None, "no third-party embed"


@pytest.mark.parametrize(
    ("language", "quote_url", "contact_url", "quote_title"),
    [
        ("nl", "/nl/offerte-aanvragen/", "/nl/contact/", "Offerte aanvragen"),
        ("fr", "/fr/demande-de-devis/", "/fr/contact/", "Demander un devis"),
        ("en", "/en/ask-for-a-quote/", "/en/contact/", "Ask for a quote"),
    ],
)
def test_quote_form_and_contact_pages_exist_in_each_language_and_in_the_main_menu(
    client, language, quote_url, contact_url, quote_title
):
    page = html(client.get(quote_url))

    assert page.h1.get_text() == quote_title
    assert page.html["lang"] == language
    menu_links = {a["href"] for a in page.select(".menu--main a")}
    assert {quote_url, contact_url} <= menu_links
    assert client.get(contact_url).status_code == 200


def test_the_loader_points_the_quote_buttons_at_the_form_and_sets_an_editable_staff_inbox():
    from contact.models import QuoteRoutingSettings
    from home.models import ClinicSettings

    clinic = ClinicSettings.objects.get()
    assert clinic.quote_page.specific.__class__.__name__ == "QuoteFormPage"
    assert clinic.quote_page.locale.language_code == "en"
    routing = QuoteRoutingSettings.load()
    assert routing.recipients == ["frontdesk@faceclinic.be"]

    routing.staff_recipients = "reception@faceclinic.be"
    routing.save()
    call_command("load_clinic_content", stdout=__import__("io").StringIO())
    routing.refresh_from_db()
    assert routing.recipients == ["reception@faceclinic.be"], "the loader never overwrites the administrators' choice"


def test_translators_cannot_change_field_keys_choice_values_or_the_consent_version():
    from wagtail_localize.fields import get_translatable_fields

    from contact.models import QuoteFormField, QuoteFormPage

    def locked(model):
        return {
            field.field_name
            for field in get_translatable_fields(model)
            if not field.is_translated(None) and not field.is_overridable(None)
        }

    assert {"clean_name", "field_type", "choices", "default_value", "required"} <= locked(QuoteFormField)
    assert {"consent_version"} <= locked(QuoteFormPage)
    translated = {field.field_name for field in get_translatable_fields(QuoteFormField) if field.is_translated(None)}
    assert translated == {"label", "help_text", "choice_labels"}


def test_every_translation_of_the_form_keeps_the_same_field_keys_and_values():
    from contact.models import QuoteFormPage

    forms = {page.locale.language_code: page for page in QuoteFormPage.objects.select_related("locale")}
    assert set(forms) == {"nl", "fr", "en"}
    shape = {
        language: [(f.clean_name, f.field_type, f.choices) for f in page.form_fields.all()]
        for language, page in forms.items()
    }
    assert shape["nl"] == shape["fr"] == shape["en"]
    labels = {language: [f.label for f in page.form_fields.all()] for language, page in forms.items()}
    assert labels["nl"][0] == "Uw naam" and labels["fr"][0] == "Votre nom" and labels["en"][0] == "Your name"
