from io import StringIO
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The clinic's real content, loaded once: the suite tests the site patients get, not a stand-in."""
    with django_db_blocker.unblock():
        call_command("load_clinic_content", stdout=StringIO())
        # Image renditions are made on first view, as on a live site; make them once, not in every test.
        from django.test import Client

        for url in ("/en/treatments/", "/en/treatments/prp-hair-loss/"):
            Client().get(url)


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test's database is rolled back, so nothing cached in another test may leak into it."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def content_translation(app, language, key, context):
    """The translator's text for one segment, straight from the shipped PO file."""
    po = polib.pofile(str(REPO / app / "content_translations" / language / f"{key}.po"))
    return next(entry.msgstr for entry in po if entry.msgctxt == context)
