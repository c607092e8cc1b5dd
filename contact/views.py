"""The front desk's inbox at /admin/quote-requests/: every request from every language in one listing.

A Wagtail ModelViewSet: filters, search, CSV/XLSX export of the filtered list, and an edit view where staff
read the answers in their own admin language, set status and assignee, and add notes.
"""

import json

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, LocaleFilter, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from . import retention
from .answers import localized_answers
from .forms import treatment_model
from .models import QuoteRequest, QuoteRequestNote

# A cell starting with one of these is a formula to a spreadsheet (CSV injection): a patient's "=HYPERLINK(…)"
# must stay text. Tab and carriage return can hide such a start from the eye.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def treatment_choices():
    """Each treatment once (by translation key), titled in the staff's admin language where translated."""
    language = translation.get_language()
    pages = treatment_model().objects.select_related("locale").order_by("path")
    titles = {}
    for page in pages:
        key = str(page.translation_key)
        if key not in titles or page.locale.language_code == language:
            titles[key] = page.title
    return sorted(titles.items(), key=lambda item: item[1].lower())


def staff_users():
    """People who can handle requests: active staff with access to the inbox."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__codename="change_quoterequest"))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class QuoteRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=QuoteRequest.Status.choices,
        empty_label=_("All but spam"),
        widget=forms.RadioSelect,
    )
    locale = LocaleFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=None,
        null_label=_("All"),
        null_value=None,
        widget=forms.RadioSelect,
    )
    treatment_key = django_filters.ChoiceFilter(
        label=_("Treatment"), choices=treatment_choices, empty_label=_("All"), widget=forms.RadioSelect
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    notification_status = django_filters.ChoiceFilter(
        label=_("E-mail notification"),
        choices=QuoteRequest.Notification.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = QuoteRequest
        fields = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Spam stays out of the main list; it is one click away under Status.
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=QuoteRequest.Status.SPAM)
        return queryset


class ForbiddenMixin:
    """A plain 403 for staff without inbox permissions, where Wagtail would redirect to the dashboard.

    Marketing must learn that the inbox is closed to them, not land on a page that looks like success.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exception:
            return permission_denied(request, exception)


class QuoteRequestIndexView(ForbiddenMixin, IndexView):
    custom_field_preprocess = {
        # Local time, to the minute: what the front desk reads on the clinic's clock.
        "created_at": {
            "csv": lambda value: date_format(timezone.localtime(value), "Y-m-d H:i"),
            "xlsx": lambda value: timezone.localtime(value).replace(tzinfo=None, microsecond=0),
        }
    }

    def preprocess_field_value(self, field, value, export_format):
        # XLSX: Wagtail already stores what openpyxl would take for a formula as text. CSV has no types.
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value) if export_format == self.FORMAT_CSV else value

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Every exported request is in the audit log, under the person who exported it.
        retention.log_quote_requests(
            queryset.values_list("pk", flat=True),
            retention.EXPORT,
            user=self.request.user,
            data={"format": spreadsheet_format},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            Button(_("Patient data by e-mail address"), url=reverse("quote_requests:patient_data"), icon_name="user")
        )
        return buttons

    def stream_csv(self, queryset):
        # The CSV streams after the view returns, when the admin language is no longer active: keep it.
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_admin_language():
            with translation.override(language):
                yield from rows

        return in_admin_language()

    def get_base_queryset(self):
        language = translation.get_language()
        localized_title = Page.objects.filter(
            translation_key=OuterRef("treatment_key"), locale__language_code=language
        ).values("title")[:1]
        return (
            super()
            .get_base_queryset()
            .select_related("locale", "assignee")
            .annotate(
                treatment_label=Coalesce(
                    Subquery(localized_title), "treatment_title", Value(""), output_field=CharField()
                )
            )
        )


