"""Blocks an editor composes treatment and condition pages with, on top of the shared ones in home.blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from home.blocks import BaseStreamBlock


class FigureBlock(blocks.StructBlock):
    """An image with a caption. The alt text lives in the block, so each language has its own."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/figure.html"
        label = _("Image")
        description = _("An image with alt text (required unless decorative) and an optional caption.")
        preview_value = {"caption": "Blood is separated in a centrifuge."}


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=120)
    text = blocks.TextBlock(label=_("Explanation"), required=False)


class StepsBlock(blocks.StructBlock):
    """A numbered procedure, e.g. 'How PRP is made'."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        label = _("Numbered steps")
        description = _("Steps in order, numbered on the page.")
        preview_value = {
            "title": "How is PRP made?",
            "steps": [
                {"title": "A small amount of blood is taken", "text": ""},
                {"title": "The blood is centrifuged", "text": ""},
            ],
        }


class PeriodBlock(blocks.StructBlock):
    period = blocks.CharBlock(label=_("When"), max_length=60, help_text=_("e.g. 'After 2 to 6 months'"))
    text = blocks.TextBlock(label=_("What happens"))


class TimelineBlock(blocks.StructBlock):
    """A treatment schedule, e.g. sessions every 1 to 9 months and the first changes after 2 to 6 months."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    periods = blocks.ListBlock(PeriodBlock(), label=_("Periods"), min_num=1)

    class Meta:
        icon = "time"
        template = "blocks/timeline.html"
        label = _("Schedule")
        description = _("A timeline of sessions and what to expect when.")
        preview_value = {
            "title": "Treatment schedule",
            "periods": [{"period": "Every 1 to 9 months", "text": "Injections are repeated."}],
        }


class TermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=120)
    description = blocks.TextBlock(label=_("Description"))


class DefinitionListBlock(blocks.StructBlock):
    """A list of terms and what they mean, or options side by side: e.g. the four components of blood."""

    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    items = blocks.ListBlock(TermBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/definition_list.html"
        label = _("Comparison / list")
        description = _("Terms with their explanation, e.g. what each component of blood does.")
        preview_value = {
            "title": "Within your blood",
            "items": [{"term": "Platelets", "description": "Repair damage and injuries."}],
        }


class IllustrationBlock(blocks.StructBlock):
    """An informative drawing (SVG) whose labels and text alternative are translated with the site.

    Information, never advertising: diagrams of how a treatment or a condition works, no before/after.
    """

    illustration = blocks.ChoiceBlock(
        choices=[
            ("prp_tube", _("Centrifuged blood: how PRP is made")),
            ("follicle_dht", _("A hair follicle shrinking under DHT")),
        ],
        label=_("Drawing"),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/illustration.html"
        label = _("Illustration")
        description = _("A labelled drawing that explains, in the reader's language.")
        preview_value = {
            "illustration": "prp_tube",
            "caption": "After centrifugation, the blood separates into layers.",
        }


class TreatmentStreamBlock(BaseStreamBlock):
    figure = FigureBlock()
    steps = StepsBlock()
    timeline = TimelineBlock()
    definition_list = DefinitionListBlock()
    illustration = IllustrationBlock()
