"""The front desk's day in Chromium, in Dutch, French and English, on a phone and a desktop: dashboard, the
filtered inbox, a phone-number search, the request with every answer, assigning it, the patient-data page.

Screenshots go to ./screenshots/front-desk-day/ (or under SCREENSHOTS_DIR) for a person to look at."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from contact.models import QuoteRequest
from tests.e2e.browser import E2E, SCREENSHOTS, log_in
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

pytestmark = E2E

PASSWORD = "front-desk-password-123"
SHOTS = SCREENSHOTS / "front-desk-day"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
WORDS = {
    "nl": {"new": "Nieuwe aanvragen: 3", "save": "Opslaan", "status": "Status", "contacted": "Gecontacteerd"},
    "fr": {"new": "Nouvelles demandes : 3", "save": "Enregistrer", "status": "Statut", "contacted": "Contactée"},
    "en": {"new": "New requests: 3", "save": "Save", "status": "Status", "contacted": "Contacted"},
}


def front_desk_member(django_user_model, language):
    user = django_user_model.objects.create_user(
        f"desk-{language}", f"desk-{language}@faceclinic.be", PASSWORD, first_name="Sofie", last_name="Claes"
    )
    user.groups.add(Group.objects.get(name="Front desk"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def shoot(page, language, viewport, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{language}-{viewport}-{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_front_desk_day_in_each_language(open_page, django_user_model, language):
    user = front_desk_member(django_user_model, language)
    treatment = make_treatment()
    for patient_language in ("nl", "fr", "en"):
        overrides = {"phone": "0470 12 34 56"} if patient_language == "fr" else {}
        response = Client().post(
            QUOTE_FORM[patient_language], patient_post(patient_language, treatment[patient_language], **overrides)
        )
        assert response.status_code == 303
    french = QuoteRequest.objects.get(locale__language_code="fr")
    words = WORDS[language]

    for viewport, size in VIEWPORTS.items():
        page = open_page(viewport=size)
        log_in(page, user.username, PASSWORD)
        shoot(page, language, viewport, "1-dashboard")
        expect(page.get_by_text("Search all pages")).to_have_count(0)

        page.get_by_role("link", name=words["new"]).click()
        expect(page).to_have_url(re.compile(r"/admin/quote-requests/\?status=new$"))
        expect(page.locator("table.listing tbody tr")).to_have_count(3)
        shoot(page, language, viewport, "2-inbox-new")

        page.goto("/admin/quote-requests/?q=%2B32470123456")
        expect(page.locator("table.listing tbody tr")).to_have_count(1)
        shoot(page, language, viewport, "3-search-phone")

        page.goto(f"/admin/quote-requests/edit/{french.pk}/")
        expect(page.locator('a[href="tel:+32470123456"]')).to_have_text("+32 470 12 34 56")
        expect(page.locator('a[href="mailto:camille@example.be"]')).to_be_visible()
        if viewport == "desktop":
            page.get_by_role("combobox", name=words["status"]).select_option(label=words["contacted"])
            page.locator("select[name=assignee]").select_option(label="Sofie Claes")
            page.get_by_role("button", name=words["save"]).first.click()
            page.goto(f"/admin/quote-requests/edit/{french.pk}/")
            expect(page.locator(".quote-request-notes")).to_contain_text("Sofie Claes")
        shoot(page, language, viewport, "4-request")

        page.goto("/admin/quote-requests/patient/")
        page.locator("input[name=email]").fill("camille@example.be")
        page.locator("main form[method=post] button[type=submit]").first.click()
        expect(page).to_have_url(re.compile(r"/admin/quote-requests/patient/$"))
        expect(page.locator("table.listing tbody tr")).to_have_count(1)
        shoot(page, language, viewport, "5-patient-data")

        response = page.goto("/admin/quote-requests/edit/987654/")
        assert response.status == 404
        expect(page).to_have_url(re.compile(r"/admin/quote-requests/edit/987654/$"))
        shoot(page, language, viewport, "6-gone-404")
        page.context.close()

    french.refresh_from_db()
    assert french.status == "contacted" and french.assignee == user
