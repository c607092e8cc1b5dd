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
