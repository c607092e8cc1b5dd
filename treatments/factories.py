"""Factories for tests: practitioners as the clinic would enter them (the loader itself invents none). The page
factories, for every page type, are in tests/factories.py."""

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from .models import Practitioner


class PractitionerFactory(DjangoModelFactory):
    class Meta:
        model = Practitioner

    name = factory.Sequence(lambda number: f"Dr. Test Practitioner {number}")
    professional_title = "doctor, specialist in dermatology"
    registration_number = factory.Sequence(lambda number: f"1-{number:05}-00-000")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="en"))
