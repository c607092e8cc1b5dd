from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """How staff work on the content: roles, the translations report, and publishing rules in the admin."""

    name = "editorial"
    verbose_name = _("Editorial")
