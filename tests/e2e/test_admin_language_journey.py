"""Issue 12, fault 9, in Chromium: a French-speaking marketer and an English-speaking doctor read the admin in their
own language where Wagtail 7.4 translated labels once, at start-up, in Dutch: the page chooser of a new FAQ, the
image chooser's tabs, the doctor's "Approve with comment" box. Screenshots at phone and desktop width."""

import re

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import override as language_override
from playwright.sync_api import expect

from tests.e2e.browser import E2E, SCREENSHOTS, log_in, staff_user

pytestmark = E2E

PASSWORD = "admin-language-123"
QUESTION = "Can I wash my hair after PRP?"
SHOTS = SCREENSHOTS / "admin-language"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def in_language(language, msgid):
    with language_override(language):
        return str(gettext(msgid))


def faq_in_review(marketing_user):
    """An FAQ Marketing wrote and sent to the medical review."""
    from wagtail.models import Locale

    from treatments.models import FAQ

    faq = FAQ(locale=Locale.objects.get(language_code="en"), question=QUESTION, answer="<p>The next day.</p>")
    faq.live = False
    faq.save()
    faq.save_revision(user=marketing_user)
    FAQ.get_default_workflow().start(faq, marketing_user)
    return faq


def test_a_french_marketer_and_an_english_doctor_read_the_admin_in_their_language(open_page, django_user_model):
    from treatments.models import TreatmentIndexPage, TreatmentPage

    marketing_user = staff_user(django_user_model, "marie", "Marketing", PASSWORD, language="fr")
    staff_user(django_user_model, "doctor", "Medical reviewers", PASSWORD, language="en")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with language_override("fr"):
        treatment_page = str(capfirst(TreatmentPage._meta.verbose_name))

    for width, viewport in VIEWPORTS.items():
        marketer = open_page(viewport=viewport)
        log_in(marketer, "marie", PASSWORD)

        marketer.goto("/admin/snippets/treatments/faq/add/")
        marketer.locator("#id_treatment_links-ADD").click()
        chooser_button = marketer.locator('[data-contentpath="treatment"]').first.get_by_role("button").first
        expect(chooser_button).to_have_text(f"{in_language('fr', 'Choose a page')} ({treatment_page})")
        expect(marketer.locator("main")).not_to_contain_text(in_language("nl", "Choose a page"))
        marketer.screenshot(path=SHOTS / f"fr-add-faq-{width}.png", full_page=True)

        index = TreatmentIndexPage.objects.get(locale__language_code="en")
        marketer.goto(f"/admin/pages/add/treatments/treatmentpage/{index.pk}/")
        marketer.locator('[data-contentpath="hero_image"]').get_by_role("button").first.click()
        modal = marketer.locator(".modal-dialog")
        expect(modal.get_by_role("tab", name=re.compile(in_language("fr", "Search")))).to_be_visible()
        expect(modal.get_by_role("tab", name=re.compile(in_language("nl", "Search")))).to_have_count(0)
        marketer.wait_for_timeout(600)  # the modal fades in: the screenshot is for a person to read
        marketer.screenshot(path=SHOTS / f"fr-image-chooser-{width}.png")

    faq_in_review(marketing_user)
    for width, viewport in VIEWPORTS.items():
        doctor = open_page(viewport=viewport)
        log_in(doctor, "doctor", PASSWORD)
        awaiting = doctor.locator("section", has=doctor.get_by_role("heading", name="Awaiting your review"))
        row = awaiting.get_by_role("row").filter(has_text=QUESTION)
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve with comment").click()
        modal = doctor.locator(".modal-dialog")
        expect(modal.locator("label[for=id_comment]")).to_have_text(re.compile(r"^\s*Comment\b"))
        expect(modal).not_to_contain_text(in_language("nl", "Comment"))
        doctor.wait_for_timeout(600)
        doctor.screenshot(path=SHOTS / f"en-approve-with-comment-{width}.png")
