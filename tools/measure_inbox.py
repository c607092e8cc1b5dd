"""The front desk's inbox at 100 and at 100,000 quote requests: first page, a filter, searches and the exports.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/issue16 .venv/bin/python tools/measure_inbox.py [--sizes 100 100000]

Uses (and empties) the quote requests of the database DATABASE_URL names: never point it at the clinic's. It
migrates, loads the clinic content if the database is empty, fills the table with synthetic requests in nl/fr/en
(bulk insert, stored the way QuoteRequest.save stores them), then times each page through Django's test client as a
signed-in member of the Front desk group: median of 5 runs, with the number of SQL queries and their time. The
ratio column compares the largest size with the smallest; the issue asks for at most 2x.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

RUNS = 5
FIRST_NAMES = ["Jan", "Loës", "Camille", "Sofie", "Pieter", "Amélie", "Noah", "Léa", "Emma", "Lucas", "Françoise"]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Claes", "Goossens", "Dupont", "Wouters", "Müller"]
PAGES = [
    ("first inbox page", {}),
    ("filter: French, new", {"locale": "fr", "status": "new"}),
    ("search: name 'peeters'", {"q": "peeters"}),
    ("search: name without accents 'loes'", {"q": "loes"}),
    ("search: phone '0470 12 34 56'", {"q": "0470 12 34 56"}),
]


def fill(count):
    """`count` requests, spread over the last year, in three languages, with the clinic's PRP treatment."""
    from wagtail.models import Locale

    from contact import search
    from contact.models import QuoteFormPage, QuoteRequest, QuoteRequestNote
    from treatments.models import TreatmentPage

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # deleting 100,000 rows one cascade at a time takes minutes
            cursor.execute("TRUNCATE contact_quoterequestnote, contact_quoterequest")
    else:
        QuoteRequestNote.objects.all().delete()
        QuoteRequest.objects.all().delete()
    rng = random.Random(16)  # noqa: S311 - synthetic data, reproducible
    forms = {page.locale.language_code: page for page in QuoteFormPage.objects.select_related("locale")}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    treatments = {page.locale.language_code: page for page in TreatmentPage.objects.select_related("locale")}
    titles = {key: search.treatment_titles(key) for key in {page.translation_key for page in treatments.values()}}
    now = timezone.now()
    batch = []
    for number in range(count):
        language = rng.choice(["nl", "nl", "fr", "fr", "en"])
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        email = f"patient{number}@example.be"
        # One request has the number the page searches for; the others are all different.
        phone = "+32470123456" if number == count // 2 else f"+3247{number:07d}"
        treatment = treatments.get(language)
        answers = [
            {"name": "name", "type": "singleline", "label": "Name", "value": name, "display": name},
            {"name": "email", "type": "email", "label": "E-mail", "value": email, "display": email},
            {"name": "phone", "type": "phone", "label": "Phone", "value": phone, "display": phone},
            {"name": "preferred_contact_time", "type": "radio", "label": "When", "value": "morning"},
            {"name": "message", "type": "multiline", "label": "Question", "value": "Hello", "display": "Hello"},
        ]
        batch.append(
            QuoteRequest(
                created_at=now - timezone.timedelta(minutes=rng.randrange(525_600)),
                locale=locales[language],
                form_page=forms[language],
                form_translation_key=forms[language].translation_key,
                treatment=treatment,
                treatment_key=treatment.translation_key if treatment else None,
                treatment_title=treatment.title if treatment else "",
                name=name,
                email=email,
                phone=phone,
                answers=answers,
                consent_text="I agree.",
                consent_version="2026-01",
                consented_at=now,
                status=rng.choice(["new", "new", "contacted", "quote_sent", "booked", "closed", "spam"]),
                preferred_contact_time="morning",
                search_text=search.search_text(
                    name, email, phone, titles.get(treatment.translation_key, []) if treatment else []
                ),
            )
        )
        if len(batch) == 5000:
            QuoteRequest.objects.bulk_create(batch)
            batch = []
    QuoteRequest.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contact_quoterequest" if connection.vendor == "postgresql" else "ANALYZE")


def front_desk_client():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _created = get_user_model().objects.get_or_create(
        username="bench-front-desk", defaults={"first_name": "Bench", "last_name": "Desk"}
    )
    user.groups.add(Group.objects.get(name="Front desk"))
    client = Client()
    client.force_login(user)
    return client


def timed(client, params):
    """Median wall time (ms), SQL queries and SQL time (ms) of one inbox page."""
    walls, sql_times, queries = [], [], 0
    client.get("/admin/quote-requests/", params)  # warm: templates, translations
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/admin/quote-requests/", params)
            walls.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{params}: HTTP {response.status_code}")
        queries = len(captured.captured_queries)
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    return statistics.median(walls), queries, statistics.median(sql_times)


def timed_export(client, export_format):
    """Seconds, file size and how much the process's peak memory (max RSS) grew while exporting."""
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get("/admin/quote-requests/", {"export": export_format})
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) * 1024
    return seconds, size, growth


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 100_000])
    parser.add_argument("--no-exports", action="store_true")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    from contact.models import QuoteFormPage

    if QuoteFormPage.objects.count() < 3:
        call_command("load_clinic_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = front_desk_client()
    results = {}
    for size in args.sizes:
        started = time.perf_counter()
        fill(size)
        print(f"# {size} requests stored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        results[size] = {label: timed(client, params) for label, params in PAGES}
        if not args.no_exports:
            for export_format in ("csv", "xlsx"):
                results[size][f"export {export_format}"] = timed_export(client, export_format)

    smallest, largest = min(args.sizes), max(args.sizes)
    print(f"database: {connection.vendor}; median of {RUNS} runs; in-process (Django test client)\n")
    print(f"| page | {smallest} requests | {largest} requests | ratio |")
    print("| --- | --- | --- | --- |")
    for label, _params in PAGES:
        small, large = results[smallest][label], results[largest][label]
        print(
            f"| {label} | {small[0]:.0f} ms ({small[1]} queries, {small[2]:.0f} ms SQL) "
            f"| {large[0]:.0f} ms ({large[1]} queries, {large[2]:.0f} ms SQL) | {large[0] / small[0]:.2f}x |"
        )
    if not args.no_exports:
        print("\n| export | requests | time | file size | growth of the process's peak memory |")
        print("| --- | --- | --- | --- | --- |")
        for size in args.sizes:
            for export_format in ("csv", "xlsx"):
                seconds, size_bytes, peak = results[size][f"export {export_format}"]
                print(
                    f"| {export_format} | {size} | {seconds:.1f} s | {size_bytes / 1e6:.1f} MB | {peak / 1e6:.1f} MB |"
                )


if __name__ == "__main__":
    main()
