"""What treatment and condition pages need before launch: named practitioners and a recorded medical review.

The law of 23 May 2013 asks that information name every practitioner with their particular professional title;
the RIZIV/INAMI number makes that verifiable. The review line patients read must be true. See home/launch.py.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home.launch import MissingFact, launch_requirement

from .models import ConditionPage, Practitioner, TreatmentPage


def _one_page_per_translation_group(model):
    """Live pages of `model`, grouped by translation key: the clinic fixes a fact once, for every language."""
    groups = {}
    for page in model.objects.live().select_related("locale").order_by("path"):
        groups.setdefault(page.translation_key, []).append(page)
    return groups.values()


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _is_complete(practitioner):
    return all(
        (value or "").strip()
        for value in (practitioner.name, practitioner.professional_title, practitioner.registration_number)
    )


@launch_requirement
def treatments_without_identified_practitioner():
    facts = []
    for pages in _one_page_per_translation_group(TreatmentPage):
        page = pages[0]
        practitioners = [link.practitioner for link in page.practitioners.select_related("practitioner")]
        if not practitioners or not all(_is_complete(practitioner) for practitioner in practitioners):
            message = _(
                "The treatment page “%(title)s” does not name a practitioner with a name, a particular "
                "professional title and a RIZIV/INAMI number."
            ) % {"title": page.title}
            facts.append(MissingFact("launch.E101", message, _edit_url(page)))
        facts += _untranslated_practitioners(pages, practitioners)
    return facts


def _untranslated_practitioners(pages, practitioners):
    """A Dutch or French page must not give its doctor's title in English (law of 23 May 2013: the title is
    information for the patient, in the patient's language)."""
    facts = []
    for practitioner in practitioners:
        translated = set(
            Practitioner.objects.filter(translation_key=practitioner.translation_key).values_list(
                "locale_id", flat=True
            )
        )
        for page in pages:
            if page.locale_id not in translated:
                message = _(
                    "The practitioner %(name)s has no %(language)s translation of their professional title."
                ) % {"name": practitioner.name, "language": page.locale.get_display_name()}
                edit_url = reverse("wagtailsnippets_treatments_practitioner:edit", args=(practitioner.pk,))
                facts.append(MissingFact("launch.E103", message, edit_url))
    return facts


@launch_requirement
def medical_pages_without_review():
    facts = []
    for model in (TreatmentPage, ConditionPage):
        for pages in _one_page_per_translation_group(model):
            unreviewed = [page for page in pages if not (page.medical_reviewed_on and page.medical_reviewer_id)]
            if unreviewed:
                page = unreviewed[0]
                message = _("The page “%(title)s” (%(language)s) has no recorded medical review.") % {
                    "title": page.title,
                    "language": page.locale.language_code,
                }
                facts.append(MissingFact("launch.E102", message, _edit_url(page)))
    return facts
