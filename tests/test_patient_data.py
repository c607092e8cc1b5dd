"""Patient data: kept only as long as the clinic says, every look at it recorded, handed over or erased on request.
(What e-mails carry: tests/test_patient_emails.py.)"""

import datetime
import io
import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site
from wagtail.users.models import UserProfile

from contact import retention
from contact.models import QuoteRequest, QuoteRequestNote
from home.models import ClinicSettings
from tests.quote_helpers import INBOX, QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

PATIENT_DATA = "/admin/quote-requests/patient/"


def staff_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@faceclinic.be", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def front_desk(django_user_model):
    return staff_user(django_user_model, "desk", "Front desk")


@pytest.fixture
def desk_client(front_desk):
    client = Client()
    client.force_login(front_desk)
    return client


def send(client, django_capture_on_commit_callbacks, language="fr", **overrides):
    treatment = make_treatment()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(QUOTE_FORM[language], patient_post(language, treatment[language], **overrides))
    assert response.status_code == 303
    return QuoteRequest.objects.order_by("-pk").first()


def received(quote_request, days_ago):
    QuoteRequest.objects.filter(pk=quote_request.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def clinic():
    return ClinicSettings.for_site(Site.objects.get(is_default_site=True))


def logs(quote_request_pk, action):
    return ModelLogEntry.objects.filter(object_id=str(quote_request_pk), action=action)


# Retention


def test_requests_are_kept_twelve_months_by_default_then_purged_with_their_notes(
    client, django_capture_on_commit_callbacks
):
    old = send(client, django_capture_on_commit_callbacks, email="old@example.be")
    recent = send(client, django_capture_on_commit_callbacks, email="recent@example.be")
    QuoteRequestNote.objects.create(quote_request=old, text="Called back.")
    received(old, 400)
    received(recent, 330)
    assert clinic().quote_retention_months == 12

    output = StringIO()
    call_command("purge_quote_requests", stdout=output)

    assert list(QuoteRequest.objects.values_list("email", flat=True)) == ["recent@example.be"]
    assert not QuoteRequestNote.objects.filter(quote_request_id=old.pk).exists()
    assert "Deleted 1 quote request(s)" in output.getvalue()
    assert logs(old.pk, retention.PURGE).exists()


def test_a_shorter_retention_period_in_the_clinic_details_is_respected(client, django_capture_on_commit_callbacks):
    settings_ = clinic()
    settings_.quote_retention_months = 6
    settings_.save()
    request = send(client, django_capture_on_commit_callbacks)
    received(request, 200)

    output = StringIO()
    call_command("purge_quote_requests", "--dry-run", stdout=output)
    assert "1 quote request(s)" in output.getvalue()
    assert QuoteRequest.objects.filter(pk=request.pk).exists(), "a dry run deletes nothing"

    call_command("purge_quote_requests", stdout=StringIO())
    assert not QuoteRequest.objects.filter(pk=request.pk).exists()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2026, 3, 31, 8), 1, datetime.datetime(2026, 2, 28, 8)),
        (datetime.datetime(2026, 1, 15, 8), 12, datetime.datetime(2025, 1, 15, 8)),
        (datetime.datetime(2024, 2, 29, 8), 12, datetime.datetime(2023, 2, 28, 8)),
        (datetime.datetime(2026, 1, 10, 8), 1, datetime.datetime(2025, 12, 10, 8)),
    ],
)
def test_the_retention_period_counts_calendar_months(moment, months, expected):
    assert retention.months_before(moment, months) == expected


