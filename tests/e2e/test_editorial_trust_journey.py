"""Issue 12's journey in Chromium, with new content: Marketing creates a treatment and its FAQ, the doctor previews
and approves (the page then names that doctor and that date), Marketing sends it to Dutch and French, and nothing
Dutch or French is public until a translator has translated it and Marketing has published it. Then an English
edit and a sync mark both translations out of date and change nothing public."""

import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override as language_override
from playwright.sync_api import expect

from tests.e2e.browser import E2E, SCREENSHOTS, log_in, staff_user

pytestmark = E2E

PASSWORD = "journey-password-123"
TITLE = "Mesotherapy for hair loss"
QUESTION = "Does mesotherapy hurt?"
DOCTOR = "Dr. Anna Peeters"
TRANSLATED_TITLES = {"nl": "Mesotherapie bij haaruitval", "fr": "Mésothérapie contre la chute de cheveux"}
INDEXES = {"nl": "/nl/behandelingen/", "fr": "/fr/traitements/", "en": "/en/treatments/"}
SHOTS = SCREENSHOTS / "editorial-trust"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
LEGAL_SECTIONS = ["indications", "contraindications", "risks_and_side_effects", "follow_up_care", "alternatives"]


def choose_in_modal(page, name, search=None):
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    if search:
        modal.locator("input[name=q]").fill(search)
    modal.get_by_role("link", name=name).first.click()
    expect(modal).to_be_hidden()


def submit_to_review(page):
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Submit to Medical review").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("submitted", re.IGNORECASE))


def create_treatment(page, index):
    page.goto(f"/admin/pages/add/treatments/treatmentpage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Small injections into the scalp.")
    page.locator('[data-contentpath="hero_image"]').get_by_role("button").first.click()
    choose_in_modal(page, re.compile("PRP treatment: platelets"))
    for name in LEGAL_SECTIONS:
        page.locator(f'[data-contentpath="{name}"] [role="textbox"]').click()
        page.keyboard.type(f"What patients must know: {name.replace('_', ' ')}.")
    page.locator("#id_practitioners-ADD").click()  # no empty row is imposed: drafts may name nobody yet
    page.locator('[data-contentpath="practitioner"]').first.get_by_role("button").first.click()
    choose_in_modal(page, re.compile(re.escape(DOCTOR)))
    submit_to_review(page)


def create_faq(page):
    page.goto("/admin/snippets/treatments/faq/add/")
    expect(page.locator("header")).to_contain_text("English")  # "Add FAQ" starts in the source language
    page.locator("#id_question").fill(QUESTION)
    page.locator('[data-contentpath="answer"] [role="textbox"]').click()
    page.keyboard.type("A little: the scalp is numbed first.")
    page.get_by_role("button", name=re.compile("Add Treatments")).click()
    page.locator('[data-contentpath="treatment"]').first.get_by_role("button").first.click()
    choose_in_modal(page, TITLE, search=TITLE)
    submit_to_review(page)


def approve_on_dashboard(doctor, text, preview_heading=None, is_page=True):
    doctor.goto("/admin/")
    awaiting = doctor.locator("section", has=doctor.get_by_role("heading", name="Awaiting your review"))
    rows = awaiting.get_by_role("row")
    # A page's row links its title (which an FAQ row may mention too); an FAQ's row shows its question.
    row = rows.filter(has=doctor.get_by_role("link", name=text, exact=True)) if is_page else rows.filter(has_text=text)
    if preview_heading:
        row.get_by_role("button", name="Actions").click()
        with doctor.context.expect_page() as opened:
            row.get_by_role("link", name="Preview").click()
        preview = opened.value
        expect(preview.locator("h1")).to_have_text(preview_heading)  # the doctor sees the draft
        preview.screenshot(path=SHOTS / "doctor-preview-desktop.png")
        preview.close()
        doctor.reload()
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(row).to_have_count(0)


def translate_everything(page, translation_page, language):
    """In wagtail-localize's editor, as a translator does: each untranslated segment, then save."""
    page.goto(f"/admin/pages/{translation_page.pk}/edit/")
    expect(page.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)  # Translators never publish
    expect(page.get_by_text("Convert to alias page")).to_have_count(0)
    # Untranslated text segments (synchronised ones, such as the image, have no "Translate" button).
    remaining = page.locator("li.incomplete").filter(has=page.get_by_role("button", name="Translate"))
    expect(remaining.first).to_be_visible()
    page.screenshot(path=SHOTS / f"translator-editor-{language}-desktop.png")
    while remaining.count():
        segment = remaining.first
        text = segment.inner_text()
        if TITLE in text:
            value = TRANSLATED_TITLES[language]
        else:
            value = f"Vertaald ({language})" if language == "nl" else f"Traduit ({language})"
        before = remaining.count()
        segment.get_by_role("button", name="Translate").click()
        editing = page.locator("li.incomplete").filter(has=page.locator("textarea")).first
        editing.locator("textarea").fill(value)
        editing.get_by_role("button", name="Save").click()
        expect(remaining).to_have_count(before - 1)


def public_status(anonymous, path):
    return anonymous.request.get(path, max_redirects=0).status


