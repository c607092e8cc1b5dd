"""Helpers for the quote-request tests: treatment pages to choose from, and what a patient posts."""

import datetime
import time

from wagtail.models import Locale

QUOTE_FORM = {"nl": "/nl/offerte-aanvragen/", "fr": "/fr/demande-de-devis/", "en": "/en/ask-for-a-quote/"}
THANK_YOU = {"nl": "bedankt/", "fr": "merci/", "en": "thank-you/"}
CONTACT = {"nl": "/nl/contact/", "fr": "/fr/contact/", "en": "/en/contact/"}
TREATMENT_TITLES = {
    "en": "PRP treatment for hair loss",
    "nl": "PRP-behandeling bij haaruitval",
    "fr": "Traitement PRP de la chute de cheveux",
}
INBOX = "/admin/quote-requests/"


def make_treatment(titles=None, slug="prp-test"):
    """A live TreatmentPage in English under a treatment index, with live translations titled `titles`.

    Treatment content is written elsewhere; these tests bring their own, with every field the law requires.
    """
    from django.apps import apps

    from home.models import HomePage

    titles = titles or TREATMENT_TITLES
    TreatmentIndexPage = apps.get_model("treatments", "TreatmentIndexPage")
    TreatmentPage = apps.get_model("treatments", "TreatmentPage")
    Practitioner = apps.get_model("treatments", "Practitioner")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)

    index = TreatmentIndexPage.objects.child_of(home).filter(slug="test-treatments").first()
    if index is None:
        index = TreatmentIndexPage(title="Treatments", slug="test-treatments", locale=english)
        home.add_child(instance=index)
        index.save_revision().publish()
    doctor = Practitioner.objects.create(
        name="Dr. Test", professional_title="Doctor of medicine, dermatologist", locale=english
    )
    treatment = TreatmentPage(
        title=titles["en"],
        slug=slug,
        locale=english,
        summary="Platelet-rich plasma prepared from the patient's own blood.",
        indications="<p>Androgenetic alopecia.</p>",
        contraindications="<p>Blood disorders.</p>",
        risks_and_side_effects="<p>Temporary redness.</p>",
        follow_up_care="<p>Avoid washing the hair for a day.</p>",
        alternatives="<p>Medication, or no treatment.</p>",
        medical_reviewed_on=datetime.date(2026, 11, 1),
        medical_reviewer=doctor,
    )
    index.add_child(instance=treatment)
    treatment.save_revision().publish()
    pages = {"en": treatment}
    for language in ("nl", "fr"):
        if language not in titles:
            continue
        translated = treatment.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
        translated.title = titles[language]
        translated.slug = f"{slug}-{language}"
        translated.save_revision().publish()
        parent = translated.get_parent().specific
        if not parent.live:
            parent.save_revision().publish()
        pages[language] = TreatmentPage.objects.get(pk=translated.pk)
    return pages


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
