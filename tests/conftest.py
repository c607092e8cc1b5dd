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


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def content_translation(app, language, key, context):
    """The translator's text for one segment, straight from the shipped PO file."""
    po = polib.pofile(str(REPO / app / "content_translations" / language / f"{key}.po"))
    return next(entry.msgstr for entry in po if entry.msgctxt == context)
