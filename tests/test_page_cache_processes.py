"""The page cache across processes, as production runs it: gunicorn's two workers share one Redis cache, and content
is also published by other processes (`manage.py publish_scheduled`, the task worker, a shell)."""

import re

import pytest

from tests.load_site import LoadSite

FRENCH_PRP = "/fr/traitements/prp-chute-de-cheveux/"


@pytest.fixture(scope="module")
def site():
    # No task worker: it would only compete for SQLite's write lock with the publishing process.
    with LoadSite(task_worker=False) as running:
        yield running


def titles_served(site, requests=12):
    """The <title> of the French PRP page as anonymous patients get it, over enough requests to reach both workers."""
    titles = set()
    for _ in range(requests):
        status, _headers, body = site.request("GET", FRENCH_PRP)
        assert status == 200
        titles.add(re.search(r"<title>([^<]*)</title>", body).group(1))
    return titles


def publish_french_title(site, title):
    script = (
        "from treatments.models import TreatmentPage\n"
        "page = TreatmentPage.objects.get(locale__language_code='fr', url_path__endswith='/prp-chute-de-cheveux/')\n"
        f"page.seo_title = {title!r}\n"
        "page.save_revision().publish()\n"
    )
    published = site.manage("shell", "-c", script)
    assert published.returncode == 0, published.stderr


def test_pages_published_by_another_process_show_on_every_worker_at_once(site):
    before = titles_served(site)
    assert len(before) == 1, before  # the same page from both workers, cached by now in each

    for correction in ("PRP : titre corrigé par la clinique", "PRP : deuxième correction"):
        publish_french_title(site, correction)
        served = titles_served(site)
        # French pages set a no-break space before the colon (core/typography.py).
        typeset = correction.replace(" :", "\u00a0:")
        assert served == {f"{typeset} | Face Clinic Belgium"}, f"after publishing {correction!r}: {served}"