class QuoteRequestAdminForm(WagtailAdminModelForm):
    """Status and assignee, plus a new internal note written under the current user's name."""

    new_note = forms.CharField(
        label=_("Add a note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Internal: never shown to the patient. Saved with your name and the time."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = staff_users()

    def save(self, commit=True):
        instance = super().save(commit=commit)
        author = self.for_user if getattr(self.for_user, "is_authenticated", False) else None
        notes = []
        if "status" in self.changed_data:
            notes.append(
                gettext("Status changed from %(old)s to %(new)s.")
                % {
                    "old": QuoteRequest.Status(self.initial["status"]).label,
                    "new": instance.get_status_display(),
                }
            )
        if "assignee" in self.changed_data:
            notes.append(gettext("Assigned to %(person)s.") % {"person": instance.assignee or "—"})
        if self.cleaned_data.get("new_note", "").strip():
            notes.append(self.cleaned_data["new_note"].strip())
        if commit:
            for text in notes:
                QuoteRequestNote.objects.create(quote_request=instance, author=author, text=text)
        return instance


class QuoteRequestEditView(ForbiddenMixin, EditView):
    template_name = "contact/admin/quote_request_edit.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Reading a request is recorded (its History tab); saving it is logged by Wagtail as an edit.
        retention.log_quote_requests([self.object.pk], retention.VIEW, user=request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answers"] = localized_answers(self.object)
        context["notes"] = self.object.notes.select_related("author")
        return context


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Requests come from patients only: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [action for action in actions if action != "add"])


class PatientEmailForm(forms.Form):
    email = forms.EmailField(label=_("Patient's e-mail address"), max_length=254)


class PatientDataView(ForbiddenMixin, WagtailAdminTemplateMixin, TemplateView):
    """Everything stored for one e-mail address: a patient's access request (download) or erasure request.

    Downloads and erasures are in the audit log, one entry per request; an erasure also deletes the notes.
    """

    template_name = "contact/admin/patient_data.html"
    page_title = _("Patient data by e-mail address")
    header_icon = "user"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quote_requests:index"), "label": QuoteRequest._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def requests_for(self, email):
        return (
            QuoteRequest.objects.filter(email__iexact=email)
            .select_related("locale", "assignee")
            .prefetch_related("notes")
            .order_by("created_at", "pk")
        )

    def get(self, request, *args, **kwargs):
        form = PatientEmailForm(request.GET or None)
        if form.is_valid() and request.GET.get("download") == "json":
            return self.download(form.cleaned_data["email"])
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = PatientEmailForm(request.POST)
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            return permission_denied(request, PermissionDenied())
        if not form.is_valid() or request.POST.get("confirm") != "erase":
            return self.render_to_response(self.get_context_data(form=form))
        count = retention.erase(self.requests_for(form.cleaned_data["email"]), retention.ERASE, user=request.user)
        messages.success(
            request, gettext("%(count)d request(s) of this e-mail address were erased.") % {"count": count}
        )
        return HttpResponseRedirect(reverse("quote_requests:patient_data"))

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form
        context["can_erase"] = self.permission_policy.user_has_permission(self.request.user, "delete")
        if form.is_bound and form.is_valid():
            context["email"] = form.cleaned_data["email"]
            context["quote_requests"] = list(self.requests_for(form.cleaned_data["email"]))
        return context

    def download(self, email):
        """A JSON file with every request of this address, as the patient answered it (GDPR art. 15 and 20)."""
        quote_requests = list(self.requests_for(email))
        retention.log_quote_requests(
            [r.pk for r in quote_requests], retention.EXPORT, user=self.request.user, data={"format": "json"}
        )
        data = [
            {
                "number": r.pk,
                "received": r.created_at,
                "language": r.locale.language_code,
                "treatment": r.treatment_title,
                "name": r.name,
                "email": r.email,
                "phone": r.phone,
                "answers": [{"question": label, "answer": value} for label, value in localized_answers(r)],
                "consent": {"text": r.consent_text, "version": r.consent_version, "given_at": r.consented_at},
                "status": r.get_status_display(),
                "notes": [{"written_at": note.created_at, "text": note.text} for note in r.notes.all()],
            }
            for r in quote_requests
        ]
        response = HttpResponse(
            json.dumps({"email": email, "quote_requests": data}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="quote-requests-{timezone.localdate():%Y-%m-%d}.json"'
        return response


def new_request_count():
    return QuoteRequest.objects.filter(status=QuoteRequest.Status.NEW).count()


class QuoteRequestViewSet(ModelViewSet):
    model = QuoteRequest
    icon = "mail"
    name = "quote_requests"
    url_prefix = "quote-requests"
    add_to_admin_menu = True
    menu_order = 150
    copy_view_enabled = False
    index_view_class = QuoteRequestIndexView
    edit_view_class = QuoteRequestEditView
    add_view_class = type("QuoteRequestCreateView", (ForbiddenMixin, CreateView), {})
    delete_view_class = type("QuoteRequestDeleteView", (ForbiddenMixin, DeleteView), {})
    history_view_class = type("QuoteRequestHistoryView", (ForbiddenMixin, HistoryView), {})
    usage_view_class = type("QuoteRequestUsageView", (ForbiddenMixin, UsageView), {})
    filterset_class = QuoteRequestFilterSet
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    search_fields = ["name", "email", "phone"]
    search_backend_name = None
    list_display = [
        "name",
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        Column("language_name", label=_("Language"), sort_key="locale__language_code"),
        Column("treatment_label", label=_("Treatment"), sort_key="treatment_label"),
        StatusTagColumn(
            "get_status_display", label=_("Status"), sort_key="status", primary=lambda request: request.status == "new"
        ),
        Column("assignee", label=_("Assigned to")),
        Column("get_notification_status_display", label=_("E-mail notification"), sort_key="notification_status"),
    ]
    list_export = [
        "pk",
        "created_at",
        "language_name",
        "treatment_label",
        "name",
        "email",
        "phone",
        "get_status_display",
        "assignee",
        "get_notification_status_display",
        "consent_version",
    ]
    export_filename = "quote-requests"
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("new_note")], base_form_class=QuoteRequestAdminForm
    )

    @cached_property
    def export_headings(self):
        return {
            "pk": _("Number"),
            "created_at": _("Received"),
            "language_name": _("Language"),
            "treatment_label": _("Treatment"),
            "name": _("Name"),
            "email": _("E-mail"),
            "phone": _("Phone"),
            "get_status_display": _("Status"),
            "assignee": _("Assigned to"),
            "get_notification_status_display": _("E-mail notification"),
            "consent_version": _("Consent version"),
        }

    @property
    def permission_policy(self):
        return NoAddPermissionPolicy(self.model)

    def get_urlpatterns(self):
        view = PatientDataView.as_view(permission_policy=self.permission_policy)
        return [*super().get_urlpatterns(), path("patient/", view, name="patient_data")]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        def render_component(item, request):
            count = new_request_count()
            label = item.label
            if count:
                # No plural forms: "(3 new)" reads the same for any count in en, and nl/fr phrase it that way.
                label = gettext("%(label)s (%(count)d new)") % {
                    "label": item.label,
                    "count": count,
                }
            return LinkMenuItem(item.name, label, item.url, icon_name=item.icon_name, classname=item.classname)

        return type("QuoteRequestMenuItem", (base,), {"render_component": render_component})
