"""Factories for tests: treatment pages of any number and language, beyond the content the loader ships."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from .models import Practitioner, TreatmentPage


class PractitionerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda number: f"Doctor {number}")
    professional_title = "Doctor of medicine"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Practitioner


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