def test_the_worker_purges_daily_once_scheduled_and_never_twice(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    assert retention.schedule_next_purge() is True
    assert retention.schedule_next_purge() is False, "one queued purge is enough"
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "contact.retention.purge_expired_quote_requests"
    assert queued.run_after > timezone.now() + datetime.timedelta(hours=23)


def test_deleting_a_request_keeps_its_audit_log_but_not_the_patients_name(
    client, django_capture_on_commit_callbacks, desk_client
):
    request = send(client, django_capture_on_commit_callbacks, name="Camille Dubois")
    desk_client.get(f"{INBOX}edit/{request.pk}/")
    desk_client.post(f"{INBOX}delete/{request.pk}/")

    assert not QuoteRequest.objects.filter(pk=request.pk).exists()
    entries = ModelLogEntry.objects.filter(object_id=str(request.pk))
    assert {entry.action for entry in entries} >= {retention.VIEW, "wagtail.delete"}
    assert not [entry for entry in entries if "Camille" in entry.label]


# Audit log


def test_every_view_of_a_request_is_in_its_history_under_the_reader(
    client, django_capture_on_commit_callbacks, desk_client, front_desk
):
    request = send(client, django_capture_on_commit_callbacks)

    desk_client.get(f"{INBOX}edit/{request.pk}/")
    desk_client.get(f"{INBOX}edit/{request.pk}/")

    views = logs(request.pk, retention.VIEW)
    assert views.count() == 2
    assert {entry.user_id for entry in views} == {front_desk.pk}
    history = desk_client.get(f"{INBOX}history/{request.pk}/").content.decode()
    assert "Viewed" in history


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_every_export_is_in_the_audit_log_with_the_numbers_it_held(
    client, django_capture_on_commit_callbacks, desk_client, front_desk, export_format
):
    from contact import exports

    first = send(client, django_capture_on_commit_callbacks, email="a@example.be")
    second = send(client, django_capture_on_commit_callbacks, email="b@example.be", name="Other")
    third = send(client, django_capture_on_commit_callbacks, "nl", email="c@example.be")

    response = desk_client.get(INBOX, {"export": export_format, "locale": "fr"})
    b"".join(response.streaming_content) if response.streaming else response.content

    (entry,) = ModelLogEntry.objects.filter(action=exports.EXPORT_LIST)
    assert entry.user_id == front_desk.pk
    assert entry.data["format"] == export_format and entry.data["filters"].endswith("locale=fr")
    assert entry.data["count"] == 2 and entry.data["numbers"] == [[first.pk, second.pk]]
    assert third.pk not in (first.pk, second.pk)
    assert "Exported 2 request(s)" in desk_client.get("/admin/reports/site-history/").content.decode()


# A patient's access and erasure requests


def test_front_desk_downloads_every_request_of_one_address_in_any_letter_case(
    client, django_capture_on_commit_callbacks, desk_client
):
    mine = [
        send(client, django_capture_on_commit_callbacks, "fr", email="camille@example.be"),
        send(client, django_capture_on_commit_callbacks, "nl", email="Camille@Example.be"),
    ]
    other = send(client, django_capture_on_commit_callbacks, "en", email="alex@example.com")

    page = desk_client.post(PATIENT_DATA, {"email": "camille@example.be"}).content.decode()
    assert "2 requests from camille@example.be" in page

    response = desk_client.post(PATIENT_DATA, {"email": "camille@example.be", "download": "json"})
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert sorted(item["number"] for item in data["quote_requests"]) == sorted(r.pk for r in mine)
    assert {"answers", "consent", "notes", "received"} <= set(data["quote_requests"][0])
    assert all(logs(r.pk, retention.EXPORT).exists() for r in mine)
    assert not logs(other.pk, retention.EXPORT).exists()


def test_front_desk_erases_every_request_of_one_address_and_nothing_else(
    client, django_capture_on_commit_callbacks, desk_client
):
    mine = send(client, django_capture_on_commit_callbacks, email="camille@example.be", name="Camille Dubois")
    QuoteRequestNote.objects.create(quote_request=mine, text="Asked for a call.")
    other = send(client, django_capture_on_commit_callbacks, email="alex@example.com")

    unconfirmed = desk_client.post(PATIENT_DATA, {"email": "camille@example.be"})
    assert unconfirmed.status_code == 200 and QuoteRequest.objects.filter(pk=mine.pk).exists()

    response = desk_client.post(PATIENT_DATA, {"email": "camille@example.be", "confirm": "erase"})

    assert response.status_code == 302
    assert list(QuoteRequest.objects.values_list("pk", flat=True)) == [other.pk]
    assert not QuoteRequestNote.objects.filter(quote_request_id=mine.pk).exists()
    (entry,) = logs(mine.pk, retention.ERASE)
    assert "Camille" not in entry.label


def test_marketing_cannot_reach_patient_data(client, django_user_model):
    marketing = staff_user(django_user_model, "marketing", "Marketing")
    client.force_login(marketing)

    assert client.get(PATIENT_DATA).status_code == 403
    assert client.post(PATIENT_DATA, {"email": "camille@example.be"}).status_code == 403
    assert client.post(PATIENT_DATA, {"email": "camille@example.be", "confirm": "erase"}).status_code == 403


def test_the_inbox_links_to_the_patient_data_page(client, django_capture_on_commit_callbacks, desk_client):
    request = send(client, django_capture_on_commit_callbacks, email="camille@example.be")

    assert PATIENT_DATA in desk_client.get(INBOX).content.decode()
    edit_page = BeautifulSoup(desk_client.get(f"{INBOX}edit/{request.pk}/").content, "html.parser")
    form = edit_page.select_one(f'form[action="{PATIENT_DATA}"][method="post"]')
    assert form.select_one("input[name=email]")["value"] == "camille@example.be"
    assert "camille%40example.be" not in str(edit_page), "the address is posted, never in a URL"


def test_csv_export_reads_back_every_request(client, django_capture_on_commit_callbacks, desk_client):
    import csv

    send(client, django_capture_on_commit_callbacks)
    response = desk_client.get(INBOX, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert len(rows) == 2
