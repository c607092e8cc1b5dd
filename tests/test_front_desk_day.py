"""The front desk's day (issue 16): exports that open in Belgian Excel, every answer where staff look, an inbox
that finds and guides, admin errors inside the admin, notes in the reader's language, a dashboard for the role."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from contact.models import QuoteFormField, QuoteFormPage, QuoteRequest, QuoteRequestNote
from tests.conftest import html
from tests.quote_helpers import INBOX, QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

PATIENT_DATA = "/admin/quote-requests/patient/"


def staff_user(django_user_model, username, group, language="en", first_name="", last_name=""):
    user = django_user_model.objects.create_user(
        username,
        f"{username}@faceclinic.be",
        "not-a-real-password-123",
        first_name=first_name,
        last_name=last_name,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def front_desk(django_user_model):
    return staff_user(django_user_model, "sofie", "Front desk", first_name="Sofie", last_name="Claes")


@pytest.fixture
def desk(front_desk):
    return signed_in(front_desk)


def send(django_capture_on_commit_callbacks, language="fr", **overrides):
    treatment = make_treatment()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(QUOTE_FORM[language], patient_post(language, treatment[language], **overrides))
    assert response.status_code == 303, response.content[:2000]
    return QuoteRequest.objects.order_by("-pk").first()


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\xef\xbb\xbf"), "a byte-order mark: Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def listed_names(client, **params):
    page = html(client.get(INBOX, params))
    return sorted(row.select_one("td a").get_text(" ", strip=True) for row in page.select("table.listing tbody tr"))


# Exports


def test_csv_opens_in_belgian_excel_and_round_trips_accents_and_phone_numbers(django_capture_on_commit_callbacks, desk):
    send(django_capture_on_commit_callbacks, name="Loës Françoise", phone="0470 12 34 56")

    response = desk.get(INBOX, {"export": "csv"})

    assert response.status_code == 200
    assert "charset=utf-8" in response["Content-Type"]
    (row,) = csv_rows(response)
    assert row["Name"] == "Loës Françoise"
    assert row["Phone"] == "+32 470 12 34 56", "no apostrophe in front of a phone number"


def add_field_in_every_language(clean_name, labels):
    """What Marketing does after requests arrived: a new question on the form, published in nl, fr and en."""
    for page in QuoteFormPage.objects.select_related("locale"):
        QuoteFormField.objects.create(
            page=page,
            locale=page.locale,
            clean_name=clean_name,
            label=labels[page.locale.language_code],
            field_type="singleline",
            required=False,
            sort_order=99,
            translation_key="00000000-0000-4000-8000-000000000016",
        )
        page.save_revision().publish()


def test_a_field_marketing_added_later_is_one_column_for_every_language_in_csv_and_xlsx(
    django_capture_on_commit_callbacks, desk
):
    before = send(django_capture_on_commit_callbacks, "nl", name="Vroeg Verzoek")
    add_field_in_every_language(
        "heard_about",
        {"en": "How did you hear about us?", "nl": "Hoe kent u ons?", "fr": "Comment nous avez-vous connus ?"},
    )
    for language, answer in (("nl", "Via de huisarts"), ("fr", "Par une amie"), ("en", "Instagram")):
        send(django_capture_on_commit_callbacks, language, heard_about=answer)

    for export_format, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(desk.get(INBOX, {"export": export_format}))
        headings = list(rows[0])
        assert headings.count("How did you hear about us?") == 1, (export_format, headings)
        answers = {row["Name"]: row["How did you hear about us?"] for row in rows}
        assert answers["Jan Peeters"] == "Via de huisarts"
        assert answers["Camille Dubois"] == "Par une amie"
        assert answers["Alex Morgan"] == "Instagram"
        assert answers[before.name] in ("", None)
        # The questions every version asked are columns too, with answers in the reader's language.
        assert {row["Name"]: row["When can we best reach you?"] for row in rows}["Camille Dubois"] == ("In the morning")


def test_a_dutch_reader_gets_the_column_names_in_dutch(django_capture_on_commit_callbacks, django_user_model):
    send(django_capture_on_commit_callbacks, "fr")
    dutch = signed_in(staff_user(django_user_model, "balie", "Front desk", language="nl"))

    (row,) = csv_rows(dutch.get(INBOX, {"export": "csv"}))

    assert row["Naam"] == "Camille Dubois"
    assert row["Taal"] == "Frans"
    assert "Wanneer kunnen wij u het best bereiken?" in row


def test_one_export_is_one_audit_entry_not_one_per_request(django_capture_on_commit_callbacks, desk, front_desk):
    from contact import exports

    for _index in range(3):
        send(django_capture_on_commit_callbacks, "en")

    b"".join(desk.get(INBOX, {"export": "xlsx"}).streaming_content)

    (entry,) = ModelLogEntry.objects.filter(action=exports.EXPORT_LIST)
    assert entry.user_id == front_desk.pk
    assert entry.data["format"] == "xlsx" and entry.data["count"] == 3


def test_the_xlsx_export_is_the_first_choice(django_capture_on_commit_callbacks, desk):
    send(django_capture_on_commit_callbacks)

    page = desk.get(INBOX).content.decode()

    assert page.index("Download XLSX") < page.index("Download CSV")


# Search, phone numbers, filters


def test_phone_numbers_are_stored_in_e164(django_capture_on_commit_callbacks):
    assert send(django_capture_on_commit_callbacks, phone="0470 12 34 56").phone == "+32470123456"


@pytest.mark.parametrize("typed", ["0470123456", "0470 12 34 56", "+32470123456", "+32 470 12 34 56"])
def test_a_phone_number_is_found_however_it_is_typed(django_capture_on_commit_callbacks, desk, typed):
    send(django_capture_on_commit_callbacks, "fr", phone="+32 470 12 34 56")
    send(django_capture_on_commit_callbacks, "nl", phone="02 123 45 67")

    assert listed_names(desk, q=typed) == ["Camille Dubois"]


def test_names_are_found_without_accents_and_treatments_by_any_languages_title(
    django_capture_on_commit_callbacks, desk
):
    send(django_capture_on_commit_callbacks, "fr", name="Loës Françoise")
    send(django_capture_on_commit_callbacks, "nl", name="Jan Peeters", treatment="")

    assert listed_names(desk, q="loes francoise") == ["Loës Françoise"]
    assert listed_names(desk, q="LOËS") == ["Loës Françoise"]
    # Sofie reads English; the request came from the French form: the Dutch title still finds it.
    from tests.quote_helpers import TREATMENT_TITLES

    assert listed_names(desk, q=TREATMENT_TITLES["nl"].split()[0]) == ["Loës Françoise"]


def test_an_invalid_filter_value_is_refused_with_a_message_and_never_lists_spam(
    django_capture_on_commit_callbacks, desk
):
    send(django_capture_on_commit_callbacks, "fr")
    QuoteRequest.objects.update(status="spam")

    response = desk.get(INBOX, {"locale": "1"})

    assert response.status_code == 400
    page = html(response)
    assert "Select a valid choice" in page.get_text()
    assert not page.select("table.listing tbody tr")
    export = desk.get(INBOX, {"locale": "1", "export": "csv"})
    assert export.status_code == 400 and not export.streaming


def test_the_treatment_filter_is_a_drop_down(desk):
    page = html(desk.get(INBOX))

    assert page.select_one("select[name=treatment_key]") is not None


def test_the_listing_shows_the_chosen_columns_sortable(django_capture_on_commit_callbacks, desk):
    send(django_capture_on_commit_callbacks, "fr")

    page = html(desk.get(INBOX))
    headings = [th.get_text(" ", strip=True) for th in page.select("table.listing thead th")]
    for heading in ("Treatment", "Language", "Status", "Assigned to", "When can we best reach you?"):
        assert any(heading in text for text in headings), headings
    assert "In the morning" in page.select_one("table.listing tbody").get_text()
    for sort in ("preferred_contact_time", "assignee", "treatment_label", "locale__language_code", "status"):
        assert desk.get(INBOX, {"ordering": sort}).status_code == 200
        assert desk.get(INBOX, {"ordering": f"-{sort}"}).status_code == 200


def test_language_filter_and_column_name_the_language_the_same_way(django_capture_on_commit_callbacks, desk):
    send(django_capture_on_commit_callbacks, "fr")

    page = html(desk.get(INBOX))

    filter_labels = [label.get_text(" ", strip=True) for label in page.select("[name=locale]+*, label")]
    assert any(text == "French" for text in filter_labels)
    assert "Français" not in [text.strip() for text in filter_labels]


def test_the_detail_view_shows_every_answer_with_phone_and_email_links(django_capture_on_commit_callbacks, desk):
    request = send(django_capture_on_commit_callbacks, "fr", phone="0470 12 34 56")

    page = html(desk.get(f"{INBOX}edit/{request.pk}/"))

    assert page.select_one('a[href="tel:+32470123456"]').get_text(strip=True) == "+32 470 12 34 56"
    assert page.select_one('a[href="mailto:camille@example.be"]') is not None
    assert "I would like to know more." in page.get_text()


# Admin errors inside the admin, no language prefix


def test_a_link_to_an_erased_request_is_a_404_inside_the_admin(desk):
    response = desk.get(f"{INBOX}edit/987654/")

    assert response.status_code == 404
    assert "wagtailadmin/404.html" in [template.name for template in response.templates]


def test_marketing_gets_a_403_inside_the_admin(django_user_model):
    marketing = signed_in(staff_user(django_user_model, "marketing", "Marketing"))

    response = marketing.get(INBOX)

    assert response.status_code == 403
    page = html(response)
    assert page.select_one("aside.sidebar, #wagtail-sidebar") is not None, "the admin's own page"


# Notes and assignees


def test_the_status_note_reads_dutch_for_a_dutch_speaking_user(
    django_capture_on_commit_callbacks, desk, front_desk, django_user_model
):
    request = send(django_capture_on_commit_callbacks)
    desk.post(f"{INBOX}edit/{request.pk}/", {"status": "contacted", "assignee": str(front_desk.pk), "new_note": ""})
    dutch = signed_in(staff_user(django_user_model, "balie", "Front desk", language="nl"))

    notes = html(dutch.get(f"{INBOX}edit/{request.pk}/")).select_one(".quote-request-notes").get_text(" ", strip=True)

    assert "Status gewijzigd van Nieuw naar Gecontacteerd." in notes
    assert "Toegewezen aan Sofie Claes." in notes
    assert QuoteRequestNote.objects.filter(quote_request=request, kind="status").get().data == {
        "old": "new",
        "new": "contacted",
    }


def test_assignees_are_front_desk_members_by_full_name(
    django_capture_on_commit_callbacks, desk, admin_user, django_user_model
):
    staff_user(django_user_model, "marketing", "Marketing", first_name="Mark", last_name="Eting")
    request = send(django_capture_on_commit_callbacks)

    options = html(desk.get(f"{INBOX}edit/{request.pk}/")).select("select[name=assignee] option")

    assert [option.get_text(strip=True) for option in options if option["value"]] == ["Sofie Claes"]


def test_the_menu_label_fits_the_sidebar(django_capture_on_commit_callbacks, django_user_model):
    send(django_capture_on_commit_callbacks)
    french = signed_in(staff_user(django_user_model, "accueil", "Front desk", language="fr"))

    sidebar = html(french.get("/admin/")).select_one("#wagtail-sidebar-props").get_text()
    label = json.loads(sidebar)
    text = json.dumps(label, ensure_ascii=False)
    assert "Devis (1 à traiter)" in text, "short enough for the sidebar, even with two-digit counts"


# Dashboard


def test_the_front_desk_dashboard_links_into_the_filtered_inbox_and_offers_no_page_search(
    django_capture_on_commit_callbacks, desk, front_desk
):
    import datetime

    from django.utils import timezone

    old = send(django_capture_on_commit_callbacks, "nl")
    QuoteRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    mine = send(django_capture_on_commit_callbacks, "fr")
    QuoteRequest.objects.filter(pk=mine.pk).update(assignee=front_desk, status="contacted")

    page = html(desk.get("/admin/"))

    panel = page.select_one(".front-desk-panel")
    links = {a.get_text(" ", strip=True): a["href"] for a in panel.select("a")}
    assert links["New requests: 1"] == f"{INBOX}?status=new"
    assert links["Assigned to me: 1"] == f"{INBOX}?assignee=me"
    assert links["Waiting longer than a day: 1"] == f"{INBOX}?waiting=1"
    assert "Search all pages" not in page.get_text()
    assert listed_names(desk, assignee="me") == ["Camille Dubois"]
    assert listed_names(desk, waiting="1") == ["Jan Peeters"]


# Patient data


def test_the_patient_data_look_up_is_posted_and_audited(django_capture_on_commit_callbacks, desk, front_desk):
    from contact import retention

    request = send(django_capture_on_commit_callbacks, "fr")

    page = html(desk.post(PATIENT_DATA, {"email": "camille@example.be"}))

    assert "1 request from camille@example.be" in page.get_text(" ", strip=True)
    assert page.select_one("form[method=get] input[name=email]") is None, "the address never goes in a URL"
    entry = ModelLogEntry.objects.get(object_id=str(request.pk), action=retention.LOOK_UP)
    assert entry.user_id == front_desk.pk


def test_the_patients_download_is_in_the_patients_language_as_text_and_json(django_capture_on_commit_callbacks, desk):
    send(django_capture_on_commit_callbacks, "fr", message="Ça me gêne beaucoup.")

    response = desk.post(PATIENT_DATA, {"email": "camille@example.be", "download": "json"})
    raw = response.content.decode()
    assert "\\u00" not in raw and "<a " not in raw and "<p>" not in raw
    data = json.loads(raw)
    (item,) = data["quote_requests"]
    assert item["language"] == "Français"
    assert item["status"] == "Nouvelle"
    assert {"question": "Votre question", "answer": "Ça me gêne beaucoup."} in item["answers"]
    assert item["consent"]["text"].startswith("J")

    text = desk.post(PATIENT_DATA, {"email": "camille@example.be", "download": "text"})
    assert text["Content-Type"].startswith("text/plain")
    body = text.content.decode()
    assert "Votre question : Ça me gêne beaucoup." in body
    assert "<" not in body


def test_past_the_count_cap_the_inbox_says_more_than_instead_of_counting_every_row(
    django_capture_on_commit_callbacks, desk, monkeypatch
):
    from contact import views

    for language in ("nl", "fr", "en"):
        send(django_capture_on_commit_callbacks, language)
    monkeypatch.setattr(views, "LISTING_COUNT_CAP", 2)
    monkeypatch.setattr(views, "MENU_COUNT_CAP", 2)

    page = html(desk.get(INBOX, {"q": "example"}))

    assert "More than 2 matches" in page.get_text(" ", strip=True)
    assert "Requests (2+ new)" in desk.get("/admin/").content.decode()


def test_an_export_never_loads_the_whole_listing_into_memory(django_capture_on_commit_callbacks, desk, monkeypatch):
    """Wagtail's listing context len()s an unpaginated queryset; the export must go straight to the rows."""
    from wagtail.admin.views.generic.base import BaseListingView

    send(django_capture_on_commit_callbacks, "fr")

    def no_listing_context(self, **kwargs):
        raise AssertionError("the export built the listing's context")

    monkeypatch.setattr(BaseListingView, "get_context_data", no_listing_context)
    for export_format in ("csv", "xlsx"):
        response = desk.get(INBOX, {"export": export_format, "locale": "fr"})
        assert response.status_code == 200
        b"".join(response.streaming_content)
