from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import DraftStateMixin, TranslatableMixin

from .translation_status import DRAFT, MISSING, OUT_OF_DATE, status_counts, translation_rows
from .views import TranslationReportView, can_view_translation_report


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("reports/translation-status/", TranslationReportView.as_view(), name="editorial_translation_report")]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_translation_report(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translations"),
        reverse("editorial_translation_report"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=8900,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_localize_report(request, menu_items):
    """Two "Translations" reports would confuse; ours links to wagtail-localize's list of translation jobs."""
    localize_report = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != localize_report]


class TranslationSummaryPanel(Component):
    """On the dashboard: how many translations are missing, out of date or in draft, each linking to the report."""

    name = "translation_summary"
    template_name = "editorial/translation_summary_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        report = reverse("editorial_translation_report")
        context["items"] = [
            {"label": label, "count": count, "url": f"{report}?status={status}"}
            for status, label, count in status_counts(translation_rows())
            if status in (MISSING, OUT_OF_DATE, DRAFT)
        ]
        context["report_url"] = report
        return context


@hooks.register("construct_homepage_panels")
def add_translation_summary_panel(request, panels):
    if can_view_translation_report(request.user):
        panels.append(TranslationSummaryPanel())


@hooks.register("before_edit_snippet", order=-1)
def only_publishers_save_translatable_snippets(request, instance):
    """A translatable snippet without draft state is live the moment it is saved, in its editor or in
    wagtail-localize's translation editor ("Publish"). Saving is therefore publishing, the right of those who may
    submit translations (Marketing, superusers); Translators fill in the translation and leave publishing to them.
    """
    if (
        request.method == "POST"
        and isinstance(instance, TranslatableMixin)
        and not isinstance(instance, DraftStateMixin)
        and not (request.user.is_superuser or request.user.has_perm("wagtail_localize.submit_translation"))
    ):
        raise PermissionDenied
