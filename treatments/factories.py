"""Factories for tests: practitioners the clinic would enter (the loader itself invents none), and treatment pages
of any number and language, beyond the content the loader ships."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from .models import Practitioner, TreatmentPage


class PractitionerFactory(DjangoModelFactory):
    class Meta:
        model = Practitioner

    name = factory.Sequence(lambda number: f"Dr. Test Practitioner {number}")
    professional_title = "doctor, specialist in dermatology"
    registration_number = factory.Sequence(lambda number: f"1-{number:05}-00-000")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="en"))


class TreatmentPageFactory(wagtail_factories.PageFactory):
    """A live treatment page with every section Belgian law requires filled in."""

    title = factory.Sequence(lambda number: f"Treatment {number}")
    summary = "A treatment described for the tests."
    indications = "<p>Who it is for.</p>"
    contraindications = "<p>Pregnancy.</p>"
    risks_and_side_effects = "<p>Redness.</p>"
    follow_up_care = "<p>A check-up.</p>"
    alternatives = "<p>Doing nothing.</p>"
    medical_reviewed_on = datetime.date(2026, 11, 24)
    medical_reviewer = factory.SubFactory(PractitionerFactory)

    class Meta:
        model = TreatmentPage
