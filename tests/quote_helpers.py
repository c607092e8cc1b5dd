"""Helpers for the quote-request tests: treatment pages to choose from, and what a patient posts."""

import time

from tests.conftest import content_translation

QUOTE_FORM = {"nl": "/nl/offerte-aanvragen/", "fr": "/fr/demande-de-devis/", "en": "/en/ask-for-a-quote/"}
THANK_YOU = {"nl": "bedankt/", "fr": "merci/", "en": "thank-you/"}
CONTACT = {"nl": "/nl/contact/", "fr": "/fr/contact/", "en": "/en/contact/"}
# The clinic's own PRP page, as load_clinic_content ships it (titles from its translation files).
TREATMENT_TITLES = {
    "en": "PRP treatment for hair loss",
    "nl": content_translation("treatments", "nl", "prp-hair-loss", "title"),
    "fr": content_translation("treatments", "fr", "prp-hair-loss", "title"),
}
INBOX = "/admin/quote-requests/"


def make_treatment():
    """The live PRP treatment page in each language: {language code: TreatmentPage}."""
    from django.apps import apps

    TreatmentPage = apps.get_model("treatments", "TreatmentPage")
    english = TreatmentPage.objects.get(locale__language_code="en", slug="prp-hair-loss")
    return {page.locale.language_code: page for page in english.get_translations(inclusive=True).live()}


def old_enough_token():
    """The form's signed start time, as if the patient opened it a minute ago."""
    from contact.spam import fill_time_token

    return fill_time_token(time.time() - 60)


def patient_post(language="fr", treatment_page=None, **overrides):
    """What a patient sends from the form in `language`, with consent given."""
    data = {
        "name": {"fr": "Camille Dubois", "nl": "Jan Peeters", "en": "Alex Morgan"}[language],
        "email": {"fr": "camille@example.be", "nl": "jan@example.be", "en": "alex@example.com"}[language],
        "phone": "+32 2 123 45 67",
        "treatment": str(treatment_page.pk) if treatment_page is not None else "",
        "preferred_language": language,
        "preferred_contact_time": "morning",
        "message": "I would like to know more.",
        "consent": "on",
        "website": "",
        "form_started": old_enough_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
