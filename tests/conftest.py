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


def as_read(language, text):
    """`text` as a reader of `language` sees it: French pages get French spacing (core.typography)."""
    from core.typography import french_typography

    return french_typography(text) if language == "fr" else text


def content_translation(app, language, key, context):
    """The translator's text for one segment, straight from the shipped PO file."""
    po = polib.pofile(str(REPO / app / "content_translations" / language / f"{key}.po"))
    return next(entry.msgstr for entry in po if entry.msgctxt == context)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The quote form's rate limit lives in the cache: every test starts with a clean count."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def free_port():
    """A port nothing listens on right now (aiosmtpd cannot bind port 0)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.envelope_recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if address in message.envelope_recipients]


def start_smtp_server(port=None):
    from aiosmtpd.controller import Controller

    controller = Controller(Mailbox(), hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return controller


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on loopback for the whole session (docs/architecture.md: no mocked mail paths)."""
    controller = start_smtp_server()
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    """Django sends real SMTP to the loopback server; the test reads what arrived."""
    smtp_server.handler.messages.clear()
    use_smtp(settings, smtp_server.port)
    return smtp_server.handler
