"""Every kind of public page, in one language, as the accessibility sweep and the screenshots visit them."""

from dataclasses import dataclass

from django.apps import apps

from tests.quote_helpers import THANK_YOU

# (name, model): the first live page of each model in the language, in tree order.
PAGE_MODELS = [
    ("home", "home.HomePage"),
    ("standard", "home.StandardPage"),
    ("treatment-index", "treatments.TreatmentIndexPage"),
    ("treatment", "treatments.TreatmentPage"),
    ("condition", "treatments.ConditionPage"),
    ("faq", "treatments.FAQPage"),
    ("search", "treatments.SearchPage"),
    ("contact", "contact.ContactPage"),
    ("quote-form", "contact.QuoteFormPage"),
]
# Words that find something on the search page in every language, and words that find nothing.
SEARCH_HIT = "PRP"
SEARCH_MISS = "xylofoon"


@dataclass
class PublicPage:
    name: str
    url: str
    status: int = 200
    # After loading: "submit" sends the form empty, to show its error state; "open menu" unfolds the phone menu.
    action: str = ""
    # A CSS selector that must be on the page, so the state swept is the state named.
    shows: str = "main h1"


def live_page(model_label, language):
    page = (
        apps.get_model(model_label)
        .objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    assert page is not None, f"no live {model_label} in {language}"
    return page


def public_pages(language):
    """Each public page type, plus the states patients meet: search hits and misses, form errors, thanks, 404."""
    urls = {name: live_page(model, language).url for name, model in PAGE_MODELS}
    pages = [PublicPage(name, url) for name, url in urls.items()]
    pages += [
        PublicPage("search-results", f"{urls['search']}?q={SEARCH_HIT}", shows=".search-results li"),
        PublicPage("search-no-results", f"{urls['search']}?q={SEARCH_MISS}", shows=".search-empty"),
        PublicPage("quote-form-errors", urls["quote-form"], action="submit", shows=".error-summary"),
        PublicPage("thank-you", urls["quote-form"] + THANK_YOU[language]),
        PublicPage("not-found", f"/{language}/this-page-does-not-exist/", status=404),
        PublicPage("menu-open", urls["home"], action="open menu", shows="nav.menu--main a:visible"),
    ]
    return pages


def visit(page, public_page):
    """Open `public_page` in the Playwright page and bring it into the state it names."""
    response = page.goto(public_page.url)
    assert response.status == public_page.status, f"{public_page.url}: HTTP {response.status}"
    if public_page.action == "submit":
        page.locator("form.quote-form button[type=submit]").click()
        page.wait_for_load_state()
    if public_page.action == "open menu" and page.locator(".site-menu__toggle").is_visible():
        page.locator(".site-menu__toggle").click()  # on wide screens the menu is open without it
    assert page.locator(public_page.shows).count(), f"{public_page.url}: nothing matches {public_page.shows}"
