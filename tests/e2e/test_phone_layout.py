"""On a phone, the way to ask for a quote is in the first screen of a treatment page, and covers no text."""

import pytest

from tests.e2e.browser import E2E

pytestmark = E2E

PHONE = {"width": 390, "height": 844}
PRP = {
    "nl": "/nl/behandelingen/prp-bij-haaruitval/",
    "fr": "/fr/traitements/prp-chute-de-cheveux/",
    "en": "/en/treatments/prp-hair-loss/",
}
QUOTE_FORM = {"nl": "/nl/offerte-aanvragen/", "fr": "/fr/demande-de-devis/", "en": "/en/ask-for-a-quote/"}


def in_first_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_quote_link_is_in_the_first_screen_of_a_treatment_page_on_a_phone(open_page, language):
    page = open_page(locale=f"{language}-BE", viewport=PHONE)
    page.goto(PRP[language])

    quote_links = page.locator(f'a[href^="{QUOTE_FORM[language]}"]:visible')
    assert any(in_first_screen(page, quote_links.nth(i)) for i in range(quote_links.count()))
    # Nothing is fixed over the text: the page scrolls with every link in its place.
    fixed = page.evaluate(
        "() => [...document.querySelectorAll('body *')].filter(e => getComputedStyle(e).position === 'fixed')"
        ".filter(e => e.offsetParent !== null || e.getClientRects().length).length"
    )
    assert fixed == 0
    # No sideways scrolling on a phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_phone_header_is_one_compact_row_plus_the_menu(open_page, language):
    page = open_page(locale=f"{language}-BE", viewport=PHONE)
    page.goto(PRP[language])

    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height <= 140, header_height
