"""What a patient comparing clinic sites sees: a home page that leads on, search that finds, French typography."""

import re

import pytest
from django.db import connection

from tests.conftest import html
from tests.quote_helpers import CONTACT, QUOTE_FORM, THANK_YOU

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "fr", "en"]
PRP = {
    "nl": "/nl/behandelingen/prp-bij-haaruitval/",
    "fr": "/fr/traitements/prp-chute-de-cheveux/",
    "en": "/en/treatments/prp-hair-loss/",
}
SEARCH = {"nl": "/nl/zoeken/", "fr": "/fr/recherche/", "en": "/en/search/"}
QUOTE_BUTTON = {"nl": "Offerte aanvragen", "fr": "Demander un devis", "en": "Ask for a quote"}


def links_on(client, url):
    return {a["href"].split("?")[0] for a in html(client.get(url)).select("main a[href]")}


# The home page


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_links_to_every_live_treatment_and_to_the_quote_form(client, language):
    from treatments.models import TreatmentPage

    links = links_on(client, f"/{language}/")

    treatments = {page.url for page in TreatmentPage.objects.live().filter(locale__language_code=language)}
    assert treatments and treatments <= links
    assert QUOTE_FORM[language] in links


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_is_composed_of_blocks_a_hero_treatment_cards_and_a_call_to_action(client, language):
    page = html(client.get(f"/{language}/"))

    assert page.select_one("main .hero-block h1")
    assert page.select(".treatment-cards .card a")
    assert page.select_one(".cta-block a.button")


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_has_the_quote_button_in_the_readers_language(client, language):
    page = html(client.get(PRP[language]))

    button = page.select_one(".site-header a.header-quote")
    assert button.get_text(strip=True) == QUOTE_BUTTON[language]
    assert button["href"].startswith(QUOTE_FORM[language])


def test_header_shows_the_phone_as_a_tap_to_call_link_only_when_filled_in(client):
    from wagtail.models import Site

    from home.models import ClinicSettings

    assert not html(client.get("/en/")).select('.site-header a[href^="tel:"]')

    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.phone = "+32 2 123 45 67"
    clinic.save()

    phone = html(client.get("/en/")).select_one('.site-header a[href^="tel:"]')
    assert phone["href"] == "tel:+3221234567"
    assert phone.get_text(strip=True).endswith("+32 2 123 45 67")


# The treatment page


@pytest.mark.parametrize("language", LANGUAGES)
def test_treatment_page_opens_with_an_at_a_glance_box_next_to_the_quote_button(client, language):
    page = html(client.get(PRP[language]))

    glance = page.select_one(".at-a-glance")
    assert glance is not None
    assert len(glance.select("dt")) >= 4
    assert glance.select_one(f'a.button[href^="{QUOTE_FORM[language]}"]')
    # Near the top: before the body's first heading.
    article = str(page.select_one("article"))
    assert article.index("at-a-glance") < article.index("<h2")


# Search


def test_every_text_a_patient_reads_is_indexed_legal_sections_faqs_and_conditions(client):
    hits = {
        "pregnancy": PRP["en"],  # contraindications
        "bruises": PRP["en"],  # risks and side effects
        "transplantation": PRP["en"],
        "osteoarthritis": "/en/faq/",  # an FAQ answer
        "dihydrotestosterone": "/en/androgenetic-alopecia/",
    }
    for query, url in hits.items():
        links = [a["href"] for a in html(client.get(SEARCH["en"], {"q": query})).select(".search-results a")]
        assert any(link.startswith(url) for link in links), (query, links)


def test_an_faq_result_opens_its_answer_and_browse_the_treatments_is_a_link(client):
    page = html(client.get(SEARCH["en"], {"q": "osteoarthritis"}))
    faq_link = page.select_one('.search-results a[href*="#faq-"]')
    anchor = faq_link["href"].split("#")[1]
    faq_page = html(client.get(faq_link["href"].split("#")[0]))
    assert faq_page.select_one(f"details #{anchor}"), "the fragment is inside the <details>: browsers open it"
    assert "osteoarthritis" in page.select_one(".search-results").get_text(), "the answer is in the result"

    empty = html(client.get(SEARCH["en"], {"q": "xylophone"}))
    assert empty.select_one('.search-empty a[href="/en/treatments/"]')


def test_search_results_are_paginated(client, settings):
    page = html(client.get(SEARCH["en"], {"q": "PRP", "page": "2"}))
    assert page.select_one(".pagination") is not None or page.select(".search-results li")
    assert client.get(SEARCH["en"], {"q": "PRP", "page": "nonsense"}).status_code == 200
    assert client.get(SEARCH["en"], {"q": "PRP", "page": "999"}).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="per-language stemming needs PostgreSQL")
@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("nl", "zwangerschap"),
        ("fr", "grossesse"),
        ("en", "pregnancy"),
        ("nl", "behandelingen"),
        ("fr", "traitements"),
        ("en", "injections"),
        ("fr", "alopecie"),  # accents ignored: "alopécie"
        ("fr", "DOULEUR"),
    ],
)
def test_search_stems_words_in_the_language_of_the_page(client, language, query):
    links = [a["href"] for a in html(client.get(SEARCH[language], {"q": query})).select(".search-results a")]

    assert PRP[language] in links or any("alopec" in link for link in links), (query, links)
    assert all(link.startswith(f"/{language}/") for link in links)


# French typography

# A plain space or line break before ? ! ; : lets the sign wrap onto its own line, and after « or before » too.
BREAKABLE_BEFORE_PUNCTUATION = re.compile(r"[ \t\r\n]+[?!;:»]|«[ \t\r\n]")


