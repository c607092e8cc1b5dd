"""Retrying the quote-request e-mails after an SMTP outage: every one goes out, over one SMTP connection."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from contact.models import QuoteRequest
from tests.conftest import Mailbox, free_port, use_smtp
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db


class CountingMailbox(Mailbox):
    """Keeps the messages and counts SMTP sessions (each client connection greets with EHLO once)."""

    def __init__(self):
        super().__init__()
        self.sessions = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses


def test_retrying_six_failed_requests_sends_twelve_e_mails_over_one_smtp_connection(
    settings, django_capture_on_commit_callbacks
):
    from aiosmtpd.controller import Controller

    port = free_port()
    use_smtp(settings, port)  # nothing listens yet: every notification fails
    prp = make_treatment()
    for number in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post(
                QUOTE_FORM["fr"],
                patient_post("fr", prp["fr"], email=f"patient{number}@example.be"),
                REMOTE_ADDR=f"192.0.2.{number + 1}",
            )
    assert QuoteRequest.objects.filter(notification_status="failed").count() == 6

    mailbox = CountingMailbox()
    server = Controller(mailbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        call_command("send_pending_notifications", stdout=io.StringIO())
    finally:
        server.stop()

    assert len(mailbox.messages) == 12, "an alert to the front desk and a confirmation to each patient"
    assert mailbox.sessions == 1
    assert not QuoteRequest.objects.exclude(notification_status="sent").exists()
