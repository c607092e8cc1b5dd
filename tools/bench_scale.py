"""`make bench-scale`: what the sitemap, the listings, the retention purge and the inbox export cost at the clinic's
size today and at a large size, and the ratio between the two. Flat costs give ratios near 1 for queries.

Runs in one process on a database of its own (a temporary SQLite file, or SCALE_DATABASE_URL, e.g. a PostgreSQL
database that it creates and drops), with the test settings (no page cache in the way: every figure is a cold
render). Sizes: SCALE_PAGES more treatment pages (spread over nl, fr, en; default 990) and SCALE_REQUESTS quote
requests (default 20,000) for the large run; the small run has the clinic's content and SCALE_REQUESTS / 20.
"""

import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PAGES = int(os.environ.get("SCALE_PAGES", "990"))
REQUESTS = int(os.environ.get("SCALE_REQUESTS", "20000"))
LISTINGS = {
    "treatment index": "/fr/traitements/",
    "search (« traitement »)": "/fr/recherche/?q=traitement",
    "inbox (staff)": "/admin/quote-requests/",
}
EXPORT = "/admin/quote-requests/?export=csv"


def setup_database(workdir):
    url = os.environ.get("SCALE_DATABASE_URL")
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'scale.sqlite3'}"
        return lambda: None
    import psycopg2

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'scale'}_{os.getpid()}"
    admin = parts._replace(path="/postgres").geturl()

    def sql(statement):
        connection = psycopg2.connect(admin)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
        connection.close()

    sql(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = parts._replace(path=f"/{name}").geturl()
    return lambda: sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(action):
    """(queries, milliseconds, peak MB of Python memory, result) of `action()`, with every cache empty."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for alias in ("default", "pages"):
        caches[alias].clear()
    tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = action()
    elapsed = (time.perf_counter() - start) * 1000
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return len(queries), elapsed, peak, result


def get(client, url):
    def action():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return len(body)

    return action


def add_treatment_pages(count):
    """Treatment pages in each language's index, reviewed like the clinic's own (their medical fields copied)."""
    from treatments.models import TreatmentIndexPage, TreatmentPage

    copied = [
        "summary",
        "body",
        "medical_reviewer_id",
        "medical_reviewed_on",
        "indications",
        "contraindications",
        "risks_and_side_effects",
        "follow_up_care",
        "alternatives",
    ]
    indexes = list(TreatmentIndexPage.objects.all())
    models = {index.pk: TreatmentPage.objects.child_of(index).first() for index in indexes}
    for number in range(count):
        index = indexes[number % len(indexes)]
        fields = {name: getattr(models[index.pk], name) for name in copied}
        index.add_child(
            instance=TreatmentPage(title=f"Traitement {number}", slug=f"traitement-{number}", live=True, **fields)
        )


def add_quote_requests(count):
    import datetime
    import uuid

    from django.utils import timezone
    from wagtail.models import Locale

    from contact.models import QuoteRequest

    long_ago = timezone.now() - datetime.timedelta(days=800)
    locales = list(Locale.objects.all())
    form_key = uuid.uuid4()
    batch = []
    for number in range(count):
        batch.append(
            QuoteRequest(
                locale=locales[number % len(locales)],
                form_translation_key=form_key,
                name=f"Patient {number}",
                email=f"patient{number}@example.be",
                answers=[{"name": "message", "label": "Message", "type": "multiline", "value": "Bonjour " * 20}],
                consent_text="J'accepte.",
                consent_version="1",
                consented_at=long_ago,
                created_at=long_ago,
            )
        )
        if len(batch) == 5000:
            QuoteRequest.objects.bulk_create(batch)
            batch = []
    QuoteRequest.objects.bulk_create(batch)


def run(size_label, staff, anonymous):
    from wagtail.models import Page

    from contact import retention
    from contact.models import QuoteRequest

    figures = {"pages": Page.objects.live().count(), "requests": QuoteRequest.objects.count()}
    figures["sitemap"] = measure(get(anonymous, "/sitemap.xml"))
    for name, url in LISTINGS.items():
        figures[name] = measure(get(staff if url.startswith("/admin") else anonymous, url))
    figures["export (CSV)"] = measure(get(staff, EXPORT))
    figures["purge"] = measure(retention.purge_expired)
    print(f"  {size_label}: {figures['pages']:,} live pages, {figures['requests']:,} quote requests", flush=True)
    return figures


def report(small, large):
    rows = ["sitemap", *LISTINGS, "export (CSV)", "purge"]
    header = (
        f"{'what':<24}{'small q':>9}{'ms':>9}{'MB':>7}{'large q':>9}{'ms':>10}{'MB':>7}{'q ×':>7}{'ms ×':>7}{'MB ×':>7}"
    )
    print(
        f"\nsmall: {small['pages']:,} pages, {small['requests']:,} requests; "
        f"large: {large['pages']:,} pages, {large['requests']:,} requests "
        f"({large['pages'] / small['pages']:.0f}× pages, {large['requests'] / small['requests']:.0f}× requests)"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        sq, sms, smb, _ = small[row]
        lq, lms, lmb, _ = large[row]
        print(
            f"{row:<24}{sq:>9,}{sms:>9,.0f}{smb:>7.1f}{lq:>9,}{lms:>10,.0f}{lmb:>7.1f}"
            f"{lq / max(sq, 1):>7.1f}{lms / max(sms, 0.001):>7.1f}{lmb / max(smb, 0.001):>7.1f}"
        )
    print(
        "\nq: SQL queries; ms: wall time in this process (tracemalloc on, so slower than a server); MB: peak Python"
        "\nmemory while answering. Every cache is emptied first. The purge deletes every request (all expired)."
    )


def main():
    workdir = Path(tempfile.mkdtemp(prefix="faceclinic-scale-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["PAGE_CACHE"] = "off"
    drop = setup_database(workdir)
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client

        settings.DEBUG = False
        call_command("migrate", verbosity=0)
        call_command("load_clinic_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        staff = Client()
        staff.force_login(get_user_model().objects.create_superuser("scale", "scale@faceclinic.be", "x" * 20))
        anonymous = Client()

        print(f"Small run (the clinic's content, {REQUESTS // 20:,} requests)…", flush=True)
        add_quote_requests(REQUESTS // 20)
        small = run("small", staff, anonymous)
        print(f"Growing: {PAGES:,} treatment pages, {REQUESTS:,} requests…", flush=True)
        add_treatment_pages(PAGES)
        add_quote_requests(REQUESTS)
        large = run("large", staff, anonymous)
        report(small, large)
    finally:
        from django.db import connections

        connections.close_all()
        drop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
