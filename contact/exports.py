"""The inbox's exports: XLSX first, and a CSV that Belgian Excel opens as it is (UTF-8 with a byte-order mark,
semicolons, as Excel expects where the decimal separator is a comma).

Every answer of every version of the form is a column, keyed by the field's synchronised `clean_name` (so a
Dutch and a French request fill the same column) and headed in the reader's admin language. Rows are read from
the database in chunks and written as they come (CSV streamed, XLSX row by row into a temporary file,
contact/xlsx.py), so memory stays flat at 100,000 requests. One export is one audit entry, whatever its length.
"""

import codecs
import csv
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from .answers import CHOICE_TYPES, language_name
from .forms import choice_pairs
from .search import readable_phone
from .xlsx import SheetWriter

EXPORT_LIST = "contact.quote_requests.export"
CHUNK_SIZE = 2000
# Answers already exported as columns of their own (name, e-mail, phone, treatment).
OWN_COLUMN_TYPES = {"email", "phone", "treatment"}
OWN_COLUMN_NAMES = {"name"}
# A cell starting with one of these is a formula to a spreadsheet (CSV injection): a patient's "=HYPERLINK(…)"
# must stay text. Tab and carriage return can hide such a start from the eye.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Column:
    key: str
    heading: str
    value: Callable
    formula_safe: bool = False  # True: the value can never be a formula (no apostrophe in the CSV)


# What an export reads of each request: plain values, not model instances (a tenth of the time per row).
EXPORTED_FIELDS = [
    "pk",
    "created_at",
    "locale__language_code",
    "treatment_key",
    "treatment_title",
    "name",
    "email",
    "phone",
    "status",
    "assignee_id",
    "notification_status",
    "consent_version",
    "answers",
]


class Labels:
    """Every translated label an export needs, looked up once per export rather than once per row."""

    def __init__(self, language_code):
        from .forms import treatment_model
        from .models import QuoteRequest

        self.status = {value: str(label) for value, label in QuoteRequest.Status.choices}
        self.notification = {value: str(label) for value, label in QuoteRequest.Notification.choices}
        self.languages = {code: str(language_name(code)) for code, _name in settings.LANGUAGES}
        self.treatments = dict(
            treatment_model()
            .objects.filter(locale__language_code=language_code)
            .values_list("translation_key", "title")
        )
        self.people = {}
        self.timezone = timezone.get_current_timezone()

    def person(self, user_id):
        if user_id is None:
            return ""
        if user_id not in self.people:
            self.people[user_id] = person_name(get_user_model().objects.filter(pk=user_id).first())
        return self.people[user_id]


def base_columns(labels):
    return [
        Column("number", gettext("Number"), lambda r: r["pk"], formula_safe=True),
        Column(
            "received", gettext("Received"), lambda r: r["created_at"].astimezone(labels.timezone).replace(tzinfo=None)
        ),
        Column("language", gettext("Language"), lambda r: labels.languages.get(r["locale__language_code"], "")),
        Column(
            "treatment",
            gettext("Treatment"),
            lambda r: labels.treatments.get(r["treatment_key"]) or r["treatment_title"],
        ),
        Column("name", gettext("Name"), lambda r: r["name"]),
        Column("email", gettext("E-mail"), lambda r: r["email"]),
        Column("phone", gettext("Phone"), lambda r: readable_phone(r["phone"]), formula_safe=True),
        Column("status", gettext("Status"), lambda r: labels.status.get(r["status"], r["status"])),
        Column("assignee", gettext("Assigned to"), lambda r: labels.person(r["assignee_id"])),
        Column(
            "notification",
            gettext("E-mail notification"),
            lambda r: labels.notification.get(r["notification_status"], ""),
        ),
        Column("consent_version", gettext("Consent version"), lambda r: r["consent_version"]),
    ]


def person_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def stored_answer_keys():
    """Every (clean_name, type, label) any stored request has an answer under: old form versions included."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT DISTINCT ON (answer->>'name') answer->>'name', answer->>'type', answer->>'label' "
            "FROM contact_quoterequest, jsonb_array_elements(answers) AS answer ORDER BY answer->>'name'"
        )
    else:
        sql = (
            "SELECT json_extract(answer.value, '$.name'), json_extract(answer.value, '$.type'), "
            "MIN(json_extract(answer.value, '$.label')) "
            "FROM contact_quoterequest, json_each(contact_quoterequest.answers) AS answer GROUP BY 1, 2"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def form_fields_by_key(language_code):
    """{clean_name: form field} in the reader's language, else the source language's, else any translation's."""
    from .models import QuoteFormField

    preference = {language_code: 0, settings.SOURCE_LANGUAGE_CODE: 1}
    fields = {}
    ranked = sorted(
        QuoteFormField.objects.select_related("locale", "page").order_by("page_id", "sort_order", "pk"),
        key=lambda field: preference.get(field.locale.language_code, 2),
    )
    for field in ranked:
        fields.setdefault(field.clean_name, field)
    return fields


