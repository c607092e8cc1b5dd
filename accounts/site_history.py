"""Reports → Site history, with exports that cannot run formulas and that are themselves in the audit log.

Log entries carry labels and user names that staff and, before this project relabelled them, patients typed: a
cell starting with "=" is a formula to a spreadsheet (`=HYPERLINK(…)` runs when clicked). Wagtail already stores
such XLSX cells as text; CSV has no types, so those cells get a leading apostrophe, as Excel and LibreOffice
expect. Exporting the log is itself logged: who took a copy of the history, and when.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import log

EXPORT_ACTION = "accounts.site_history.export"
# Tab and carriage return can hide a formula's start from the eye.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SiteHistoryView(LogEntriesView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return formula_safe(value) if export_format == self.FORMAT_CSV else value

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The account itself, not request.user: Wagtail's log() does not see through nested lazy objects.
        user = get_user_model()._default_manager.get(pk=self.request.user.pk)
        log(instance=user, action=EXPORT_ACTION, user=user, data={"format": spreadsheet_format})
        return super().as_spreadsheet(queryset, spreadsheet_format)
