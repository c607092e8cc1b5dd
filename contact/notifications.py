"""The two e-mails of a quote request: an alert to the front desk and a confirmation to the patient.

E-mail is not a confidential channel, and mailbox copies escape erasure and retention. So neither e-mail carries
anything the patient typed or chose (name, address, phone, treatment, answers, whatever fields editors add): the
staff alert is a link into the inbox with a neutral subject, in each recipient's admin language; the patient's
confirmation is a fixed text in the patient's language (what happens next, urgent care numbers, the clinic's
contact, the privacy policy and a signed link to withdraw consent and erase the request).

A request is stored before any e-mail is tried. The e-mails go out from a django-tasks task queued on commit
(immediately in dev and test, by `manage.py db_worker` in production). Each of the two is sent at most once;
an SMTP failure marks the request's notification as failed, visible in the inbox, and
`manage.py send_pending_notifications` (or the worker's own retry) sends what is missing.
"""

import datetime
import logging
import re
import smtplib
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from home.models import ClinicSettings

from .answers import form_page_in

logger = logging.getLogger(__name__)

MAX_WORKER_ATTEMPTS = 5
HREF = re.compile(r'href="([^"]+)"')


def queue_notifications(quote_request):
    """Queue the e-mails once the request is committed; a failure to queue is logged, never shown."""
    transaction.on_commit(lambda: send_quote_notifications.enqueue(quote_request.pk), robust=True)


@task()
def send_quote_notifications(quote_request_id):
    status = deliver_notifications(quote_request_id)
    if status == "failed":
        schedule_retry(quote_request_id)
    return status


def schedule_retry(quote_request_id):
    """With a queue that can wait (django-tasks-db), try again later with a growing delay."""
    from .models import QuoteRequest

    if not default_task_backend.supports_defer:
        return  # ImmediateBackend: send_pending_notifications retries.
    attempts = QuoteRequest.objects.filter(pk=quote_request_id).values_list("notification_attempts", flat=True).first()
    if attempts is None or attempts >= MAX_WORKER_ATTEMPTS:
        return
    delay = datetime.timedelta(minutes=5 * 2 ** (attempts - 1))
    send_quote_notifications.using(run_after=timezone.now() + delay).enqueue(quote_request_id)


def deliver_notifications(quote_request_id, connection=None):
    """Send whichever of the two e-mails has not gone out yet; record the outcome. Returns the new status.

    `connection`: an open mail connection to reuse (a retry of many requests sends them all over one).
    """
    from .models import QuoteRequest

    with transaction.atomic():
        # The row lock keeps a retry and the worker from sending the same e-mail twice (PostgreSQL).
        quote_request = (
            QuoteRequest.objects.select_for_update(of=("self",))
            .select_related("locale", "form_page")
            .get(pk=quote_request_id)
        )
        if quote_request.notification_status == QuoteRequest.Notification.SENT:
            return quote_request.notification_status
        errors = []
        if quote_request.staff_notified_at is None:
            try:
                send_staff_notification(quote_request, connection)
                quote_request.staff_notified_at = timezone.now()
            except (smtplib.SMTPException, OSError, ValueError) as error:
                errors.append(f"staff: {describe_error(error)}")
                _drop_broken(connection)
        if quote_request.patient_notified_at is None and quote_request.email:
            try:
                send_patient_confirmation(quote_request, connection)
                quote_request.patient_notified_at = timezone.now()
            except (smtplib.SMTPException, OSError, ValueError) as error:
                errors.append(f"patient: {describe_error(error)}")
                _drop_broken(connection)
        quote_request.notification_attempts += 1
        quote_request.notification_status = (
            QuoteRequest.Notification.FAILED if errors else QuoteRequest.Notification.SENT
        )
        quote_request.notification_error = "; ".join(errors)[:255]
        quote_request.save(
            update_fields=[
                "staff_notified_at",
                "patient_notified_at",
                "notification_attempts",
                "notification_status",
                "notification_error",
                "updated_at",
            ]
        )
    if errors:
        logger.warning("Quote request %s: notification failed: %s", quote_request.pk, quote_request.notification_error)
    return quote_request.notification_status


