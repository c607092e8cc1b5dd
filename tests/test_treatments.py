"""Patients read the clinic's treatments, conditions and FAQs in their language; editors build them lawfully."""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.conftest import as_read, content_translation, html

pytestmark = pytest.mark.django_db

PRP = {
    "nl": "/nl/behandelingen/prp-bij-haaruitval/",
    "fr": "/fr/traitements/prp-chute-de-cheveux/",
    "en": "/en/treatments/prp-hair-loss/",
}
PAGES = {
    # page type: (PO file, URL per language)
    "treatment index": ("treatments", {"nl": "/nl/behandelingen/", "fr": "/fr/traitements/", "en": "/en/treatments/"}),
    "treatment": ("prp-hair-loss", PRP),
    "condition": (
        "androgenetic-alopecia",
        {
            "nl": "/nl/androgenetische-alopecia/",
            "fr": "/fr/alopecie-androgenetique/",
            "en": "/en/androgenetic-alopecia/",
        },
    ),
    "faq": ("faq", {"nl": "/nl/veelgestelde-vragen/", "fr": "/fr/questions-frequentes/", "en": "/en/faq/"}),
    "search": ("search", {"nl": "/nl/zoeken/", "fr": "/fr/recherche/", "en": "/en/search/"}),
}
ENGLISH_TITLES = {
    "treatments": "Treatments",
    "prp-hair-loss": "PRP treatment for hair loss",
    "androgenetic-alopecia": "Androgenetic alopecia and DHT",
    "faq": "Frequently asked questions",
    "search": "Search",
}


def ui_text(language, english):
    with translation.override(language):
        return translation.gettext(english)


def json_ld(page):
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("page_type", PAGES)
def test_each_page_type_reads_in_the_language_of_its_url(client, page_type, language):
    key, urls = PAGES[page_type]

    page = html(client.get(urls[language]))

    expected = ENGLISH_TITLES[key] if language == "en" else content_translation("treatments", language, key, "title")
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == expected


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_treatment_page_lists_the_legal_sections_in_the_patients_language_and_no_made_up_doctor(client, language):
    page = html(client.get(PRP[language]))

    headings = [h2.get_text(strip=True) for h2 in page.select("h2")]
    sections = ["indications", "contraindications", "risks and side effects", "follow-up care", "alternatives"]
    for expected in [capfirst(ui_text(language, name)) for name in sections]:
        assert expected in headings
    assert "Contraindications" not in headings
    # The clinic has not named its doctors yet: no practitioner and no review are shown (the launch gate says so).
    assert page.select_one(".practitioners") is None
    assert page.select_one(".medical-review") is None
    assert ui_text(language, "Price on quotation, after a consultation.") in page.select_one(".price").get_text()


def test_treatment_page_shows_its_faqs_and_the_faq_page_groups_them(client):
    treatment = html(client.get(PRP["fr"]))
    faq_page = html(client.get(PAGES["faq"][1]["fr"]))

    question = as_read("fr", content_translation("treatments", "fr", "faq-04", "question"))
    assert question in [summary.get_text(strip=True) for summary in treatment.select(".faq summary")]
    groups = [section.h2.get_text(strip=True) for section in faq_page.select(".faq-group")]
    assert groups == [
        content_translation("treatments", "fr", "prp-hair-loss", "title"),
        ui_text("fr", "General questions"),
    ]
    assert len(faq_page.select(".faq")) == 12


