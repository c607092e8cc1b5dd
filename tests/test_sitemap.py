"""Search engines find every page in every language, with its translations linked."""

import pytest
from defusedxml import ElementTree

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    entries = {}
    for url in tree.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text.removeprefix("http://testserver")
        alternates = {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.findall("xhtml:link", NS)
        }
        entries[location] = alternates
    return entries


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client):
    entries = sitemap_entries(client)

    for location in ("/nl/", "/fr/", "/en/", "/fr/politique-de-confidentialite/", "/nl/juridische-informatie/"):
        assert location in entries
    assert entries["/fr/mentions-legales/"] == {
        "nl": "/nl/juridische-informatie/",
        "fr": "/fr/mentions-legales/",
        "en": "/en/legal-notice/",
        "x-default": "/nl/juridische-informatie/",
    }
    languages = {location.split("/")[1] for location in entries}
    assert languages == {"nl", "fr", "en"}


def test_sitemap_leaves_out_draft_translations(client):
    from home.models import StandardPage

    StandardPage.objects.get(url_path__endswith="/mentions-legales/").unpublish()

    entries = sitemap_entries(client)

    assert "/fr/mentions-legales/" not in entries
    assert "fr" not in entries["/en/legal-notice/"]


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_favicon_is_served_not_404(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