def answer_columns(language_code):
    """One column per answer key, in the form's order, headed with the label in `language_code`."""
    fields = form_fields_by_key(language_code)
    keys = {name: (kind, label) for name, kind, label in stored_answer_keys() if name}
    ordered = sorted(fields, key=lambda name: (fields[name].sort_order, name))
    ordered += sorted(name for name in keys if name not in fields)
    columns = []
    for name in ordered:
        field = fields.get(name)
        kind = field.field_type if field else keys[name][0]
        if kind in OWN_COLUMN_TYPES or name in OWN_COLUMN_NAMES:
            continue
        heading = field.label if field else keys[name][1] or name
        columns.append(Column(f"answer:{name}", heading, answer_reader(name, kind, field)))
    return columns


def answer_reader(name, kind, field):
    labels = dict(choice_pairs(field)) if field is not None and kind in CHOICE_TYPES else {}

    def read(row):
        answer = row["answers_by_name"].get(name)
        if answer is None:
            return ""
        value = answer.get("value")
        if value in (None, "", []):
            return ""
        if kind == "language":
            return language_name(value)
        if kind == "checkbox":
            return gettext("Yes") if value else gettext("No")
        if labels:
            values = value if isinstance(value, list) else [value]
            return ", ".join(str(labels.get(str(item), item)) for item in values)
        return answer.get("display") or str(value)

    return read


def columns_for(language_code):
    with translation.override(language_code):
        return base_columns(Labels(language_code)) + answer_columns(language_code)


def rows(queryset, columns):
    """Each request's cells, read from the database CHUNK_SIZE rows at a time (a server-side cursor on PostgreSQL)."""
    for row in queryset.values(*EXPORTED_FIELDS).iterator(chunk_size=CHUNK_SIZE):
        row["answers_by_name"] = {answer.get("name"): answer for answer in row["answers"] or []}
        yield [plain_value(column.value(row)) for column in columns]


def plain_value(value):
    """Lazy translations (language names, choice labels) become the text a spreadsheet can hold."""
    return str(value) if isinstance(value, Promise) else value


# CSV


def csv_cell(value, column):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    return value if column.formula_safe else spreadsheet_safe(str(value))


def stream_csv(queryset, language_code):
    """A semicolon-separated, BOM-prefixed UTF-8 file, yielded a few hundred rows at a time."""
    with translation.override(language_code):
        columns = columns_for(language_code)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(column.heading for column in columns)
        yield codecs.BOM_UTF8 + buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
        for count, row in enumerate(rows(queryset, columns), start=1):
            writer.writerow(csv_cell(value, column) for value, column in zip(row, columns, strict=True))
            if count % 500 == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()


def csv_response(queryset, filename):
    response = StreamingHttpResponse(stream_csv(queryset, translation.get_language()), content_type="text/csv")
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# XLSX


def write_xlsx(queryset, output, language_code):
    """One sheet, a bold frozen header, a row per request (contact/xlsx.py: why not openpyxl here)."""
    with translation.override(language_code):
        columns = columns_for(language_code)
        with SheetWriter(output, gettext("Quote requests"), [column.heading for column in columns]) as sheet:
            for row in rows(queryset, columns):
                sheet.append(row)


def xlsx_response(queryset, filename):
    # On disk, not in memory: a 100,000-row workbook is tens of megabytes. FileResponse closes (deletes) it.
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(queryset, output, translation.get_language())
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"{filename}.xlsx",
    )


# Audit


class ListExportFormatter(LogFormatter):
    label = gettext_lazy("Export quote requests")

    def format_message(self, log_entry):
        return gettext("Exported %(count)s request(s) (%(format)s)") % {
            "count": log_entry.data.get("count", 0),
            "format": str(log_entry.data.get("format", "")).upper(),
        }


def register_actions(actions):
    actions.register_action(EXPORT_LIST)(ListExportFormatter)


def number_ranges(pks):
    """[1, 2, 3, 7] -> [[1, 3], [7, 7]]: which requests an export held, compactly."""
    ranges = []
    for pk in pks:
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges


def log_export(queryset, export_format, user, filters):
    """One audit entry for the whole export: who, when, which filters, how many and which request numbers."""
    from .models import QuoteRequest

    pks = queryset.order_by("pk").values_list("pk", flat=True)
    ranges = number_ranges(pks.iterator(chunk_size=10000))
    count = sum(last - first + 1 for first, last in ranges)
    if not count:
        return None  # an empty export handed over no patient data
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(QuoteRequest),
        # Wagtail's reports link an entry to one object: the export's first request stands for it.
        object_id=str(ranges[0][0]),
        label=gettext("Export of %(count)s quote request(s)") % {"count": count},
        action=EXPORT_LIST,
        data={"format": export_format, "count": count, "filters": filters, "numbers": ranges},
        timestamp=timezone.now(),
        user=user if getattr(user, "is_authenticated", False) else None,
    )
