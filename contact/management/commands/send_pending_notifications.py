import datetime
import smtplib

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from contact.models import QuoteRequest
from contact.notifications import deliver_notifications


def open_mail_connection():
    """One SMTP connection for the whole run, not one per e-mail. If the server is still down, each message
    tries again on its own and the request stays marked as failed."""
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        pass
    return connection


class Command(BaseCommand):
    help = (
        "Send the quote-request e-mails that failed (SMTP down) or were never sent (the queue lost them). "
        "Each e-mail goes out at most once. Exits with an error while some still fail, so cron can alert."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=10,
            help="Leave requests that are still waiting for the queue alone for this long (default 10).",
        )

    def handle(self, *args, grace_minutes=10, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=grace_minutes)
        pending = (
            QuoteRequest.objects.filter(
                Q(notification_status=QuoteRequest.Notification.FAILED)
                | Q(notification_status=QuoteRequest.Notification.PENDING, created_at__lt=cutoff)
            )
            .exclude(status=QuoteRequest.Status.SPAM)
            .order_by("created_at")
            .values_list("pk", flat=True)
        )
        sent = failed = 0
        connection = open_mail_connection()
        try:
            for pk in pending.iterator():
                if deliver_notifications(pk, connection) == QuoteRequest.Notification.SENT:
                    sent += 1
                else:
                    failed += 1
        finally:
            connection.close()
        self.stdout.write(f"Notifications sent for {sent} request(s); {failed} still failing.")
        if failed:
            raise CommandError(f"{failed} quote request notification(s) could not be sent; see the inbox.")