def test_new_treatment_reviewed_translated_and_published_only_by_people(open_page, django_user_model):
    from wagtail.models import Locale

    from treatments.models import Practitioner, TreatmentIndexPage, TreatmentPage

    SHOTS.mkdir(parents=True, exist_ok=True)
    staff_user(django_user_model, "marketing", "Marketing", PASSWORD)
    staff_user(django_user_model, "translator", "Translators", PASSWORD)
    doctor_account = staff_user(django_user_model, "doctor", "Medical reviewers", PASSWORD)
    Practitioner.objects.create(
        locale=Locale.objects.get(language_code="en"),
        name=DOCTOR,
        professional_title="Doctor of medicine, dermatologist",
        user=doctor_account,
    )
    index = TreatmentIndexPage.objects.get(locale__language_code="en")

    marketing = open_page()
    log_in(marketing, "marketing", PASSWORD)
    create_treatment(marketing, index)
    english = TreatmentPage.objects.get(title=TITLE)
    assert not english.live
    create_faq(marketing)

    doctor = open_page()
    log_in(doctor, "doctor", PASSWORD)
    approve_on_dashboard(doctor, TITLE, preview_heading=TITLE)
    approve_on_dashboard(doctor, QUESTION, is_page=False)

    anonymous = open_page(locale="en-BE")
    english.refresh_from_db()
    anonymous.goto(english.url)
    # The English page's date, whatever language an earlier test left active in this process.
    with language_override("en"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    expect(anonymous.locator(".medical-review")).to_contain_text(DOCTOR)
    expect(anonymous.locator(".medical-review")).to_contain_text(today)
    expect(anonymous.get_by_text(QUESTION)).to_be_visible()

    # Marketing sends it to Dutch and French: drafts, nothing public.
    marketing.goto(f"/admin/pages/{english.pk}/edit/")
    marketing.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions").click()
    marketing.get_by_role("link", name="Translate this page").click()
    marketing.get_by_label("Nederlands").check()
    marketing.get_by_label("Français").check()
    marketing.get_by_role("button", name="Submit").click()
    expect(marketing.locator(".messages")).to_be_visible()
    translations = {code: english.get_translation(Locale.objects.get(language_code=code)) for code in ("nl", "fr")}
    for code, translation in translations.items():
        assert not translation.live
        assert public_status(anonymous, translation.url) == 404
        anonymous.goto(INDEXES[code])
        expect(anonymous.get_by_text(TITLE)).to_have_count(0)
    sitemap = anonymous.request.get("/sitemap.xml").text()
    assert "/nl/behandelingen/mesotherapy" not in sitemap and "/fr/traitements/mesotherapy" not in sitemap

    # The translator translates; still nothing public until Marketing publishes.
    translator = open_page()
    log_in(translator, "translator", PASSWORD)
    for code, translation in translations.items():
        translate_everything(translator, translation, code)
        translation.refresh_from_db()
        assert not translation.live
    for translation in translations.values():
        marketing.goto(f"/admin/pages/{translation.pk}/edit/")
        marketing.get_by_role("button", name=re.compile("Publish in")).click()
        expect(marketing.locator(".messages")).to_contain_text(re.compile("published", re.IGNORECASE))

    # Three languages, the switcher, the index and the sitemap.
    for code in ("nl", "fr"):
        translation = TreatmentPage.objects.get(pk=translations[code].pk)
        assert translation.live and translation.title == TRANSLATED_TITLES[code]
        anonymous.goto(translation.url)
        expect(anonymous.locator("html")).to_have_attribute("lang", code)
        expect(anonymous.locator("h1")).to_have_text(TRANSLATED_TITLES[code])
        expect(anonymous.locator(".medical-review")).to_contain_text(DOCTOR)
        anonymous.goto(INDEXES[code])
        expect(anonymous.get_by_role("link", name=TRANSLATED_TITLES[code])).to_be_visible()
    anonymous.goto(english.url)
    sitemap = anonymous.request.get("/sitemap.xml").text()
    for code in ("nl", "fr"):
        translation = TreatmentPage.objects.get(pk=translations[code].pk)
        switch = anonymous.locator(f'a[hreflang="{code}"]').filter(has_text=re.compile("Nederlands|Français")).first
        expect(switch).to_have_attribute("href", translation.url)
        assert f"<loc>{translation.full_url}</loc>" in sitemap

    for code in ("nl", "fr", "en"):
        page_url = english.url if code == "en" else TreatmentPage.objects.get(pk=translations[code].pk).url
        for width_name, viewport in VIEWPORTS.items():
            visitor = open_page(locale=f"{code}-BE", viewport=viewport)
            visitor.goto(page_url)
            visitor.screenshot(path=SHOTS / f"{code}-treatment-{width_name}.png", full_page=True)

    # An English edit, reviewed, and a sync: Dutch and French are out of date, and nothing public changes.
    dutch_before = anonymous.request.get(translations["nl"].url).text()
    marketing.goto(f"/admin/pages/{english.pk}/edit/")
    summary = marketing.locator("#id_summary")
    summary.fill(f"{summary.input_value()} Each session takes half an hour.")
    submit_to_review(marketing)
    approve_on_dashboard(doctor, TITLE)
    marketing.goto(f"/admin/pages/{english.pk}/edit/")
    marketing.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions").click()
    marketing.get_by_role("link", name="Sync translated pages").click()
    marketing.get_by_role("button", name="Submit").click()
    expect(marketing).to_have_url(re.compile(rf"/admin/pages/{english.pk}/edit/$"))
    marketing.goto("/admin/reports/translation-status/?type=treatments.treatmentpage")
    for code in ("nl", "fr"):
        row = marketing.locator(f'tr[data-locale="{code}"]').filter(has_text=TITLE)
        expect(row).to_have_attribute("data-status", "out_of_date")
    marketing.screenshot(path=SHOTS / "report-desktop.png", full_page=True)
    assert anonymous.request.get(translations["nl"].url).text() == dutch_before
