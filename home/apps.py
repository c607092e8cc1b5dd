from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site

        from core.cache import connect_page_signals, purge_pages_when_changed

        from . import launch  # noqa: F401 - registers the launch gate's system check
        from .models import ClinicSettings, Disclaimer, Footer, Menu, MenuItem

        connect_page_signals()
        # PageViewRestriction: a page made private must stop being served (and cached) publicly at once;
        # Site: cached full URLs (sitemap, hreflang) carry its host name.
        purge_pages_when_changed(Page, PageViewRestriction, Site, ClinicSettings, Disclaimer, Footer, Menu, MenuItem)
        # Pages keep the HTML of their pictures (alt text, rendition files): an edited image must show at once.
        purge_pages_when_changed(get_image_model())


# Django's own message, listed here so that our catalogue (which comes first) carries it: Wagtail's French
# catalogue would otherwise show the terse "Champ requis." under the patient's form fields.
REQUIRED_FIELD_MESSAGE = gettext_noop("This field is required.")
