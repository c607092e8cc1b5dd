"""A publish forgets what it changed and nothing else; with Redis, only the page cache's own keys (issue 13)."""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from tests.conftest import html

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
FRENCH_PRP = "/fr/traitements/prp-chute-de-cheveux/"
FRENCH_CONDITION = "/fr/alopecie-androgenetique/"
FRENCH_LEGAL = "/fr/mentions-legales/"


def redis_reachable():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["local memory", "redis"])
def page_cache(request, settings):
    """The page cache as `make run` (local memory) and as production (Redis, under a prefix of this test's own)."""
    if request.param == "redis":
        if not redis_reachable():
            pytest.skip(f"no Redis at {REDIS_URL}")
        prefix = f"test-{uuid.uuid4().hex[:8]}"
        settings.CACHES = {
            alias: {
                "BACKEND": "core.cache_backends.PrefixedRedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"{prefix}-{alias}",
                "TIMEOUT": 3600,
            }
            for alias in ("default", "pages")
        }
        yield request.param
        for alias in ("default", "pages"):
            caches[alias].clear()
    else:
        yield request.param


def status(response):
    return response.get("X-Wagtail-Cache")


def publish_french_prp_summary(text):
    from treatments.models import TreatmentPage

    page = TreatmentPage.objects.get(locale__language_code="fr", slug="prp-chute-de-cheveux")
    page.summary = text
    page.save_revision().publish()


def test_a_changed_summary_shows_where_the_page_is_shown_and_other_pages_stay_cached(page_cache):
    from treatments.models import TreatmentPage

    visitor = Client()
    for url in (FRENCH_PRP, FRENCH_CONDITION, FRENCH_LEGAL, "/fr/traitements/"):
        visitor.get(url)
        assert status(visitor.get(url)) == "hit", url

    publish_french_prp_summary("Un résumé corrigé par la clinique.")

    assert (
        html(visitor.get(FRENCH_PRP)).select_one(".lead").get_text(strip=True) == "Un résumé corrigé par la clinique."
    )
    assert "Un résumé corrigé par la clinique." in html(visitor.get("/fr/traitements/")).select_one(".cards").get_text()
    # The condition page links to the English PRP page and shows it in French: found through the reference index.
    english = TreatmentPage.objects.get(locale__language_code="en", slug="prp-hair-loss")
    assert english.pk != TreatmentPage.objects.get(slug="prp-chute-de-cheveux").pk
    assert "Un résumé corrigé par la clinique." in visitor.get(FRENCH_CONDITION).content.decode()
    assert status(visitor.get(FRENCH_LEGAL)) == "hit", "a page that does not show the treatment stays cached"


def test_a_renamed_page_empties_the_whole_page_cache(page_cache):
    from treatments.models import TreatmentPage

    visitor = Client()
    visitor.get(FRENCH_LEGAL)
    page = TreatmentPage.objects.get(locale__language_code="fr", slug="prp-chute-de-cheveux")
    page.title = "PRP (plasma riche en plaquettes)"
    page.save_revision().publish()

    assert status(visitor.get(FRENCH_LEGAL)) == "miss", "menus and listings everywhere show the title"


def test_a_publish_keeps_the_quote_limit_the_lockouts_and_other_programs_keys(page_cache):
    if page_cache != "redis":
        pytest.skip("what a purge leaves in a shared Redis database")
    other_program = redis.Redis.from_url(REDIS_URL)
    foreign_key = f"another-program:{uuid.uuid4().hex}"
    other_program.set(foreign_key, "theirs", ex=60)
    caches["default"].set("quote-rate-192.0.2.7", 5, 60)
    Client().get(FRENCH_LEGAL)

    from treatments.models import TreatmentPage

    page = TreatmentPage.objects.get(locale__language_code="fr", slug="prp-chute-de-cheveux")
    page.title = "PRP : nouveau titre"
    page.save_revision().publish()

    assert status(Client().get(FRENCH_LEGAL)) == "miss", "the page cache was emptied"
    assert caches["default"].get("quote-rate-192.0.2.7") == 5
    assert other_program.get(foreign_key) == b"theirs"
    other_program.delete(foreign_key)


def test_the_first_render_after_a_publish_reads_only_what_changed(page_cache):
    """Menus, footer, settings and the other pages' routes stay: the page is rebuilt in a few queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    visitor = Client()
    visitor.get(FRENCH_PRP)
    publish_french_prp_summary("Résumé publié à l'instant.")

    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(FRENCH_PRP)

    assert "Résumé publié à l'instant." in response.content.decode()
    assert len(queries) <= 15, "\n".join(query["sql"][:150] for query in queries)


def test_a_deleted_page_is_gone_for_the_next_visitor(page_cache):
    from home.models import StandardPage

    visitor = Client()
    visitor.get(FRENCH_LEGAL)
    assert status(visitor.get(FRENCH_LEGAL)) == "hit"

    StandardPage.objects.get(locale__language_code="fr", slug="mentions-legales").delete()

    assert visitor.get(FRENCH_LEGAL).status_code == 404
