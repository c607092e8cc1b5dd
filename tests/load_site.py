"""The site as production runs it, for the failure tests: gunicorn (2 workers) with the production settings, its own
database (PostgreSQL; else an SQLite file, fine for one patient at a time, not for concurrent posts), the
django-tasks-db worker, and a real SMTP server, all on loopback. Reuses tools/bench.py's environment and server.

Patients are simulated the way a browser behind the clinic's TLS proxy posts: GET the form (CSRF cookie and
token), then POST with X-Forwarded-Proto: https and the Origin header.
"""

import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg2
from django.core import signing

from contact.spam import FILL_TIME_SALT
from tests.conftest import start_smtp_server

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
from bench import Server, environment, forget_cache, free_port, prepare  # noqa: E402

FORM_PATH = "/en/ask-for-a-quote/"
STAFF_INBOX = "frontdesk@faceclinic.be"


class LoadSite:
    """Start with `with LoadSite() as site:`; everything it started is stopped and its database dropped."""

    def __init__(self, task_worker=True):
        self.with_task_worker = task_worker
        self.workdir = Path(tempfile.mkdtemp(prefix="faceclinic-failures-"))
        self.smtp_port = free_port()
        self.smtp = None
        self.worker = None
        source = os.environ.get("DATABASE_URL", "")
        self.postgres = source.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parts = urlsplit(source)
            # Never the database of the suite or of anybody else: a name of our own, dropped at the end.
            self.database = f"{parts.path.lstrip('/') or 'postgres'}_failures_{os.getpid()}"
            self.admin_dsn = parts._replace(path="/postgres").geturl()
            self.database_url = parts._replace(path=f"/{self.database}").geturl()
        else:
            self.database_url = f"sqlite:///{self.workdir / 'failures.sqlite3'}"
        self.env = {
            **environment(self.workdir),
            "DATABASE_URL": self.database_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "EMAIL_TIMEOUT": "5",
            # Load tests post many requests from one address (docs/architecture.md).
            "QUOTE_RATE_LIMIT": "1000000",
            "WAGTAILADMIN_BASE_URL": "https://www.faceclinic.be",
        }
        self.secret_key = self.env["SECRET_KEY"]

    # Lifecycle

    def __enter__(self):
        if self.postgres:
            self._admin_sql(f'DROP DATABASE IF EXISTS "{self.database}"')
            self._admin_sql(f'CREATE DATABASE "{self.database}"')
        prepare(self.env)
        # Loading the content queued Wagtail's own tasks (search index, references): done before the clock starts.
        drained = self.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
        assert drained.returncode == 0, drained.stderr
        self.start_smtp()
        self.server = Server(self.env, page_cache=True).__enter__()
        if self.with_task_worker:
            self.start_worker()
        return self

    def __exit__(self, *exc):
        self.stop_worker()
        self.server.__exit__(*exc)
        self.stop_smtp()
        forget_cache(self.env)
        if self.postgres:
            self._admin_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [self.database]
            )
            self._admin_sql(f'DROP DATABASE IF EXISTS "{self.database}"')

    def _admin_sql(self, sql, params=None):
        connection = psycopg2.connect(self.admin_dsn)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        finally:
            connection.close()

    def start_smtp(self):
        self.smtp = start_smtp_server(self.smtp_port)
        self.mailbox = self.smtp.handler

    def stop_smtp(self):
        if self.smtp is not None:
            self.smtp.stop()
            self.smtp = None

    def start_worker(self):
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop_worker(self):
        if self.worker is not None:
            self.worker.terminate()
            try:
                self.worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.worker.kill()
            self.worker = None

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=self.env, capture_output=True, text=True, timeout=300
        )

    # Failures

    def terminate_database_connections(self):
        """What a PostgreSQL restart does to the app: every open connection to its database is cut.

        Other engineers share this server, so it is not restarted: only the backends of our own database end.
        """
        self._admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        )

    # Reading the site's database directly (the suite's own Django connection is the test database)

    def query(self, sql, params=()):
        if self.postgres:
            connection = psycopg2.connect(self.database_url)
            try:
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    return cursor.fetchall()
            finally:
                connection.close()
        import sqlite3

        connection = sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=30)
        try:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            connection.close()

    def requests_of(self, batch):
        """{email: (notification_status, name, answers not empty, consent given)} of one batch of patients."""
        rows = self.query(
            "SELECT email, notification_status, name, answers, consent_version, consented_at "
            "FROM contact_quoterequest WHERE email LIKE %s",
            (f"{batch}-%",),
        )
        return {
            email: (status, name, bool(answers), bool(version and at))
            for email, status, name, answers, version, at in rows
        }

    def numbers_of(self, batch):
        """{request number: email} of one batch: staff alerts name a request by its number only."""
        rows = self.query("SELECT id, email FROM contact_quoterequest WHERE email LIKE %s", (f"{batch}-%",))
        return {int(number): email for number, email in rows}

    def task_timings(self):
        """(tasks finished, mean seconds running one, longest seconds from enqueued to finished)."""
        rows = self.query(
            "SELECT enqueued_at, started_at, finished_at FROM django_tasks_database_dbtaskresult "
            "WHERE finished_at IS NOT NULL"
        )
        if not rows:
            return 0, 0, 0

        def seconds(later, earlier):
            if isinstance(later, str):  # SQLite
                from datetime import datetime

                later, earlier = datetime.fromisoformat(later), datetime.fromisoformat(earlier)
            return (later - earlier).total_seconds()

        running = [seconds(finished, started) for _enqueued, started, finished in rows]
        waiting = [seconds(finished, enqueued) for enqueued, _started, finished in rows]
        return len(rows), round(sum(running) / len(running), 3), round(max(waiting), 2)

    def wait_until(self, condition, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.25)
        return condition()

    # A patient

    def fill_time_token(self):
        # Each form its own token, as the site issues them: an accepted token is used up.
        return signing.dumps([int(time.time()) - 60, uuid.uuid4().hex], key=self.secret_key, salt=FILL_TIME_SALT)

    def open_form(self):
        """GET the form as a browser would: the CSRF cookie, the form's CSRF token and a treatment to choose."""
        status, headers, body = self.request("GET", FORM_PATH)
        assert status == 200, status
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", "")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        treatment = re.search(r'<option value="(\d+)"', body).group(1)
        return cookie, token, treatment

    def post_form(self, form, email, name="Load Test"):
        cookie, token, treatment = form
        data = {
            "csrfmiddlewaretoken": token,
            "name": name,
            "email": email,
            "phone": "+32 2 123 45 67",
            "treatment": treatment,
            "preferred_language": "en",
            "preferred_contact_time": "morning",
            "message": "Sent by the failure tests.",
            "consent": "on",
            "website": "",
            "form_started": self.fill_time_token(),
        }
        status, headers, _body = self.request(
            "POST",
            FORM_PATH,
            body=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"},
        )
        return status

    def request(self, method, path, body=None, headers=None, server=None):
        port = (server or self.server).port
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            origin = f"https://127.0.0.1:{port}"
            connection.request(
                method,
                path,
                body=body,
                headers={"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + path, **(headers or {})},
            )
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
        finally:
            connection.close()


def post_stream(site, emails, threads, results, lock):
    """`threads` patients at a time, each opening the form and posting, one after the other."""
    pending = list(emails)

    def patient():
        while True:
            with lock:
                if not pending:
                    return
                email = pending.pop()
            try:
                status = site.post_form(site.open_form(), email)
            except Exception as error:  # noqa: BLE001 - a failure is a result here
                status = type(error).__name__
            with lock:
                results[email] = status

    workers = [threading.Thread(target=patient) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def post_concurrently(site, emails):
    """Each patient opens the form, then all post at the same moment. Returns {email: status or exception name}."""
    results = {}
    barrier = threading.Barrier(len(emails))
    lock = threading.Lock()

    def patient(email):
        try:
            form = site.open_form()
        except Exception as error:  # noqa: BLE001 - a failure is a result here
            barrier.abort()
            with lock:
                results[email] = type(error).__name__
            return
        try:
            barrier.wait(timeout=120)
            status = site.post_form(form, email)
        except Exception as error:  # noqa: BLE001
            status = type(error).__name__
        with lock:
            results[email] = status

    workers = [threading.Thread(target=patient, args=(email,)) for email in emails]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    return results
