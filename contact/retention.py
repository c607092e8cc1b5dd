"""How long a patient's request is kept, who looked at it, and how it is handed over or erased (GDPR art. 9, 15, 17).

- Retention: requests older than the clinic's retention period (Settings → Clinic details, default 12 months)
  are deleted, notes and all, by `manage.py purge_quote_requests` and by a daily task on the worker.
- Audit: every view and export of a request is a Wagtail log entry (`contact.quote_request.*`), so the
  request's History shows who read it. When a request is deleted its log entries stay, but their label (the
  patient's name, by Wagtail's default) becomes "Quote request 123": the log keeps accountability, not the patient.
"""

import contextvars
import datetime
import logging
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import default_task_backend, task
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry, Site

from home.models import ClinicSettings

logger = logging.getLogger(__name__)

VIEW = "contact.quote_request.view"
EXPORT = "contact.quote_request.export"
ERASE = "contact.quote_request.erase"
PURGE = "contact.quote_request.purge"
LOOK_UP = "contact.quote_request.look_up"
WITHDRAW = "contact.quote_request.withdraw"
DEFAULT_RETENTION_MONTHS = 12
PURGE_EVERY = datetime.timedelta(days=1)


class ExportFormatter(LogFormatter):
    label = _("Export quote request")

    def format_message(self, log_entry):
        return _("Exported (%(format)s)") % {"format": str(log_entry.data.get("format", "")).upper()}


def register_actions(actions):
    actions.register_action(VIEW, _("View quote request"), _("Viewed"))
    actions.register_action(EXPORT)(ExportFormatter)
    actions.register_action(ERASE, _("Erase quote request"), _("Erased at the patient's request"))
    actions.register_action(PURGE, _("Delete expired quote request"), _("Deleted: retention period over"))
    actions.register_action(LOOK_UP, _("Look up patient data"), _("Found by a look-up of the e-mail address"))
    actions.register_action(
        WITHDRAW, _("Patient withdrew consent"), _("Erased by the patient (link in the confirmation e-mail)")
    )


def neutral_label(pk):
    """What the audit log calls a request: never the patient's name."""
    return f"Quote request {pk}"


def log_quote_requests(pks, action, user=None, data=None):
    """One log entry per request, sharing one uuid: one export of 300 requests is 300 entries, one action."""
    from .models import QuoteRequest

    content_type = ContentType.objects.get_for_model(QuoteRequest)
    now, action_uuid = timezone.now(), uuid.uuid4()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(pk),
                label=neutral_label(pk),
                action=action,
                data=data or {},
                timestamp=now,
                uuid=action_uuid,
                user=user if getattr(user, "is_authenticated", False) else None,
            )
            for pk in pks
        ],
        batch_size=ERASE_BATCH,
    )


# Erasing many requests at once (the retention purge, a patient's erasure): in batches, so queries grow with the
# number of batches, not of requests, and memory holds one batch of ids at a time.
ERASE_BATCH = 1000
_erasing_in_batches = contextvars.ContextVar("erasing_in_batches", default=False)


def forget_patient_in_audit_log(sender, instance, **kwargs):
    """post_delete of a QuoteRequest: its log entries stay, under a label without the patient's name."""
    if _erasing_in_batches.get():
        return  # erase() relabels the whole batch in one update
    _relabel_log_entries([instance.pk])


def _relabel_log_entries(pks):
    from .models import QuoteRequest

    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(QuoteRequest), object_id__in=[str(pk) for pk in pks]
    )
    entries.update(label=Concat(Value("Quote request "), "object_id"))


def erase(queryset, action, user=None):
    """Delete these requests (and their notes), logging `action` for each first. Returns how many."""
    total = 0
    while True:
        with transaction.atomic():
            pks = list(queryset.order_by("pk").select_for_update().values_list("pk", flat=True)[:ERASE_BATCH])
            if not pks:
                return total
            log_quote_requests(pks, action, user=user)
            token = _erasing_in_batches.set(True)
            try:
                queryset.model.objects.filter(pk__in=pks).delete()
            finally:
                _erasing_in_batches.reset(token)
            _relabel_log_entries(pks)
        total += len(pks)


def retention_months():
    site = Site.objects.filter(is_default_site=True).first()
    clinic = ClinicSettings.for_site(site) if site else ClinicSettings.objects.first()
    return clinic.quote_retention_months if clinic else DEFAULT_RETENTION_MONTHS


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def retention_cutoff(now=None):
    return months_before(now or timezone.now(), retention_months())


def expired_requests(now=None):
    from .models import QuoteRequest

    return QuoteRequest.objects.filter(created_at__lt=retention_cutoff(now))


def purge_expired(now=None):
    """Delete every request older than the retention period. Returns how many were deleted."""
    count = erase(expired_requests(now), PURGE)
    if count:
        logger.info("Deleted %s quote request(s) past the retention period.", count)
    return count


@task()
def purge_expired_quote_requests():
    """The worker's daily purge: delete what expired, then queue the next run for tomorrow."""
    count = purge_expired()
    schedule_next_purge()
    return count


def next_purge_scheduled():
    """Whether the queue already holds a purge waiting to run (so a second one is not queued)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=purge_expired_quote_requests.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_next_purge():
    """With a queue that can wait (django-tasks-db in production), run the purge again in a day."""
    if not default_task_backend.supports_defer or next_purge_scheduled():
        return False
    purge_expired_quote_requests.using(run_after=timezone.now() + PURGE_EVERY).enqueue()
    return True
