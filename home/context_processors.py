from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from core.cache import cached_chrome

from .models import ClinicSettings


def clinic_settings_for(request):
    """The clinic's details for the request's site, read once until the next change."""
    site = Site.find_for_request(request)
    if site is None:
        return ClinicSettings()
    return cached_chrome(f"clinic-settings-{site.pk}", lambda: ClinicSettings.for_site(site))


def clinic(request):
    """`clinic`: the clinic's details (ClinicSettings) for every template."""
    return {"clinic": SimpleLazyObject(lambda: clinic_settings_for(request))}
