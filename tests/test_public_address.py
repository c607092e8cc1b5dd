"""Under production settings, WAGTAILADMIN_BASE_URL decides every absolute URL, whatever host a request came in by,
and the launch gate fails while the clinic's facts are missing (issue 17).

The site runs as on the clinic's server: production settings, `migrate` and `load_clinic_content`, gunicorn on
loopback (tools/bench.py), asked by 127.0.0.1 while its public address is https://www.example.be.
"""

import json
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from bench import PYTHON, Server, environment, forget_cache, prepare  # noqa: E402

PUBLIC = "https://www.example.be"
PAGES = [
    "/nl/",
    "/fr/",
    "/en/",
    "/nl/behandelingen/prp-bij-haaruitval/",
    "/fr/traitements/prp-chute-de-cheveux/",
    "/en/treatments/prp-hair-loss/",
    "/fr/alopecie-androgenetique/",
    "/en/legal-notice/",
    "/nl/veelgestelde-vragen/",
]


@pytest.fixture(scope="module")
def production_env():
    workdir = Path(tempfile.mkdtemp(prefix="faceclinic-public-address-"))
    env = environment(workdir)
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'site.sqlite3'}"  # never the developer's own database
    env["WAGTAILADMIN_BASE_URL"] = PUBLIC
    prepare(env)
    yield env
    forget_cache(env)


@pytest.fixture(scope="module")
def server(production_env):
    with Server(production_env, page_cache=True) as running:
        yield running


def fetch(server, path, method="GET"):
    request = urllib.request.Request(server.url(path), method=method)  # noqa: S310 - loopback only
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.read().decode()


def absolute_urls_in_page(text):
    soup = BeautifulSoup(text, "html.parser")
    urls = [link["href"] for link in soup.select('link[rel="canonical"], link[rel="alternate"][hreflang]')]
    urls += [meta["content"] for meta in soup.select('meta[property="og:url"], meta[property="og:image"]')]
    urls += [a["href"] for a in soup.select('a[href^="http"]')]
    for script in soup.select('script[type="application/ld+json"]'):
        urls += [value for value in json_strings(json.loads(script.string)) if value.startswith("http")]
    return [url for url in urls if not url.startswith("https://schema.org")]


def json_strings(node):
    if isinstance(node, dict):
        return [text for value in node.values() for text in json_strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in json_strings(value)]
    return [node] if isinstance(node, str) else []


def test_launch_gate_fails_under_production_settings_and_names_every_missing_fact(production_env):
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--database", "default"],
        cwd=REPO,
        env=production_env,
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    named = set(re.findall(r"\(launch\.E\d+\)", result.stderr + result.stdout))
    assert {f"(launch.E{number:03})" for number in range(1, 13)} <= named
    assert {"(launch.E101)", "(launch.E102)"} <= named
    assert "(launch.E020)" not in named, "the default Site follows WAGTAILADMIN_BASE_URL after migrate"


def test_every_absolute_url_in_pages_sitemap_and_robots_uses_the_public_address(server):
    checked = 0
    for path in PAGES:
        status, text = fetch(server, path)
        assert status == 200
        urls = absolute_urls_in_page(text)
        assert urls, path
        for url in urls:
            assert url.startswith(PUBLIC + "/"), (path, url)
        checked += len(urls)

    _status, sitemap = fetch(server, "/sitemap.xml")
    tree = ElementTree.fromstring(sitemap)  # noqa: S314 - our own sitemap, from loopback
    locations = [element.text for element in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    alternates = [element.get("href") for element in tree.iter("{http://www.w3.org/1999/xhtml}link")]
    assert len(locations) >= 20
    assert all(url.startswith(PUBLIC + "/") for url in locations + alternates)
    assert not any("/zoeken/" in url or "/recherche/" in url or "/search/" in url for url in locations)

    _status, robots = fetch(server, "/robots.txt")
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots
    assert checked > 50


def test_sitemap_robots_and_favicon_answer_head(server):
    for path in ("/sitemap.xml", "/robots.txt", "/favicon.ico"):
        status, _body = fetch(server, path, method="HEAD")
        assert status == 200, path


def test_search_page_is_noindex_and_its_form_has_an_action(server):
    _status, text = fetch(server, "/fr/recherche/")
    soup = BeautifulSoup(text, "html.parser")

    assert "noindex" in soup.select_one('meta[name="robots"]')["content"]
    assert soup.select_one("form.search-form")["action"] == "/fr/recherche/"


def test_links_in_staff_e_mails_use_the_public_address(settings):
    from contact.notifications import admin_url

    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    assert admin_url(SimpleNamespace(pk=7)).startswith(PUBLIC + "/admin/")
