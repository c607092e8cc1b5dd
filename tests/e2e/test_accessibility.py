"""WCAG 2.2 AA in a real browser: axe-core on every public page type in three languages, and the keyboard."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.browser import E2E, axe_violations
from tests.e2e.pages import public_pages, visit
from tests.quote_helpers import TREATMENT_TITLES

pytestmark = E2E

# WCAG 1.4.10 (reflow) asks for no horizontal scrolling at 320 CSS pixels: the narrowest phone is the test.
NARROW = {"width": 320, "height": 720}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_public_page_type_has_no_axe_violations_and_reflows_on_a_narrow_phone(open_page, language):
    swept, violations = [], []
    for viewport in (NARROW, DESKTOP):
        page = open_page(locale=f"{language}-BE", viewport=viewport)
        for public_page in public_pages(language):
            visit(page, public_page)
            assert page.locator("html").get_attribute("lang") == language, public_page.url
            violations += [f"{viewport['width']}px {line}" for line in axe_violations(page)]
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                violations.append(f"{viewport['width']}px {page.url}: scrolls sideways by {overflow}px (WCAG 1.4.10)")
            swept.append(public_page.name)
    assert len(swept) == 2 * 15
    assert violations == [], "\n".join(violations)


# The focused element, and its focus ring: drawn (2 px at least), in sight, and its contrast with the background
# around it (WCAG 1.4.11 asks 3:1 for what shows the focus).
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
    const luminance = (colour) => {
        const [r, g, b] = rgb(colour).slice(0, 3).map((v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let background = 'rgb(255, 255, 255)';
    for (let parent = el.parentElement; parent; parent = parent.parentElement) {
        const colour = getComputedStyle(parent).backgroundColor;
        if (rgb(colour).length === 3 || rgb(colour)[3] > 0) { background = colour; break; }
    }
    const [lighter, darker] = [luminance(style.outlineColor), luminance(background)].sort((a, b) => b - a);
    return {
        id: el.id,
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || '').trim().slice(0, 80),
        href: el.getAttribute('href') || '',
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        contrast: (lighter + 0.05) / (darker + 0.05),
        inViewport: box.bottom > 0 && box.top < window.innerHeight && box.width > 0 && box.height > 0,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab(page, shift=False):
    page.keyboard.press("Shift+Tab" if shift else "Tab")
    element = focused(page)
    assert element["outline"], f"no visible focus indicator on {element}"
    assert element["contrast"] >= 3, f"focus indicator contrast {element['contrast']:.2f}:1 on {element}"
    assert element["inViewport"], f"focused element out of sight: {element}"
    return element


def tab_until(page, predicate, limit=60):
    for _ in range(limit):
        element = tab(page)
        if predicate(element):
            return element
    raise AssertionError("not reached with Tab")


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_stop_on_the_treatment_page_and_the_form_errors_shows_a_visible_focus_ring(open_page, language):
    page = open_page(locale=f"{language}-BE", viewport=NARROW)
    for public_page in public_pages(language):
        if public_page.name not in ("treatment", "quote-form-errors"):
            continue
        visit(page, public_page)
        stops = 0
        while True:
            page.keyboard.press("Tab")
            # Past the last stop the focus leaves the document or wraps round to the first one.
            if page.evaluate(
                """() => {
                    const el = document.activeElement;
                    if (el === document.body || el.dataset.e2eVisited) return true;
                    el.dataset.e2eVisited = 'yes';
                    return false;
                }"""
            ):
                break
            element = focused(page)
            assert element["outline"], f"{public_page.url}: no visible focus indicator on {element}"
            assert element["contrast"] >= 3, (
                f"{public_page.url}: focus contrast {element['contrast']:.2f}:1 on {element}"
            )
            assert element["inViewport"], f"{public_page.url}: focused element out of sight: {element}"
            stops += 1
            assert stops < 200, f"{public_page.url}: the focus never leaves the page"
        assert stops > 10


def test_on_a_phone_the_main_menu_folds_behind_a_menu_button_that_the_keyboard_opens(open_page):
    phone = open_page(locale="fr-BE", viewport={"width": 390, "height": 800})
    phone.goto("/fr/")
    treatments = phone.locator("nav.menu--main").get_by_role("link", name="Traitements", exact=True)
    expect(treatments).to_be_hidden()
    # The clinic's name and "Menu" share the first row, the languages the second: the page starts right below.
    assert phone.locator(".site-header").bounding_box()["height"] <= 130

    tab_until(phone, lambda element: element["tag"] == "summary" and element["text"] == "Menu")
    phone.keyboard.press("Enter")
    expect(treatments).to_be_visible()
    assert tab(phone)["text"] == "Accueil"  # the menu's links come right after the button
    tab_until(phone, lambda element: element["text"] == "Traitements")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/fr/traitements/$"))

    desktop = open_page(locale="fr-BE", viewport=DESKTOP)
    desktop.goto("/fr/")
    expect(desktop.locator("nav.menu--main").get_by_role("link", name="Traitements", exact=True)).to_be_visible()
    expect(desktop.locator(".site-menu__toggle")).to_be_hidden()


def nl(message):
    with translation.override("nl"):
        return gettext(message)


def test_quote_journey_with_the_keyboard_only(open_page, mailbox):
    page = open_page(locale="nl-BE")
    page.goto("/nl/behandelingen/prp-bij-haaruitval/")

    # The first Tab shows the skip link; Enter moves the focus to the main content.
    skip = tab(page)
    assert skip["href"] == "#main"
    assert skip["text"] == nl("Skip to main content")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # From the content, Tab reaches the quote button; Enter follows it.
    tab_until(page, lambda element: element["text"] == nl("Ask for a quote"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/nl/offerte-aanvragen/\?treatment=\d+$"))

    # The form's fields in reading order; the honeypot is never a stop.
    tab_until(page, lambda element: element["id"] == "id_name")
    page.keyboard.type("Jan Peeters")
    stops = ["id_name"]
    for _ in range(12):
        element = tab(page)
        stops.append(element["id"] or element["tag"])
        if element["id"] == "id_email":
            page.keyboard.type("jan.peeters@example")
        elif element["id"] == "id_preferred_contact_time_0":
            page.keyboard.press("Space")
        elif element["id"] == "id_message":
            page.keyboard.type("Hoeveel sessies zijn er nodig?")
        elif element["id"] == "id_consent":
            page.keyboard.press("Space")
        elif element["tag"] == "button":
            break
    assert stops == [
        "id_name",
        "id_email",
        "id_phone",
        "id_treatment",
        "id_preferred_language",
        "id_preferred_contact_time_0",
        "id_message",
        "id_consent",
        "a",  # the privacy policy, linked from the consent text
        "button",
    ]
    expect(page.locator("#id_treatment option:checked")).to_have_text(TREATMENT_TITLES["nl"])
    page.keyboard.press("Enter")

    # The error is announced: an alert with a summary, and the field described by its message and marked invalid.
    expect(page).to_have_title(re.compile("^" + re.escape(nl("Error:"))))
    expect(page.get_by_role("alert")).to_contain_text(nl("Please check your answers"))
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    described_by = email.get_attribute("aria-describedby").split()
    assert "id_email_error" in described_by
    expect(page.locator("#id_email_error")).to_have_text(nl("Enter a valid e-mail address."))
    expect(email).to_have_accessible_description(re.compile(re.escape(nl("Enter a valid e-mail address."))))
    for field in ("#id_name", "#id_message"):
        expect(page.locator(field)).not_to_have_attribute("aria-invalid", "true")

    # From the summary's link back to the field, correct it, and send with Enter.
    tab(page)  # the skip link
    page.keyboard.press("Enter")
    summary_link = tab(page)
    assert summary_link["href"] == "#id_email"
    page.keyboard.press("Enter")
    if focused(page)["id"] != "id_email":  # the link moved the starting point, not the focus
        tab(page)
    assert focused(page)["id"] == "id_email"
    page.keyboard.press("Control+A")
    page.keyboard.type("jan.peeters@example.be")
    tab_until(page, lambda element: element["tag"] == "button")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/nl/offerte-aanvragen/bedankt/$"))
    assert len(mailbox.to("frontdesk@faceclinic.be")) == 1
