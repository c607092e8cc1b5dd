"""Factories (wagtail-factories) for every page type and the medical snippets: new content in any language,
not only what load_clinic_content ships.

    english_home = HomePage.objects.get(locale__language_code="en")
    TreatmentPageFactory(parent=TreatmentIndexPageFactory(parent=english_home))

A page takes its parent's language; pass `locale=` only to build something unusual.
"""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from treatments.factories import PractitionerFactory


def english():
    return Locale.objects.get(language_code="en")


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


class ClinicPageFactory(wagtail_factories.PageFactory):
    """Every page in its parent's language, unless told otherwise."""

    title = factory.Sequence(lambda n: f"New page {n}")
    locale = factory.LazyAttribute(lambda page: page.parent.locale if page.parent else english())

    class Meta:
        abstract = True


class StandardPageFactory(ClinicPageFactory):
    intro = "A short introduction."
    body = factory.LazyFunction(lambda: paragraph("What this page says."))

    class Meta:
        model = "home.StandardPage"


class TreatmentIndexPageFactory(ClinicPageFactory):
    title = factory.Sequence(lambda n: f"Treatments {n}")
    intro = "Each treatment, with its risks and alternatives."

    class Meta:
        model = "treatments.TreatmentIndexPage"


class TreatmentPageFactory(ClinicPageFactory):
    title = factory.Sequence(lambda n: f"Treatment {n}")
    summary = "What the treatment does, in two sentences."
    body = factory.LazyFunction(lambda: paragraph("How it is carried out."))
    indications = "<p>Who it is for.</p>"
    contraindications = "<p>Pregnancy.</p>"
    risks_and_side_effects = "<p>Redness for a day.</p>"
    follow_up_care = "<p>A check-up after a month.</p>"
    alternatives = "<p>Doing nothing.</p>"

    class Meta:
        model = "treatments.TreatmentPage"
        skip_postgeneration_save = True  # the hook saves when it added rows

    @factory.post_generation
    def practitioners(page, create, extracted, **kwargs):
        from treatments.models import TreatmentPractitioner

        for practitioner in extracted or [PractitionerFactory(locale=page.locale)]:
            page.practitioners.add(TreatmentPractitioner(practitioner=practitioner))
        if create:
            page.save()


class ConditionPageFactory(ClinicPageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = "What the condition is."
    body = factory.LazyFunction(lambda: paragraph("Its causes."))

    class Meta:
        model = "treatments.ConditionPage"


class FAQPageFactory(ClinicPageFactory):
    title = "Questions"
    intro = "What patients ask."

    class Meta:
        model = "treatments.FAQPage"


class SearchPageFactory(ClinicPageFactory):
    title = "Search"

    class Meta:
        model = "treatments.SearchPage"


class ContactPageFactory(ClinicPageFactory):
    title = "Contact"
    intro = "How to reach the clinic."

    class Meta:
        model = "contact.ContactPage"


class QuoteFormPageFactory(ClinicPageFactory):
    title = "Ask for a quote"
    consent_text = "<p>I agree to the processing of this form.</p>"
    consent_version = "2026-11-30"
    thank_you_text = "<p>Thank you.</p>"

    class Meta:
        model = "contact.QuoteFormPage"


class FAQFactory(DjangoModelFactory):
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "<p>The answer.</p>"
    sort_order = 100
    locale = factory.LazyFunction(english)

    class Meta:
        model = "treatments.FAQ"
        skip_postgeneration_save = True  # the hook saves when it added rows

    @factory.post_generation
    def treatments(faq, create, extracted, **kwargs):
        from treatments.models import FAQTreatment

        for treatment in extracted or []:
            faq.treatment_links.add(FAQTreatment(treatment=treatment))
        if create and extracted:
            faq.save()
