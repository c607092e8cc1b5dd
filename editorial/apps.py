from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class EditorialConfig(AppConfig):
    """How staff work on the content: roles, the translations report, and publishing rules in the admin."""

    name = "editorial"
    default = True
    verbose_name = _("Editorial")

    def ready(self):
        from django.db.models.signals import pre_save

        from .admin_language import restore_lazy_admin_labels
        from .aliases import keep_translation_aliases_unpublished

        restore_lazy_admin_labels()
        pre_save.connect(keep_translation_aliases_unpublished, dispatch_uid="editorial-translation-aliases")
        self.store_one_line_ending()

    @staticmethod
    def store_one_line_ending():
        """Every plain TextField in Wagtail's admin forms stores "\n" line endings (editorial/fields.py)."""
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import AdminAutoHeightTextInput

        from .fields import LineEndingsCharField, MultiLineTextField

        # Wagtail's own override for TextField (auto-height widget, exact class), plus the form field.
        override = {"widget": AdminAutoHeightTextInput, "form_class": LineEndingsCharField}
        register_form_field_override(models.TextField, override=override, exact_class=True)
        register_form_field_override(MultiLineTextField, override=override, exact_class=True)


class ClinicUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the groups listing that shows what each role is for (Wagtail's documented way
    to replace its group viewset)."""

    group_viewset = "editorial.groups.GroupViewSet"
