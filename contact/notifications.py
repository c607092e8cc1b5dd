"""The two e-mails of a quote request: an alert to the front desk and a confirmation to the patient.

A request is stored before any e-mail is tried. The e-mails go out from a django-tasks task queued on commit
(immediately in dev and test, by `manage.py db_worker` in production). Each of the two is sent at most once;
an SMTP failure marks the request's notification as failed, visible in the inbox, and
`manage.py send_pending_notifications` (or the worker's own retry) sends what is missing.
"""

import datetime
import logging
import re
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from home.models import ClinicSettings

from .answers import form_page_in, language_name, localized_answers, treatment_title_in

logger = logging.getLogger(__name__)

MAX_WORKER_ATTEMPTS = 5
# Free text may hold health details: it stays in the inbox and never travels in an e-mail.
FREE_TEXT_TYPES = {"multiline"}
PLACEHOLDER = re.compile(r"\{(name|treatment)\}")


def staff_language():
    return getattr(settings, "QUOTE_STAFF_LANGUAGE", settings.LANGUAGE_CODE)


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
                errors.append(f"staff: {type(error).__name__}: {error}")
                _drop_broken(connection)
        if quote_request.patient_notified_at is None and quote_request.email:
            try:
                send_patient_confirmation(quote_request, connection)
                quote_request.patient_notified_at = timezone.now()
            except (smtplib.SMTPException, OSError, ValueError) as error:
                errors.append(f"patient: {type(error).__name__}: {error}")
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


def admin_url(quote_request):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("quote_requests:edit", args=[quote_request.pk])


def send_staff_notification(quote_request, connection=None):
    clinic = _clinic_settings(quote_request)
    page = quote_request.form_page.specific if quote_request.form_page else None
    recipients = page.staff_recipients(clinic) if page else [clinic.staff_inbox_email]
    recipients = [address for address in recipients if address]
    if not recipients:
        raise ValueError("no staff inbox e-mail in the clinic details")
    link_only = clinic.staff_notification_link_only
    with translation.override(staff_language()):
        language = staff_language()
        context = {
            "quote_request": quote_request,
            "link_only": link_only,
            "admin_url": admin_url(quote_request),
            "clinic": clinic,
        }
        if link_only:
            # Nothing about the patient: no name, no treatment (a health detail), no reply address.
            subject = _("New quote request")
            reply_to = None
        else:
            treatment = treatment_title_in(quote_request, language) or _("no treatment chosen")
            free_text_names = {a["name"] for a in quote_request.answers if a.get("type") in FREE_TEXT_TYPES}
            context |= {
                "treatment": treatment,
                "patient_language": language_name(quote_request.locale.language_code),
                "answers": [
                    (label, value)
                    for (label, value), answer in zip(
                        localized_answers(quote_request, language), quote_request.answers, strict=True
                    )
                    if answer["name"] not in free_text_names
                ],
                "has_free_text": any(a.get("value") for a in quote_request.answers if a["name"] in free_text_names),
            }
            subject = _("New quote request: %(treatment)s (%(language)s)") % {
                "treatment": treatment,
                "language": context["patient_language"],
            }
            reply_to = [quote_request.email] if quote_request.email else None
        message = EmailMultiAlternatives(
            # One line, whatever an editor put in a treatment title: a header never spans lines.
            subject=" ".join(subject.split()),
            body=render_to_string("contact/email/staff_notification.txt", context),
            from_email=page.sender() if page else settings.DEFAULT_FROM_EMAIL,
            to=recipients,
            reply_to=reply_to,
            connection=connection,
        )
        message.attach_alternative(render_to_string("contact/email/staff_notification.html", context), "text/html")
    message.send()


def send_patient_confirmation(quote_request, connection=None):
    language = quote_request.locale.language_code
    clinic = _clinic_settings(quote_request)
    page = form_page_in(quote_request, language)
    with translation.override(language):
        values = {
            "name": quote_request.name,
            "treatment": treatment_title_in(quote_request, language) or _("your question"),
        }
        subject_template = page.confirmation_subject if page else _("Your quote request")
        body_template = page.confirmation_body if page else _("Thank you, {name}. We will contact you soon.")
        subject = fill_placeholders(subject_template, values)
        body = fill_placeholders(body_template, values)
        # linebreaks() escapes the text itself; the result is safe HTML.
        body_html = mark_safe(linebreaks(body, autoescape=True))  # noqa: S308
        context = {"body": body, "body_html": body_html, "clinic": clinic, "page": page}
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("contact/email/patient_confirmation.txt", context),
            from_email=page.sender() if page else settings.DEFAULT_FROM_EMAIL,
            to=[quote_request.email],
            reply_to=[clinic.email] if clinic.email else None,
            connection=connection,
        )
        message.attach_alternative(render_to_string("contact/email/patient_confirmation.html", context), "text/html")
    message.send()


def fill_placeholders(template, values):
    """Replace {name} and {treatment}; nothing else in an editor's text is interpreted."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)
