"""What a page costs when the response cache cannot answer (issue 6), and that the caches behind it never show
anything stale: the route of a URL and the page's main content are kept until the next publish, never longer."""

import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.conftest import html
from tests.quote_helpers import QUOTE_FORM

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from bench import PAGES as BENCH_PAGES  # noqa: E402

pytestmark = pytest.mark.django_db

# The pages make bench measures, in each language.
PAGES = {**BENCH_PAGES, "quote form": QUOTE_FORM}
FRENCH_PRP = PAGES["treatment"]["fr"]


def uncached_queries(client, url):
    """Queries of a render without the response cache, on a server that has shown the page before."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("page", PAGES)
@override_settings(WAGTAIL_CACHE=False)
def test_an_uncached_page_needs_at_most_ten_queries(client, page, language):
    assert uncached_queries(client, PAGES[page][language]) <= 10


@override_settings(WAGTAIL_CACHE=False)
def test_unpublishing_a_page_takes_it_off_its_url_at_once(client):
    from treatments.models import TreatmentPage

    assert client.get(FRENCH_PRP).status_code == 200  # the route of the URL is kept from here on
    TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/").unpublish()

    assert client.get(FRENCH_PRP).status_code == 404


@override_settings(WAGTAIL_CACHE=False)
def test_a_new_slug_moves_the_page_to_its_new_url_at_once(client):
    from treatments.models import TreatmentPage

    assert client.get(FRENCH_PRP).status_code == 200
    page = TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/")
    page.slug = "prp-cheveux"
    page.save_revision().publish()

    assert client.get(FRENCH_PRP).status_code == 404
    moved = client.get("/fr/traitements/prp-cheveux/")
    assert html(moved).h1.get_text(strip=True) == page.title


@override_settings(WAGTAIL_CACHE=False)
def test_the_form_and_its_thank_you_page_are_each_served_from_a_known_route(client):
    for _visit in range(2):
        form = client.get(PAGES["quote form"]["fr"])
        thanks = client.get(PAGES["quote form"]["fr"] + "merci/")
        assert html(form).select_one("form input[name=csrfmiddlewaretoken]") is not None
        assert thanks.status_code == 200
        assert html(thanks).select_one("form input[name=csrfmiddlewaretoken]") is None
    assert client.get(PAGES["quote form"]["fr"] + "thank-you/").status_code == 404


@override_settings(WAGTAIL_CACHE=False)
def test_a_changed_faq_answer_shows_on_the_treatment_page_at_once(client):
    from treatments.models import FAQ, TreatmentPage

    client.get(FRENCH_PRP)  # the page's main content is kept from here on
    faq = FAQ.objects.for_treatment(TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/")).first()
    faq.answer = "<p>Réponse corrigée par la clinique.</p>"
    faq.save()

    answers = [answer.get_text(strip=True) for answer in html(client.get(FRENCH_PRP)).select(".faq__answer")]

    assert "Réponse corrigée par la clinique." in answers


def test_a_preview_shows_the_draft_even_when_the_live_content_is_kept(client):
    from treatments.models import TreatmentPage

    client.get(FRENCH_PRP)
    draft = TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/")
    draft.summary = "Résumé du brouillon, pas encore publié."

    preview = draft.make_preview_request()

    assert html(preview).select_one(".lead").get_text(strip=True) == "Résumé du brouillon, pas encore publié."
    live = html(client.get(FRENCH_PRP)).select_one(".lead").get_text(strip=True)
    assert live != "Résumé du brouillon, pas encore publié."


@override_settings(WAGTAIL_CACHE=False)
def test_the_kept_main_content_is_the_same_as_a_fresh_render(client):
    for paths in PAGES.values():
        for path in paths.values():
            fresh = client.get(path).content
            kept = client.get(path).content
            caches["pages"].clear()
            assert strip_tokens(fresh) == strip_tokens(kept), path


def strip_tokens(content):
    """The page without what differs per response anyway: CSRF tokens, the form's start time, CSP nonces."""
    import re

    return re.sub(rb'(value|nonce)="[^"]*"', rb'\1=""', content)
