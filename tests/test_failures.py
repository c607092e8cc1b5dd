"""Failures that must lose nothing, against the site as production runs it (tests/load_site.py): gunicorn with the
production settings, the task worker, real SMTP, all on loopback, bounded in count and time.

`make test` runs small counts; `make stress` runs the issue's: FAILURE_CONCURRENT_POSTS=200, FAILURE_SMTP_DOWN_POSTS=50,
FAILURE_RESTART_POSTS=200. The figures are printed (make stress shows them).
"""

import os
import re
import threading
import time

import pytest

from tests.load_site import STAFF_INBOX, LoadSite, post_concurrently, post_stream

# Production runs PostgreSQL (docs/architecture.md). SQLite serialises writers and answers concurrent posts with
# "database is locked": a fact of the development database, not a failure of the site. CI's PostgreSQL pass runs these.
pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="against gunicorn with PostgreSQL only: set DATABASE_URL=postgres://… (CI's second pass, make stress)",
)

CONCURRENT_POSTS = int(os.environ.get("FAILURE_CONCURRENT_POSTS", "12"))
SMTP_DOWN_POSTS = int(os.environ.get("FAILURE_SMTP_DOWN_POSTS", "5"))
RESTART_POSTS = int(os.environ.get("FAILURE_RESTART_POSTS", "12"))
MAIL_TIMEOUT = 30 + CONCURRENT_POSTS  # seconds: the worker sends about 10 e-mails a second here


@pytest.fixture(scope="module")
def site():
    with LoadSite() as running:
        yield running


def report(title, **figures):
    print(f"\n[failures] {title}: " + ", ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


ALERT_LINK = re.compile(r"/admin/quote-requests/edit/(\d+)/")


def alerted_email(message, numbers):
    """The patient address of the request a staff alert links to (the alert itself names no patient)."""
    match = ALERT_LINK.search(message.get_body(("plain",)).get_content())
    return numbers.get(int(match.group(1))) if match else None


def staff_mail(site, batch):
    numbers = site.numbers_of(batch)
    return [m for m in site.mailbox.to(STAFF_INBOX) if alerted_email(m, numbers)]


def patient_mail(site, batch):
    return [m for m in site.mailbox.messages if any(r.startswith(f"{batch}-") for r in m.envelope_recipients)]


def test_concurrent_quote_posts_are_all_stored_and_announced_once(site):
    batch = "concurrent"
    emails = [f"{batch}-{n}@example.be" for n in range(CONCURRENT_POSTS)]
    started = time.monotonic()

    results = post_concurrently(site, emails)
    posted = time.monotonic() - started

    errors = {email: status for email, status in results.items() if status != 303}
    assert not errors, errors
    stored = site.requests_of(batch)
    assert set(stored) == set(emails)
    assert site.wait_until(lambda: len(staff_mail(site, batch)) >= CONCURRENT_POSTS, MAIL_TIMEOUT)
    time.sleep(1)  # a duplicate would arrive now
    staff, patients = staff_mail(site, batch), patient_mail(site, batch)
    assert len(staff) == CONCURRENT_POSTS, "one staff e-mail per request, never two"
    assert len(patients) == CONCURRENT_POSTS
    assert {status for status, *_ in site.requests_of(batch).values()} == {"sent"}
    report(
        f"{CONCURRENT_POSTS} concurrent quote posts",
        posted_in_s=round(posted, 2),
        answers_303=sum(status == 303 for status in results.values()),
        stored=len(stored),
        staff_emails=len(staff),
        patient_emails=len(patients),
        errors=len(errors),
        all_mailed_in_s=round(time.monotonic() - started, 2),
        worker_tasks_mean_run_s_max_wait_s=site.task_timings(),
    )


def test_smtp_down_loses_no_request_shows_no_error_and_everything_is_sent_after_the_retry(site):
    batch = "smtpdown"
    emails = [f"{batch}-{n}@example.be" for n in range(SMTP_DOWN_POSTS)]
    site.stop_smtp()
    try:
        results = post_concurrently(site, emails)

        assert set(results.values()) == {303}, results
        assert set(site.requests_of(batch)) == set(emails)
        # The worker tries, fails, and marks each request: visible as "Failed" in the inbox.
        assert site.wait_until(
            lambda: {s for s, *_ in site.requests_of(batch).values()} == {"failed"}, 30 + SMTP_DOWN_POSTS
        )
    finally:
        site.start_smtp()

    retry = site.manage("send_pending_notifications", "--grace-minutes", "0")

    assert retry.returncode == 0, retry.stderr
    assert {status for status, *_ in site.requests_of(batch).values()} == {"sent"}
    assert len(staff_mail(site, batch)) == SMTP_DOWN_POSTS
    assert len(patient_mail(site, batch)) == SMTP_DOWN_POSTS
    report(
        f"SMTP down during {SMTP_DOWN_POSTS} posts",
        answers_303=sum(status == 303 for status in results.values()),
        stored=len(site.requests_of(batch)),
        patient_facing_errors=sum(status != 303 for status in results.values()),
        sent_after_retry=len(staff_mail(site, batch)),
        retry_output=retry.stdout.strip(),
    )


def test_requests_after_a_database_restart_succeed_and_none_is_half_stored(site):
    batch = "restart"
    half = RESTART_POSTS // 2
    before = [f"{batch}-a{n}@example.be" for n in range(half)]
    after = [f"{batch}-b{n}@example.be" for n in range(RESTART_POSTS - half)]
    during, lock = {}, threading.Lock()

    # A steady stream of patients (4 at a time); halfway through the first half, every connection is cut.
    workers = post_stream(site, before, 4, during, lock)
    assert site.wait_until(lambda: len(during) >= half // 2, 60)
    site.terminate_database_connections()
    for worker in workers:
        worker.join(timeout=120)
    time.sleep(0.5)
    results_after = post_concurrently(site, after)

    assert set(results_after.values()) == {303}, f"after the restart: {results_after}"
    stored = site.requests_of(batch)
    answered = {email for email, status in {**during, **results_after}.items() if status == 303}
    assert set(stored) == answered, "every 303 is stored, and nothing that failed is"
    for email, (_status, name, has_answers, has_consent) in stored.items():
        assert name and has_answers and has_consent, f"half-stored: {email}"
    # The worker lost its connection too; whatever it could not send, the retry sends.
    if site.worker.poll() is not None:
        site.start_worker()
    site.wait_until(lambda: {s for s, *_ in site.requests_of(batch).values()} <= {"sent", "failed"}, 30)
    retry = site.manage("send_pending_notifications", "--grace-minutes", "0")
    assert retry.returncode == 0, retry.stderr
    assert {s for s, *_ in site.requests_of(batch).values()} == {"sent"}
    numbers = site.numbers_of(batch)
    mailed = [alerted_email(m, numbers) for m in staff_mail(site, batch)]
    assert set(mailed) == set(stored), "every stored request is announced"
    # An e-mail goes out before its timestamp is committed: if the connection dies in between, the retry sends it
    # again. At least once, never lost; the worker runs one task at a time, so at most one request is doubled.
    duplicates = len(mailed) - len(set(mailed))
    assert duplicates <= 1, duplicates
    report(
        f"PostgreSQL connections cut halfway through {half} posts, then {len(after)} concurrent posts",
        during_303=sum(s == 303 for s in during.values()),
        during_errors=sum(s != 303 for s in during.values()),
        after_303=sum(s == 303 for s in results_after.values()),
        stored=len(stored),
        half_stored=0,
        staff_emails=len(mailed),
        requests_announced_twice=duplicates,
    )