def french_texts(page):
    for node in page.find_all(string=True):
        if node.parent.name in {"script", "style", "textarea"}:
            continue
        yield str(node)


def french_pages(client):
    from treatments.models import TreatmentPage

    urls = [
        "/fr/",
        PRP["fr"],
        "/fr/alopecie-androgenetique/",
        "/fr/questions-frequentes/",
        QUOTE_FORM["fr"],
        QUOTE_FORM["fr"] + THANK_YOU["fr"],
        CONTACT["fr"],
        "/fr/traitements/",
        SEARCH["fr"] + "?q=PRP",
        SEARCH["fr"] + "?q=xylophone",
    ]
    urls += [page.url for page in TreatmentPage.objects.live().filter(locale__language_code="fr")]
    return urls


def test_french_pages_have_no_breakable_space_before_high_punctuation(client):
    faults = []
    for url in french_pages(client):
        response = client.get(url)
        assert response.status_code == 200, url
        for text in french_texts(html(response)):
            # Line breaks in the HTML source between a tag and punctuation are the template's, not the reader's.
            for match in BREAKABLE_BEFORE_PUNCTUATION.finditer(text):
                faults.append((url, text[max(match.start() - 30, 0) : match.end() + 5]))
    assert not faults, faults[:10]


def test_french_punctuation_gets_a_narrow_no_break_space_and_the_colon_a_no_break_space(client):
    page = html(client.get("/fr/questions-frequentes/"))
    text = page.select_one("main").get_text()

    assert "\u202f?" in text
    assert re.search(r"\w\u00a0:", text) or ":" not in text


def test_the_typography_filter_leaves_urls_times_and_markup_alone():
    from core.typography import french_typography

    source = '<a href="https://x.be/?a=1">Heures : 09:00 ! Vraiment ?</a><style>a:hover{x:y}</style> « bon »'
    result = french_typography(source)

    assert 'href="https://x.be/?a=1"' in result
    assert "09:00" in result
    assert "a:hover{x:y}" in result
    assert "Heures\u00a0:" in result and "09:00\u202f!" in result and "Vraiment\u202f?" in result
    assert "«\u00a0bon\u00a0»" in result


# The quote form


def test_switching_language_on_the_quote_form_keeps_the_chosen_treatment(client):
    from wagtail.models import Locale

    from treatments.models import TreatmentPage

    english = TreatmentPage.objects.get(locale__language_code="en", slug="prp-hair-loss")
    page = html(client.get(QUOTE_FORM["en"], {"treatment": english.pk}))

    french_link = page.select_one('.language-switcher a[hreflang="fr"]')["href"]
    assert french_link.startswith(QUOTE_FORM["fr"]) and f"treatment={english.pk}" in french_link
    french_form = html(client.get(french_link))
    french = english.get_translation(Locale.objects.get(language_code="fr"))
    assert french_form.select_one(f'option[value="{french.pk}"]').has_attr("selected")


# The thank-you page

THANK_YOU_NEXT = {
    "nl": "Wat gebeurt er nu",
    "fr": "Et maintenant",
    "en": "What happens next",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_thank_you_page_says_what_happens_next_and_where_to_go_when_it_is_urgent(client, language):
    page = html(client.get(QUOTE_FORM[language] + THANK_YOU[language]))
    text = page.select_one("main").get_text(" ", strip=True)

    assert "112" in text and "1733" in text
    assert page.select_one('main a[href="tel:112"]') and page.select_one('main a[href="tel:1733"]')
    assert "if you gave" not in text.lower()
    assert "als u uw" not in text.lower() and "si vous avez donné" not in text.lower()
    assert re.search(r"\b(2|two|twee|deux)\b", text.lower()), "a time frame in working days"


# The treatment index


def test_treatment_index_is_paginated_and_each_page_lists_its_own_treatments(client, settings):
    from tests.factories import TreatmentPageFactory
    from treatments import models

    index = models.TreatmentIndexPage.objects.get(locale__language_code="en")
    for number in range(models.TREATMENTS_PER_PAGE + 1):
        TreatmentPageFactory(parent=index, title=f"Treatment {number:02d}", slug=f"treatment-{number:02d}")

    first = html(client.get("/en/treatments/"))
    second = html(client.get("/en/treatments/", {"page": "2"}))

    assert len(first.select(".cards .card")) == models.TREATMENTS_PER_PAGE
    assert len(second.select(".cards .card")) == 2  # PRP and the 13th new one
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"
    assert client.get("/en/treatments/", {"page": "x"}).status_code == 200


def test_every_search_result_is_on_exactly_one_page_of_results(client, monkeypatch):
    """Results are read a page at a time across pages and FAQs: walking the pages shows each result once."""
    import treatments.models

    monkeypatch.setattr(treatments.models, "SEARCH_RESULTS_PER_PAGE", 1000)
    everything = [a["href"] for a in html(client.get(SEARCH["en"], {"q": "PRP"})).select(".search-results li a")]
    assert len(everything) >= 4 and any("#faq-answer-" in href for href in everything), everything
    monkeypatch.setattr(treatments.models, "SEARCH_RESULTS_PER_PAGE", 3)

    walked, number = [], 1
    while True:
        page = html(client.get(SEARCH["en"], {"q": "PRP", "page": str(number)}))
        walked += [a["href"] for a in page.select(".search-results li a")]
        if not page.select_one('.pagination a[rel="next"]'):
            break
        number += 1

    assert walked == everything
    assert number == -(-len(everything) // 3)
