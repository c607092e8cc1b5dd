import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin

from core.cache import purge_pages

from .snippets import publishing_requires_review
from .translation_status import DRAFT, MISSING, NOT_TRANSLATED, OUT_OF_DATE, status_counts, translation_rows
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
            if status in (MISSING, NOT_TRANSLATED, OUT_OF_DATE, DRAFT)
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


# Medical snippets (FAQs, practitioners) in the source language are published by the medical review only.


def _bypasses_review(user):
    return user.is_superuser


def _requested_locale(request):
    code = request.GET.get("locale") or settings.SOURCE_LANGUAGE_CODE
    return Locale.objects.filter(language_code=code).first()


@hooks.register("before_create_snippet")
def only_the_review_publishes_new_medical_snippets(request, model):
    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and not _bypasses_review(request.user)
        and publishing_requires_review(model, locale=_requested_locale(request))
    ):
        raise PermissionDenied


@hooks.register("before_edit_snippet")
def only_the_review_publishes_medical_snippets(request, instance):
    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and not _bypasses_review(request.user)
        and publishing_requires_review(instance)
    ):
        raise PermissionDenied


@hooks.register("construct_snippet_action_menu")
def offer_the_review_instead_of_publish(menu_items, request, context):
    if _bypasses_review(request.user):
        return
    instance = context.get("instance")
    under_review = (
        publishing_requires_review(instance)
        if instance is not None
        else publishing_requires_review(context["model"], locale=_requested_locale(request))
    )
    if under_review:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


# Converting a translation back into an alias replaces a live translated page with the English one at once:
# that is publishing, so only those who may publish the page may do it.

CONVERT_TO_ALIAS = "localize-convert-to-alias"


def _may_convert_to_alias(user, page):
    return page.permissions_for_user(user).can_publish()


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_non_publishers(menu_items, request, context):
    page = context.get("page")
    if page is not None and page.pk and not _may_convert_to_alias(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != CONVERT_TO_ALIAS]


@hooks.register("before_edit_page", order=-1)
def translation_editor_without_convert_to_alias(request, page):
    """wagtail-localize's translation editor offers "Convert to alias page" and "Delete" to anyone who may edit
    (for a Translator, "Delete" was the primary button); take each away from those who may not do it (the views
    refuse them anyway: this keeps the buttons from luring)."""
    from wagtail_localize.wagtail_hooks import before_edit_page as localize_before_edit_page

    permissions = page.permissions_for_user(request.user)
    hidden = [
        name
        for name, allowed in (("convertToAliasUrl", permissions.can_publish()), ("deleteUrl", permissions.can_delete()))
        if not allowed
    ]
    if not hidden:
        return None
    response = localize_before_edit_page(request, page)
    if response is not None and getattr(response, "content", None) and not getattr(response, "streaming", False):
        content = response.content.decode()
        for name in hidden:
            content = re.sub(rf"(&quot;{name}&quot;:\s*)&quot;[^&]*&quot;", r"\1null", content)
        response.content = content.encode()
    return response


def convert_to_alias_for_publishers(request, page_id):
    from wagtail_localize.views.convert import convert_to_alias

    page = get_object_or_404(Page, id=page_id)
    if not _may_convert_to_alias(request.user, page):
        raise PermissionDenied
    response = convert_to_alias(request, page_id)
    if request.method == "POST":
        # The page changed without a publish signal: forget the cached copies of the old translation.
        purge_pages()
    return response


@hooks.register("register_admin_urls", order=-1)
def guard_convert_to_alias_url():
    """Resolved before wagtail-localize's own URL (the same path), so every link to it goes through the guard."""
    return [path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias_for_publishers)]
