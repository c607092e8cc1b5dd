"""The quote form and the contact page of Face Clinic Belgium, in English.

Their Dutch and French translations are the PO files in `contact/content_translations/`. Like every text on
the site, these inform and make no promise: a quote follows a consultation in which a doctor assesses the patient.
"""

from wagtail.models import Site

from home.content_loading import content_builder, stable_uuid
from home.models import ClinicSettings, HomePage, StandardPage

from .models import ContactPage, QuoteFormField, QuoteFormPage, QuoteRoutingSettings

CONSENT_VERSION = "2026-12-01"
# Editable by administrators in Settings → Quote request routing; the front desk's real address replaces it.
DEFAULT_STAFF_INBOX = "frontdesk@faceclinic.be"

# (clean_name, field_type, label, help_text, required, choice values, choice labels)
QUOTE_FORM_FIELDS = [
    ("name", "singleline", "Your name", "", True, "", ""),
    (
        "email",
        "email",
        "E-mail address",
        "We send a confirmation of your request to this address.",
        True,
        "",
        "",
    ),
    ("phone", "phone", "Phone number", "Optional. Give it if you prefer that we call you.", False, "", ""),
    ("treatment", "treatment", "Treatment", "The treatment your question is about, if you know it.", False, "", ""),
    ("preferred_language", "language", "Preferred language", "The language in which we contact you.", True, "", ""),
    (
        "preferred_contact_time",
        "radio",
        "When can we best reach you?",
        "",
        False,
        "morning\nafternoon\nno_preference",
        "In the morning\nIn the afternoon\nNo preference",
    ),
    (
        "message",
        "multiline",
        "Your question",
        "Please do not give detailed medical information here: the doctor discusses it with you in person.",
        False,
        "",
        "",
    ),
]


@content_builder(order=50)
def build_quote_form_and_contact_page(loader):
    home = HomePage.objects.get(locale=loader.source_locale)
    privacy = StandardPage.objects.child_of(home).get(slug="privacy-policy", locale=loader.source_locale)

    quote_page = loader.page(
        home,
        QuoteFormPage,
        slug="ask-for-a-quote",
        title="Ask for a quote",
        seo_title="Ask Face Clinic Belgium for a quote",
        search_description=(
            "Ask Face Clinic Belgium for a quote. Every treatment is priced after a consultation with a doctor; "
            "we answer in Dutch, French or English."
        ),
        intro=(
            "Every treatment at Face Clinic Belgium is priced on quotation, after a consultation in which a doctor "
            "assesses your situation. Tell us how to reach you and we will contact you to arrange it."
        ),
        consent_text=(
            "<p>I explicitly consent to Face Clinic Belgium processing the information in this form, including any "
            "information about my health, to contact me, arrange a consultation and prepare a quote. My request is "
            "deleted after 12 months. I can withdraw my consent at any time by writing to the data protection "
            f'contact given in the <a linktype="page" id="{privacy.pk}">privacy policy</a>.</p>'
        ),
        consent_version=CONSENT_VERSION,
        thank_you_text=(
            # What happens next, and when, and where to go when it is urgent: the thank-you template says it.
            "<p>Thank you. We have received your request and will contact you as soon as possible.</p>"
        ),
        form_fields=[
            QuoteFormField(
                clean_name=clean_name,
                field_type=field_type,
                label=label,
                help_text=help_text,
                required=required,
                choices=choices,
                choice_labels=choice_labels,
                sort_order=position,
                locale=loader.source_locale,
                # Stable keys: the PO files' contexts name each field by its translation key.
                translation_key=stable_uuid(f"quote-form:{clean_name}"),
            )
            for position, (clean_name, field_type, label, help_text, required, choices, choice_labels) in enumerate(
                QUOTE_FORM_FIELDS
            )
        ],
        show_in_menus=True,
    )
    loader.translate_later(quote_page, "ask-for-a-quote")

    contact_page = loader.page(
        home,
        ContactPage,
        slug="contact",
        title="Contact",
        seo_title="Contact Face Clinic Belgium",
        search_description=(
            "How to reach Face Clinic Belgium: address, phone number, opening hours and the quote request form."
        ),
        intro=(
            "You can reach Face Clinic Belgium by phone, by e-mail or with the quote request form. "
            "We answer in Dutch, French and English."
        ),
        show_in_menus=True,
    )
    loader.translate_later(contact_page, "contact")

    # An empty label shows each page's own translated title, so the home app's menu PO files need no new entry.
    loader.main_menu_pages.extend([(quote_page, ""), (contact_page, "")])

    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    if clinic.quote_page_id is None:
        clinic.quote_page = quote_page
        clinic.save(update_fields=["quote_page"])
    routing = QuoteRoutingSettings.load()
    if not routing.staff_recipients:
        routing.staff_recipients = DEFAULT_STAFF_INBOX
        routing.save(update_fields=["staff_recipients"])
