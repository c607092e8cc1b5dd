"""The front desk works through a French quote request in the inbox and exports the list, in Chromium."""

import csv
import io
import re

from django.test import Client
from playwright.sync_api import expect

from contact.models import QuoteRequest
from tests.e2e.browser import E2E, log_in, staff_user
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post
from tests.two_factor_helpers import authenticator_for

pytestmark = E2E

PASSWORD = "front-desk-password-123"
NOTE = "Called back: consultation booked for Monday 10:00."


def requests_in_three_languages():
    treatment = make_treatment()
    client = Client()
    for language in ("nl", "fr", "en"):
        response = client.post(QUOTE_FORM[language], patient_post(language, treatment[language]))
        assert response.status_code == 303


def test_front_desk_filters_french_requests_marks_one_contacted_with_a_note_and_exports_csv(
    open_page, django_user_model, settings
):
    settings.WAGTAIL_2FA_REQUIRED = True  # as on the clinic's server: patient data behind two factors
    user = staff_user(django_user_model, "frontdesk", "Front desk", PASSWORD)
    requests_in_three_languages()

    page = open_page()
    log_in(page, "frontdesk", PASSWORD, authenticator=authenticator_for(user))
    page.get_by_role("link", name=re.compile("^Requests")).click()
    expect(page).to_have_url(re.compile(r"/admin/quote-requests/$"))
    listing = page.locator("table.listing tbody tr")
    expect(listing).to_have_count(3)

    # Filter by language: only the French request is left.
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Language").click()
    page.get_by_role("radio", name="French").check()
    expect(page).to_have_url(re.compile(r"[?&]locale=fr(&|$)"))
    expect(listing).to_have_count(1)
    expect(listing.first).to_contain_text("Camille Dubois")

    # Open it, set it to "contacted" and leave a note for colleagues.
    page.get_by_role("link", name="Camille Dubois").click()
    # The request is named by its number (audit entries carry no patient data); the patient's data are below.
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"Quote request \d+"))
    expect(page.get_by_text("camille@example.be")).to_be_visible()
    page.get_by_role("combobox", name="Status").select_option(label="Contacted")
    page.get_by_role("textbox", name="Add a note").fill(NOTE)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text(re.compile(r"Quote request \d+"))

    stored = QuoteRequest.objects.get(locale__language_code="fr")
    assert stored.status == QuoteRequest.Status.CONTACTED
    assert set(stored.notes.values_list("author", flat=True)) == {user.pk}, "status change and note, by her"

    page.goto(f"/admin/quote-requests/edit/{stored.pk}/")
    expect(page.get_by_role("combobox", name="Status")).to_have_value("contacted")
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_text("Status changed from New to Contacted.")).to_be_visible()

    # Export what the filter shows as CSV: a real download.
    page.goto("/admin/quote-requests/?locale=fr")
    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.DictReader(io.StringIO(exported.read()), delimiter=";"))
    assert len(rows) == 1
    row = rows[0]
    assert "Camille Dubois" in row.values()
    assert "Contacted" in row.values()
