"""Admin URLs that replace wagtail-2fa's and wagtail-cache's own: registered before theirs (this app comes first in
INSTALLED_APPS), so the same paths resolve here."""

from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import views
from .site_history import EXPORT_ACTION


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path("2fa/enrol/", views.EnrolmentNeededView.as_view(), name="accounts_enrolment_needed"),
        path("2fa/enrol/<str:token>/", views.EnrolmentLinkView.as_view(), name="accounts_enrolment_link"),
        re_path(r"^2fa/devices/(?P<pk>\d+)/remove$", views.DeviceDeleteView.as_view()),
        path("2fa/recovery-codes/", views.RecoveryCodesView.as_view(), name="accounts_recovery_codes"),
        path("cache/", views.page_cache_index),
        path("cache/clearcache", views.clear_page_cache),
    ]


@hooks.register("register_log_actions")
def register_site_history_export(actions):
    @actions.register_action(EXPORT_ACTION)
    class SiteHistoryExport(LogFormatter):
        label = _("Export site history")

        def format_message(self, log_entry):
            return _("Exported the site history (%(format)s)") % {
                "format": str(log_entry.data.get("format", "")).upper()
            }


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    return {
        "url": reverse("accounts_recovery_codes"),
        "label": _("Recovery codes for your second factor"),
        "help_text": _("Single-use codes for signing in when your phone is lost."),
    }
