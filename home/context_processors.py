from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .cache import cached_chrome
from .models import ClinicSettings


def clinic(request):
    """`clinic`: the clinic's details (ClinicSettings) for every template, read once until the next change."""

    def load():
        site = Site.find_for_request(request)
        if site is None:
            return ClinicSettings()
        return cached_chrome(f"clinic-settings-{site.pk}", lambda: ClinicSettings.for_site(site))

    return {"clinic": SimpleLazyObject(load)}
