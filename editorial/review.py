"""The medical review is what the approval records: who approved (their practitioner record) and when.

Editors never type either: the fields are read-only in the editor, and the approval writes them into the revision
that goes live, so a page cannot be published "reviewed by" someone who never saw it.
"""

from django.apps import apps
from django.utils import timezone

REVIEW_DATE_FIELD = "medical_reviewed_on"
REVIEWER_FIELD = "medical_reviewer"


def is_medical_content(instance):
    fields = {field.name for field in instance._meta.get_fields()}
    return {REVIEW_DATE_FIELD, REVIEWER_FIELD} <= fields


def practitioner_record_of(user, locale_id=None):
    """The practitioner linked to this staff account, in `locale_id` where translated."""
    if user is None or not user.is_authenticated:
        return None
    Practitioner = apps.get_model("treatments", "Practitioner")
    records = Practitioner.objects.filter(user=user)
    if locale_id is not None:
        records = records.order_by_locale_first(locale_id)
    return records.first()


def record_review(revision, user):
    """Write the approving doctor and today's date into `revision` (the one about to be published)."""
    instance = revision.content_object
    if not is_medical_content(instance):
        return
    reviewer = practitioner_record_of(user, getattr(instance, "locale_id", None))
    revision.content[REVIEW_DATE_FIELD] = timezone.localdate().isoformat()
    revision.content[REVIEWER_FIELD] = reviewer.pk if reviewer is not None else None
    revision.save(update_fields=["content"])
