"""StreamField blocks shared by every page type. Apps add their own in their `blocks.py`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    """A section heading. Level 2 or 3 only: the page title is the one h1."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A heading that starts a section; keeps the page outline for screen readers.")
        preview_value = {"text": "How is PRP made?", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted note: a medical disclaimer, a caution, or what a patient must know before booking."""

    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("caution", _("Caution"))],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Call-out")
        description = _("A framed note, e.g. a disclaimer or a precaution.")
        preview_value = {
            "kind": "caution",
            "title": "Please note",
            "text": "<p>The long-term benefits are not yet known.</p>",
        }


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body can use."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        icon="pilcrow",
        template="blocks/paragraph.html",
        preview_value="<p>PRP is derived from the patient's own blood.</p>",
        description=_("Paragraphs, lists and links."),
    )
    callout = CalloutBlock()


class ClinicDetailsBlock(blocks.StructBlock):
    """The clinic's legal identity as the clinic details hold it today: the legal notice and the privacy policy
    stay true when a detail changes, and a detail not yet filled in is left out (never a placeholder)."""

    details = blocks.ChoiceBlock(
        choices=[
            ("publisher", _("Publisher (legal notice): company, registration, profession, insurer, practitioners")),
            ("controller", _("Data controller (privacy policy): identity, contact for your rights, DPO")),
        ],
        default="publisher",
        label=_("Which details"),
    )

    class Meta:
        icon = "site"
        template = "blocks/clinic_details.html"
        label = _("Clinic details")
        description = _("The clinic's details from the settings, as the law asks them on this page.")
        preview_value = {"details": "publisher"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value["details"] == "publisher":
            context["practitioners"] = practitioners_in_active_language()
        return context


def practitioners_in_active_language():
    """Every practitioner, each once, in the reader's language where translated (by label: home imports no app)."""
    from django.apps import apps
    from django.conf import settings
    from django.utils.translation import get_language

    model = apps.get_model("treatments", "Practitioner")
    people = model.objects.select_related("locale").order_by("name", "pk")
    if any(field.name == "live" for field in model._meta.get_fields()):
        people = people.filter(live=True)
    preferred = [get_language(), settings.SOURCE_LANGUAGE_CODE]
    chosen = {}
    for person in people:
        code = person.locale.language_code
        current = chosen.get(person.translation_key)
        rank = preferred.index(code) if code in preferred else len(preferred)
        if current is None or rank < current[0]:
            chosen[person.translation_key] = (rank, person)
    return [person for _rank, person in chosen.values()]


class LegalPageStreamBlock(BaseStreamBlock):
    """A legal page's body: text, and the clinic's details where the law asks for them."""

    clinic_details = ClinicDetailsBlock()
