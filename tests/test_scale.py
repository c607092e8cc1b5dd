"""Costs stay flat as the site and the inbox grow (issue 13): the sitemap and the retention purge cost a bounded
number of queries however many pages or requests there are."""

import datetime
import uuid

import pytest
import wagtail_factories
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class StandardPageFactory(wagtail_factories.PageFactory):
    intro = "A page among many."

    class Meta:
        model = "home.StandardPage"


def add_pages_in_every_language(count):
    """`count` live pages under each language's home page, as editors would have added them over the years."""
    from home.models import HomePage

    for home in HomePage.objects.all():
        for number in range(count // 3):
            StandardPageFactory(parent=home, title=f"Page {number} {home.locale.language_code}", live=True)


def sitemap_cost(client):
    from django.core.cache import caches

    caches["pages"].clear()  # the sitemap's own cost, not the page cache's
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return len(queries), response


def test_the_sitemap_costs_about_the_same_with_300_more_pages(client):
    small_cost, small = sitemap_cost(client)
    small_count = len(ElementTree.fromstring(small.content).findall("sm:url", SITEMAP_NS))

    add_pages_in_every_language(300)
    large_cost, large = sitemap_cost(client)

    assert len(ElementTree.fromstring(large.content).findall("sm:url", SITEMAP_NS)) == small_count + 300
    assert large_cost <= 2 * small_cost, f"{small_cost} queries at {small_count} pages, {large_cost} at +300"


def test_past_the_sitemap_limit_search_engines_get_an_index_of_sitemaps(client, monkeypatch):
    """50,000 URLs is the protocol's limit per file; a smaller limit here stands for it."""
    from core.sitemaps import AllLocalesSitemap

    monkeypatch.setattr(AllLocalesSitemap, "limit", 10)

    index = client.get("/sitemap.xml")

    assert index.status_code == 200
    locations = [loc.text for loc in ElementTree.fromstring(index.content).findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert len(locations) >= 3
    listed = []
    for location in locations:
        part = client.get(location.split("testserver", 1)[1])
        assert part.status_code == 200
        listed += [loc.text for loc in ElementTree.fromstring(part.content).findall("sm:url/sm:loc", SITEMAP_NS)]
    assert any(url.endswith("/fr/mentions-legales/") for url in listed)
    assert len(listed) == len(set(listed))


def make_expired_requests(count):
    from wagtail.models import Locale

    from contact.models import QuoteRequest, QuoteRequestNote

    long_ago = timezone.now() - datetime.timedelta(days=800)
    french = Locale.objects.get(language_code="fr")
    form_key = uuid.uuid4()
    requests = QuoteRequest.objects.bulk_create(
        [
            QuoteRequest(
                locale=french,
                name=f"Patient {number}",
                email=f"patient{number}@example.be",
                form_translation_key=form_key,
                consent_text="J'accepte.",
                consent_version="1",
                consented_at=long_ago,
                created_at=long_ago,
            )
            for number in range(count)
        ],
        batch_size=2000,
    )
    QuoteRequestNote.objects.bulk_create(
        [QuoteRequestNote(quote_request=request, text="Rappelé.") for request in requests[::10]], batch_size=2000
    )
    return requests


def test_purging_20000_expired_requests_takes_a_bounded_number_of_queries():
    from wagtail.models import ModelLogEntry

    from contact import retention
    from contact.models import QuoteRequest, QuoteRequestNote

    requests = make_expired_requests(20_000)
    viewed = requests[123]
    ModelLogEntry.objects.create(
        content_type_id=_content_type_id(),
        object_id=str(viewed.pk),
        label=viewed.name,
        action=retention.VIEW,
        timestamp=timezone.now(),
    )

    with CaptureQueriesContext(connection) as queries:
        deleted = retention.purge_expired()

    assert deleted == 20_000
    assert not QuoteRequest.objects.exists()
    assert not QuoteRequestNote.objects.exists()
    # A few statements per batch (SQLite splits long statements more than PostgreSQL does), none per request.
    batches = 20_000 // retention.ERASE_BATCH
    assert len(queries) <= 40 * batches, f"{len(queries)} queries for {batches} batches"
    assert ModelLogEntry.objects.filter(action=retention.PURGE).count() == 20_000
    view_entry = ModelLogEntry.objects.get(object_id=str(viewed.pk), action=retention.VIEW)
    assert view_entry.label == f"Quote request {viewed.pk}", "the audit log keeps no patient name"


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    from contact.models import QuoteRequest

    return ContentType.objects.get_for_model(QuoteRequest).pk
