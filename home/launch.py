"""The launch gate: the facts only the clinic can give, which the site must not go live without.

The site never invents the clinic's legal identity, its doctors or their medical review: a missing fact is left
out of every page. This module makes the gap loud instead, in two places that read the same list:

- Django's check framework, tagged `database` and deploy-only, so `manage.py check --deploy --database default`
  (the README's production steps) prints one error per missing fact and exits non-zero. Deploy-only, because
  `migrate` runs database checks too, and a fresh database must still migrate;
- the admin dashboard's "Before launch" panel, with a link to where each fact is entered.

Apps add their own requirements with `@launch_requirement`, found in each app's `launch.py`, so `home/` names
no app (the way Django's admin finds `admin.py`).
"""

from dataclasses import dataclass

from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

_REQUIREMENTS = []


@dataclass(frozen=True)
class MissingFact:
    """One fact the site cannot go live without; `check_id` is stable, `message` is for the clinic."""

    check_id: str
    message: str
    edit_url: str


def launch_requirement(function):
    """Register a function returning the `MissingFact`s of one part of the site."""
    _REQUIREMENTS.append(function)
    return function


def missing_facts():
    autodiscover_modules("launch")
    return [fact for requirement in _REQUIREMENTS for fact in requirement()]


@register(Tags.database, deploy=True)
def check_launch_facts(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    try:
        with translation.override("en"):  # for whoever deploys, whatever the site's default language
            facts = missing_facts()
            return [
                Error(str(fact.message), hint=f"Fill it in at {fact.edit_url}", obj="launch", id=fact.check_id)
                for fact in facts
            ]
    except DatabaseError as error:  # not migrated yet: the gate cannot pass
        return [Error(f"The launch gate cannot read the database: {error}", id="launch.E000")]


# The clinic's details


CLINIC_FACTS = [
    # (check id, field names that must all be filled, what is missing)
    ("launch.E001", ["legal_name"], _("The clinic's legal name (as registered with the KBO/BCE) is missing.")),
    ("launch.E002", ["legal_form"], _("The clinic's legal form (e.g. BV / SRL) is missing.")),
    (
        "launch.E003",
        ["street_address", "postal_code", "city"],
        _("The clinic's address (street, postal code and city) is missing."),
    ),
    ("launch.E004", ["company_number"], _("The company number (KBO/BCE) is missing.")),
    ("launch.E005", ["register_court"], _("The RPR/RPM court of the registered office is missing.")),
    ("launch.E006", ["vat_number"], _("The VAT number is missing.")),
    ("launch.E007", ["phone"], _("The clinic's phone number is missing.")),
    ("launch.E008", ["email"], _("The clinic's public e-mail address is missing.")),
    ("launch.E009", ["opening_hours"], _("The opening hours are missing.")),
    ("launch.E010", ["professional_body"], _("The professional body (Order of Physicians) is missing.")),
    ("launch.E011", ["liability_insurer"], _("The professional liability insurer is missing.")),
    ("launch.E012", ["data_protection_email"], _("The data protection contact e-mail is missing.")),
]


@launch_requirement
def missing_clinic_details():
    from wagtail.models import Site

    from .models import ClinicSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return [MissingFact("launch.E013", _("There is no default site."), reverse("wagtailsites:index"))]
    clinic = ClinicSettings.for_site(site)
    edit_url = reverse("wagtailsettings:edit", args=("home", "clinicsettings", site.pk))
    return [
        MissingFact(check_id, message, edit_url)
        for check_id, fields, message in CLINIC_FACTS
        if not all(str(getattr(clinic, field)).strip() for field in fields)
    ]


class BeforeLaunchPanel(Component):
    """The dashboard's list of what must be filled in before the site goes live; absent once nothing is."""

    name = "before_launch"
    order = 50
    template_name = "home/admin/before_launch_panel.html"

    def __init__(self, facts):
        self.facts = facts

    def get_context_data(self, parent_context):
        return {"facts": self.facts}
