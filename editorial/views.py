"""The "Translations" report: every page and translatable snippet, per language, with what is left to do."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from .translation_status import STATUSES, status_counts, translation_rows


def can_view_translation_report(user):
    """Those who translate: Marketing (may submit translations) and Translators (may edit pages)."""
    return (
        user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and (
            user.has_perm("wagtail_localize.submit_translation")
            or page_permission_policy.user_has_any_permission(user, ["change", "publish"])
        )
    )


class TranslationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/translation_report.html"
    page_title = _("Translations")
    header_icon = "wagtail-localize-language"
    # Without these, Wagtail's header shows the breadcrumb "Home" where the report's name belongs.
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
        {"url": "", "label": _("Translations")},
    ]
    rows_per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_view_translation_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = translation_rows()
        types = sorted({(row.type_label, str(row.type_name)) for row in rows}, key=lambda item: item[1].lower())
        locales = sorted({row.locale for row in rows}, key=lambda locale: locale.language_code)
        chosen = {name: self.request.GET.get(name, "") for name in ("locale", "status", "type")}
        filtered = [
            row
            for row in rows
            if (not chosen["locale"] or row.locale.language_code == chosen["locale"])
            and (not chosen["status"] or row.status == chosen["status"])
            and (not chosen["type"] or row.type_label == chosen["type"])
        ]
        paginator = Paginator(filtered, self.rows_per_page)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            {
                "rows": page.object_list,
                "page_obj": page,
                "elided_page_range": paginator.get_elided_page_range(page.number),
                "matching": len(filtered),
                # The site's totals, whatever the filter: the filter chooses rows, not the state of the site.
                "counts": status_counts(rows),
                "chosen": chosen,
                "locale_choices": [(locale.language_code, locale.get_display_name()) for locale in locales],
                "status_choices": list(STATUSES.items()),
                "type_choices": types,
                "total": len(rows),
            }
        )
        return context
