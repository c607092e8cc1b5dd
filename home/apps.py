from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from wagtail.models import Page

        from .cache import connect_page_signals, purge_pages_when_changed
        from .models import ClinicSettings, Disclaimer, Footer, Menu, MenuItem

        connect_page_signals()
        purge_pages_when_changed(Page, ClinicSettings, Disclaimer, Footer, Menu, MenuItem)
