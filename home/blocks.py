"""StreamField blocks shared by every page type. Apps add their own in their `blocks.py`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock


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


# The home page's blocks. Each finds what it shows in the reader's language by itself (the live treatments, the
# FAQ page, the quote form of the clinic details), so a composed home page stays right as pages are added.


def _live_pages_of(model_label, request):
    from django.apps import apps
    from wagtail.models import Locale

    return apps.get_model(model_label).objects.live().public().filter(locale=Locale.get_active())


class HeroBlock(blocks.StructBlock):
    """The top of the home page: the one h1, a short text, an image and up to two links."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, help_text=_("The page's main heading (h1)."))
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    image = ImageBlock(label=_("Image"), required=False)
    primary_label = blocks.CharBlock(label=_("Main link text"), max_length=60, required=False)
    primary_page = blocks.PageChooserBlock(
        label=_("Main link"), required=False, help_text=_("Empty: the quote form of the clinic details.")
    )
    secondary_label = blocks.CharBlock(label=_("Second link text"), max_length=60, required=False)
    secondary_page = blocks.PageChooserBlock(label=_("Second link"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/hero.html"
        label = _("Hero")
        description = _("The top of the page: heading, text, image and links. Use it once, first.")
        preview_value = {"heading": "Face Clinic Belgium", "text": "Medical information on PRP for hair loss."}


class TreatmentCardsBlock(blocks.StructBlock):
    """Cards linking to treatments; empty: every live treatment in the reader's language."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    treatments = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="treatments.TreatmentPage"),
        label=_("Treatments"),
        required=False,
        help_text=_("Leave empty to show every published treatment."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/treatment_cards.html"
        label = _("Treatment cards")
        description = _("A card for each treatment, with its summary and a link.")
        preview_value = {"heading": "Treatments"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        chosen = [page.localized for page in value["treatments"] if page is not None]
        request = (parent_context or {}).get("request")
        context["treatment_pages"] = [page.specific for page in chosen if page.live] or list(
            _live_pages_of("treatments.TreatmentPage", request).select_related("hero_image").order_by("path")
        )
        return context


class CallToActionBlock(blocks.StructBlock):
    """A framed invitation with one button: by default, to ask for a quote."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(
        label=_("Button link"), required=False, help_text=_("Empty: the quote form of the clinic details.")
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A heading, a sentence and one button.")
        preview_value = {"heading": "Price on quotation", "button_label": "Ask for a quote"}


class PractitionersBlock(blocks.StructBlock):
    """The doctors who treat patients, with their professional titles, as the law asks."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    practitioners = blocks.ListBlock(
        SnippetChooserBlock("treatments.Practitioner"), label=_("Practitioners"), min_num=1
    )

    class Meta:
        icon = "user"
        template = "blocks/practitioners.html"
        label = _("Practitioners")
        description = _("Names and professional titles of the practitioners.")


class FAQTeaserBlock(blocks.StructBlock):
    """The first questions of the FAQ page, each opening its answer, and a link to all of them."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(label=_("Number of questions"), default=4, min_value=1, max_value=12)
    link_label = blocks.CharBlock(label=_("Link text"), max_length=60)

    class Meta:
        icon = "help"
        template = "blocks/faq_teaser.html"
        label = _("FAQ teaser")
        description = _("The first questions of the FAQ, with a link to the FAQ page.")
        preview_value = {"heading": "Questions patients ask", "count": 3, "link_label": "All questions"}

    def get_context(self, value, parent_context=None):
        from django.apps import apps
        from wagtail.models import Locale

        context = super().get_context(value, parent_context)
        locale = Locale.get_active()
        faq_model = apps.get_model("treatments.FAQ")
        context["faqs"] = list(
            faq_model.objects.filter(locale=locale, live=True).order_by("sort_order", "pk")[: value["count"]]
        )
        context["faq_page"] = _live_pages_of("treatments.FAQPage", None).first()
        return context


class ContactBlock(blocks.StructBlock):
    """The clinic's contact details and opening hours, from the clinic details: only what is filled in."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "mail"
        template = "blocks/contact.html"
        label = _("Contact and opening hours")
        description = _("Address, phone, e-mail and opening hours from Settings → Clinic details.")
        preview_value = {"heading": "Contact"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["contact_page"] = _live_pages_of("contact.ContactPage", None).first()
        return context


class HomeStreamBlock(BaseStreamBlock):
    """What Marketing composes the home page from, in every language."""

    hero = HeroBlock()
    treatment_cards = TreatmentCardsBlock()
    call_to_action = CallToActionBlock()
    practitioners = PractitionersBlock()
    faq_teaser = FAQTeaserBlock()
    contact = ContactBlock()

    class Meta:
        block_counts = {"hero": {"max_num": 1}}