def test_quote_button_carries_the_treatment_to_the_quote_form_in_the_same_language(client):
    from wagtail.models import Site

    from home.models import ClinicSettings, StandardPage
    from treatments.models import TreatmentPage

    settings = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quote_page = StandardPage.objects.get(slug="privacy-policy")
    settings.save()
    french_prp = TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/")

    button = html(client.get(PRP["fr"])).select_one(".price a.button")

    assert button["href"] == f"/fr/politique-de-confidentialite/?treatment={french_prp.pk}"
    assert button.get_text(strip=True) == ui_text("fr", "Ask for a quote")


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_structured_data_parses_and_names_the_right_types_in_the_pages_language(client, language):
    treatment = json_ld(html(client.get(PRP[language])))
    condition = json_ld(html(client.get(PAGES["condition"][1][language])))
    home = json_ld(html(client.get(f"/{language}/")))
    faq = json_ld(html(client.get(PAGES["faq"][1][language])))

    # FAQs are marked up once per language, on the FAQ page.
    assert [item["@type"] for item in treatment] == ["MedicalWebPage", "BreadcrumbList"]
    web_page = treatment[0]
    assert web_page["mainEntity"]["@type"] == "MedicalTherapy"
    assert web_page["mainEntity"]["procedureType"] == "https://schema.org/PercutaneousProcedure"
    assert web_page["inLanguage"] == language
    assert "lastReviewed" not in web_page, "no review is recorded in the loaded content"
    assert web_page["mainEntity"]["name"] == html(client.get(PRP[language])).h1.get_text(strip=True)
    assert [crumb["item"].removeprefix("http://testserver") for crumb in treatment[1]["itemListElement"]][-1] == (
        PRP[language]
    )
    assert condition[0]["mainEntity"]["@type"] == "MedicalCondition"
    assert condition[0]["mainEntity"]["possibleTreatment"][0]["@type"] == "MedicalTherapy"
    assert condition[0]["mainEntity"]["possibleTreatment"][0]["url"].endswith(PRP[language])
    assert home[0]["@type"] == "MedicalClinic"
    assert faq[0]["@type"] == "FAQPage" and len(faq[0]["mainEntity"]) == 12


def test_french_search_finds_the_french_prp_page_and_not_the_dutch_one(client):
    page = html(client.get("/fr/recherche/", {"q": "PRP"}))

    links = [a["href"] for a in page.select(".search-results a")]
    assert PRP["fr"] in links
    assert all(link.startswith("/fr/") for link in links)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_search_without_results_says_so_in_the_patients_language(client, language):
    page = html(client.get(PAGES["search"][1][language], {"q": "xylophone"}))

    expected = ui_text(
        language, 'No results. Try another word, or <a href="%(treatments_url)s">browse the treatments</a>.'
    )
    assert " ".join(page.select_one(".search-empty").get_text().split()) == as_read(language, strip_tags(expected))
    assert page.select_one(".search-empty a")["href"] == PAGES["treatment index"][1][language]


def test_treatment_images_come_in_modern_formats_with_dimensions(client):
    page = html(client.get(PRP["en"]))

    (hero,) = page.select("main picture")
    assert {source["type"] for source in hero.select("source")} == {"image/avif", "image/webp"}
    assert hero.img.get("loading") != "lazy", "the first image is above the fold"
    assert hero.img["width"] and hero.img["height"]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_illustrations_explain_in_the_readers_language_with_a_text_alternative(client, language):
    """How PRP is made (the centrifuge tube's layers) and how DHT shrinks a follicle: drawn in SVG, labelled and
    described in the page's language, so a screen reader hears what the drawing shows."""
    pages = {"treatment": PRP[language], "condition": PAGES["condition"][1][language]}
    expected = {
        "treatment": ("How PRP is made: a tube of blood after centrifugation", "Red blood cells"),
        "condition": ("How DHT shrinks a hair follicle", "Healthy follicle"),
    }
    for name, url in pages.items():
        figure = html(client.get(url)).select_one("figure.illustration")
        svg = figure.select_one("svg[role=img]")
        title, label = expected[name]
        labelled_by = [svg.find(id=ident) for ident in svg["aria-labelledby"].split()]
        assert labelled_by[0].get_text() == as_read(language, ui_text(language, title))
        assert len(labelled_by[1].get_text()) > 80, "a description, not a word"
        assert as_read(language, ui_text(language, label)) in [text.get_text() for text in figure.select("strong")]