def describe_error(error):
    """What went wrong, for the inbox and the log, without the addresses a refusal names (patient data)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in error.recipients.values()})
        return f"{type(error).__name__}: {len(error.recipients)} recipient(s) refused ({', '.join(map(str, codes))})"
    if isinstance(error, smtplib.SMTPResponseException):  # the server's text may quote an address
        return f"{type(error).__name__}: {error.smtp_code}"
    return f"{type(error).__name__}: {error}"


def _drop_broken(connection):
    """After a failure the shared connection may be dead: the next message opens a fresh one."""
    if connection is not None:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            connection.connection = None


def _clinic_settings(quote_request):
    page = quote_request.form_page
    site = page.get_site() if page is not None else None
    return ClinicSettings.for_site(site) if site is not None else ClinicSettings.objects.first() or ClinicSettings()


def _routing():
    from .models import QuoteRoutingSettings

    return QuoteRoutingSettings.load()


def admin_url(quote_request):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("quote_requests:edit", args=[quote_request.pk])


def recipients_by_language(addresses):
    """{language: [address]}: a staff account's address gets the alert in that account's admin language, any
    other address in the site's default language."""
    matching = Q()
    for address in addresses:
        matching |= Q(email__iexact=address)
    accounts = {}
    for user in get_user_model().objects.filter(matching, is_active=True).select_related("wagtail_userprofile"):
        accounts.setdefault(user.email.lower(), user)
    languages = {}
    for address in addresses:
        profile = getattr(accounts.get(address.lower()), "wagtail_userprofile", None)
        language = (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE
        languages.setdefault(language, []).append(address)
    return languages


def send_staff_notification(quote_request, connection=None):
    """A link to the request and nothing about the patient: no name, address, treatment, answer or Reply-To."""
    recipients = _routing().recipients
    if not recipients:
        raise ValueError("no staff e-mail address in Settings → Quote request routing")
    messages = []
    for language, addresses in recipients_by_language(recipients).items():
        with translation.override(language):
            context = {"number": quote_request.pk, "admin_url": admin_url(quote_request)}
            message = EmailMultiAlternatives(
                subject=_("New quote request (no. %(number)s)") % {"number": quote_request.pk},
                body=render_to_string("contact/email/staff_notification.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=addresses,
            )
            message.attach_alternative(render_to_string("contact/email/staff_notification.html", context), "text/html")
        messages.append(message)
    (connection or get_connection()).send_messages(messages)


def privacy_policy_url(page):
    """The first link of the form's consent text, which editors write to point at the privacy policy."""
    if page is None:
        return ""
    from wagtail.rich_text import expand_db_html

    match = HREF.search(expand_db_html(page.consent_text))
    return urljoin(page.get_full_url() or settings.WAGTAILADMIN_BASE_URL, match.group(1)) if match else ""


def patient_reply_address(clinic):
    return _routing().patient_reply_to or clinic.email


def send_patient_confirmation(quote_request, connection=None):
    """The same text for every patient of one language: nothing they typed, no health topic, not even in the
    subject. Anyone can type someone else's address into the form; this e-mail then tells that person nothing
    and lets them erase the request."""
    from .withdrawal import withdrawal_url

    language = quote_request.locale.language_code
    clinic = _clinic_settings(quote_request)
    page = form_page_in(quote_request, language)
    reply_to = patient_reply_address(clinic)
    with translation.override(language):
        context = {
            "clinic": clinic,
            "reply_to": reply_to,
            "working_days": _routing().reply_within_working_days,
            "privacy_url": privacy_policy_url(page),
            "withdraw_url": withdrawal_url(quote_request, page),
            "site_url": page.get_site().root_url if page is not None else settings.WAGTAILADMIN_BASE_URL,
        }
        message = EmailMultiAlternatives(
            subject=_("Your quote request to %(clinic)s") % {"clinic": " ".join(clinic.name.split())},
            body=render_to_string("contact/email/patient_confirmation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[quote_request.email],
            reply_to=[reply_to] if reply_to else None,
            connection=connection,
        )
        message.attach_alternative(render_to_string("contact/email/patient_confirmation.html", context), "text/html")
    message.send()
