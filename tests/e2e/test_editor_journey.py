"""A marketing editor changes the English PRP page, a doctor approves it, and the editor translates the change into
French, in Chromium."""

import re

from playwright.sync_api import expect

from tests.e2e.browser import E2E, log_in, staff_user
from tests.quote_helpers import make_treatment
from treatments.factories import PractitionerFactory

pytestmark = E2E

PASSWORD = "marketing-password-123"
ADDED_EN = "Each session takes about an hour."
ADDED_FR = "Chaque séance dure environ une heure."


def test_editor_changes_english_page_syncs_and_translates_french_and_the_french_page_shows_it(
    open_page, django_user_model
):
    staff_user(django_user_model, "marketing", "Marketing", PASSWORD)
    staff_user(django_user_model, "doctor", "Medical reviewers", PASSWORD)
    pages = make_treatment()
    english, french = pages["en"], pages["fr"]
    # The clinic has named its practitioner (the loader invents none): a treatment is submitted with one.
    name_practitioner(english)
    french_summary = french.summary
    public_french = french.url

    page = open_page()
    log_in(page, "marketing", PASSWORD)

    # Edit the English source page and submit it to the medical review (issue 5): Marketing cannot publish it.
    page.goto(f"/admin/pages/{english.pk}/edit/")
    summary = page.locator("#id_summary")
    summary.fill(f"{summary.input_value()} {ADDED_EN}")
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Submit to Medical review").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("submitted", re.IGNORECASE))

    # A doctor finds it on their dashboard, awaiting their review, and approves it; the approval publishes it.
    doctor = open_page()
    log_in(doctor, "doctor", PASSWORD)
    doctor.goto("/admin/")
    awaiting = doctor.locator("section", has=doctor.get_by_role("heading", name="Awaiting your review"))
    row = awaiting.get_by_role("row").filter(has_text=english.title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(awaiting.get_by_role("row").filter(has_text=english.title)).to_have_count(0)  # off the doctor's list
    english.refresh_from_db()
    assert english.live and ADDED_EN in english.summary

    # Sync: the new English text becomes a segment to translate in the French version.
    page.goto(f"/admin/pages/{english.pk}/edit/")
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Sync translated pages").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Update existing translations")
    page.get_by_role("button", name="Submit").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{english.pk}/edit/$"))

    # Until the translator has done their part, French patients read the French text they had.
    anonymous = open_page(locale="fr-BE")
    anonymous.goto(public_french)
    expect(anonymous.locator(".lead")).to_have_text(french_summary)

    # Translate the changed segment in wagtail-localize's editor, then publish the French page.
    page.goto(f"/admin/pages/{french.pk}/edit/")
    segment = page.locator("li.incomplete", has_text=ADDED_EN)
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(f"{french_summary} {ADDED_FR}")
    segment.get_by_role("button", name="Save").click()
    expect(page.locator("li.incomplete", has_text=ADDED_EN)).to_have_count(0)
    page.get_by_role("button", name="Publish in Français").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("published", re.IGNORECASE))

    anonymous.goto(public_french)
    expect(anonymous.locator(".lead")).to_have_text(f"{french_summary} {ADDED_FR}")
    expect(anonymous.locator("html")).to_have_attribute("lang", "fr")


def name_practitioner(treatment):
    from treatments.models import TreatmentPractitioner

    treatment.practitioners.add(TreatmentPractitioner(practitioner=PractitionerFactory()))
    treatment.save_revision().publish()