# Editors


@pytest.fixture
def treatment_index():
    from treatments.models import TreatmentIndexPage

    return TreatmentIndexPage.objects.get(slug="treatments")


def new_treatment_form(contraindications, action):
    from treatments.factories import PractitionerFactory

    practitioner = PractitionerFactory()
    return nested_form_data(
        {
            "title": "Mesotherapy for hair loss",
            "slug": "mesotherapy",
            "summary": "Small injections into the scalp.",
            "body": streamfield([("paragraph", rich_text("<p>How it works.</p>"))]),
            "indications": rich_text("<p>Thinning hair.</p>"),
            "contraindications": rich_text(contraindications),
            "risks_and_side_effects": rich_text("<p>Redness.</p>"),
            "follow_up_care": rich_text("<p>A check-up.</p>"),
            "alternatives": rich_text("<p>PRP.</p>"),
            "practitioners": inline_formset([{"practitioner": practitioner.pk}]),
            "medical_reviewed_on": "2026-11-20",
            "medical_reviewer": practitioner.pk,
            "comments": inline_formset([]),
            action: "1",
        }
    )


def test_editor_creates_and_publishes_a_treatment_page_in_the_admin(admin_client, treatment_index):
    from treatments.models import TreatmentPage

    url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk))
    response = admin_client.post(url, new_treatment_form("<p>Pregnancy.</p>", "action-publish"))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = TreatmentPage.objects.get(slug="mesotherapy")
    assert page.live
    assert admin_client.get("/en/treatments/mesotherapy/").status_code == 200


def test_publishing_without_contraindications_is_refused_with_a_clear_message(admin_client, treatment_index):
    from treatments.models import TreatmentPage

    url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk))
    response = admin_client.post(url, new_treatment_form("", "action-publish"))

    # The admin speaks the editor's language: Dutch, the site's default, for this editor.
    message = ui_text("nl", "Belgian law requires this section on every treatment page: fill it in before publishing.")
    assert response.status_code == 200
    assert response.context["form"].errors["contraindications"] == [message]
    assert message in response.content.decode()
    assert not TreatmentPage.objects.filter(slug="mesotherapy").exists()


def test_a_draft_may_leave_a_legal_section_empty_until_publishing(admin_client, treatment_index):
    from treatments.models import TreatmentPage

    url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk))
    response = admin_client.post(url, new_treatment_form("", "action-save"))

    assert response.status_code == 302
    assert not TreatmentPage.objects.get(slug="mesotherapy").live


# Rendering cost


def add_faqs_and_blocks(page, faq_count, block_count):
    from treatments.models import FAQ, FAQTreatment

    for number in range(faq_count):
        faq = FAQ.objects.create(locale=page.locale, question=f"Question {number}?", answer="<p>Answer.</p>")
        FAQTreatment.objects.create(faq=faq, treatment=page)
    blocks = list(page.body.raw_data)
    for number in range(block_count):
        blocks.append({"type": "paragraph", "value": f"<p>Extra paragraph {number}.</p>"})
        blocks.append({"type": "heading", "value": {"text": f"Extra {number}", "level": "h2"}})
    page.body = blocks
    page.save_revision().publish()


def count_queries(client, url):
    """Queries of the first render after a publish: every cache empty but for the rendered images, so the main
    content, FAQs and blocks are all read again (once per publish on a server; tests/test_render_cost.py has
    the render on a running server)."""
    with override_settings(WAGTAIL_CACHE=False):
        client.get(url)
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_stays_flat_as_faqs_and_blocks_grow(client):
    from treatments.models import TreatmentPage

    page = TreatmentPage.objects.get(url_path__endswith="/prp-hair-loss/")
    before = count_queries(client, PRP["en"])

    add_faqs_and_blocks(page, faq_count=12, block_count=10)
    after = count_queries(client, PRP["en"])

    assert len(html(client.get(PRP["en"])).select(".faq")) == 9 + 12
    assert after == before
