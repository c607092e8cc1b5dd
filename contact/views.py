"""The front desk's inbox at /admin/quote-requests/: every request from every language in one listing.

A Wagtail ModelViewSet: filters, search, CSV/XLSX export of the filtered list, and an edit view where staff
read the answers in their own admin language, set status and assignee, and add notes.
"""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, LocaleFilter, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
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

from . import exports, patient_download, retention
from .answers import language_name, localized_answers
from .exports import person_name
from .forms import choice_pairs, treatment_model
from .models import CONTACT_TIME_FIELD, QuoteRequest, QuoteRequestNote
from .search import filter_by_query

# Counting stops here (listing, menu, dashboard): past it "more than" is all anyone needs, and it stays fast.
LISTING_COUNT_CAP = 1_000
MENU_COUNT_CAP = 99
DASHBOARD_COUNT_CAP = 999
# "Waiting longer than a day": on the dashboard and as an inbox filter.
WAITING_AFTER = datetime.timedelta(days=1)


def treatment_choices():
    """Each treatment once (by translation key), titled in the staff's admin language where translated."""
    language = translation.get_language()
    # Three columns, not the pages: a page row carries its whole body (at 3,000 pages, tens of MB per inbox view).
    pages = treatment_model().objects.order_by("path").values_list("translation_key", "title", "locale__language_code")
    titles = {}
    for translation_key, title, language_code in pages:
        key = str(translation_key)
        if key not in titles or language_code == language:
            titles[key] = title
    return sorted(titles.items(), key=lambda item: item[1].lower())


FRONT_DESK_GROUP = "Front desk"  # looked up by name: the group is created by a migration (editorial/contact)


def front_desk_members(also=None):
    """Who can be assigned a request: active members of the Front desk group (administrators are not)."""
    User = get_user_model()
    people = Q(is_active=True, groups__name=FRONT_DESK_GROUP)
    if also is not None:
        people |= Q(pk=also)  # the current assignee stays selectable after leaving the group
    return User.objects.filter(people).distinct().order_by("first_name", "last_name", "username")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


def language_choices():
    """Each language named as the Language column names it, in the reader's admin language."""
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


def contact_time_field(language_code):
    """The form's "When can we best reach you?" field in the reader's language (label, choice labels)."""
    return exports.form_fields_by_key(language_code).get(CONTACT_TIME_FIELD)


class QuoteRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=QuoteRequest.Status.choices,
        empty_label=_("All but spam"),
        widget=forms.RadioSelect,
    )
    locale = LocaleFilter(
        label=_("Language"),
        choices=language_choices,
        empty_label=None,
        null_label=_("All"),
        null_value=None,
        widget=forms.RadioSelect,
    )
    # A drop-down: stays one line however many treatments the clinic offers.
    treatment_key = django_filters.ChoiceFilter(label=_("Treatment"), choices=treatment_choices, empty_label=_("All"))
    assignee = django_filters.ChoiceFilter(
        label=_("Assigned to"),
        choices=[("me", _("Me")), ("nobody", _("Nobody"))],
        empty_label=_("Anyone"),
        method="filter_assignee",
        widget=forms.RadioSelect,
    )
    waiting = django_filters.ChoiceFilter(
        label=_("Waiting"),
        choices=[("1", _("New for longer than a day"))],
        empty_label=_("All"),
        method="filter_waiting",
        widget=forms.RadioSelect,
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

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset

    def filter_waiting(self, queryset, name, value):
        return waiting_requests(queryset) if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Spam stays out of the main list; it is one click away under Status.
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=QuoteRequest.Status.SPAM)
        return queryset

    def error_message(self):
        """What was refused, in the reader's language: 'Language: Select a valid choice. …'"""
        return " ".join(
            f"{self.form.fields[name].label}: {' '.join(errors)}" if name in self.form.fields else " ".join(errors)
            for name, errors in self.form.errors.items()
        )


def waiting_requests(queryset):
    """New requests nobody has answered for more than a day."""
    return queryset.filter(status=QuoteRequest.Status.NEW, created_at__lt=timezone.now() - WAITING_AFTER)


def capped_count(queryset, cap):
    """How many, counting no further than `cap` + 1: a count of 100,000 rows costs more than a whole page."""
    # Unordered, so the database stops at cap + 1 rows instead of sorting every match first.
    return queryset.order_by().values("pk")[: cap + 1].count()


def count_label(count, cap):
    """'3', or '99+' past the cap."""
    return f"{cap}+" if count > cap else str(count)


class CappedCountPaginator(WagtailPaginator):
    """Wagtail's paginator, counting at most LISTING_COUNT_CAP rows: the inbox stays as fast at 100,000 requests.

    Past the cap the listing says "more than 1,000" and pages up to the cap (20 pages); filters, the date range and
    search narrow it down.
    """

    @cached_property
    def counted(self):
        return capped_count(self.object_list, LISTING_COUNT_CAP)

    @cached_property
    def is_capped(self):
        return self.counted > LISTING_COUNT_CAP

    @cached_property
    def count(self):
        return min(self.counted, LISTING_COUNT_CAP)

    @cached_property
    def items_count_label(self):
        if self.is_capped:
            return gettext("More than %(count)s quote requests") % {"count": intcomma(LISTING_COUNT_CAP)}
        return super().items_count_label


class AdminPermissionDeniedView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contact/admin/permission_denied.html"
    page_title = _("No access")
    header_icon = "warning"


def admin_permission_denied(request):
    """A 403 that is the admin's own page (sidebar, header, the reader's language), not a bare error page."""
    response = AdminPermissionDeniedView.as_view()(request)
    response.status_code = 403
    return response


class ForbiddenMixin:
    """A 403 for staff without inbox permissions, where Wagtail would redirect to the dashboard.

    Marketing must learn that the inbox is closed to them, not land on a page that looks like success.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return admin_permission_denied(request)


def contact_time_column():
    """The answer to "When can we best reach you?", headed and labelled in the reader's language."""
    field = contact_time_field(translation.get_language())
    labels = dict(choice_pairs(field)) if field else {}
    return Column(
        "preferred_contact_time",
        label=field.label if field else _("Preferred contact time"),
        accessor=lambda request: labels.get(request.preferred_contact_time, request.preferred_contact_time),
        sort_key="preferred_contact_time",
    )


class QuoteRequestIndexView(ForbiddenMixin, IndexView):
    paginator_class = CappedCountPaginator
    results_template_name = "contact/admin/quote_request_results.html"

    def get(self, request, *args, **kwargs):
        if self.filters is not None and not self.filters.is_valid():
            # Refused, not ignored: an ignored filter would list (and export) everything, spam included.
            messages.error(
                request, gettext("Filter not applied. %(errors)s") % {"errors": self.filters.error_message()}
            )
            self.is_export = False
            response = super().get(request, *args, **kwargs)
            response.status_code = 400
            return response
        if self.is_export:
            # Straight to the file: Wagtail's listing context would first len() the unpaginated queryset, loading
            # every request into memory (680 MB and a minute at 100,000) before the export streams a row.
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        if self.filters is not None and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def search_queryset(self, queryset):
        return filter_by_query(queryset, self.search_query) if self.is_searching else queryset

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(-1, contact_time_column())
        return columns

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # One audit entry for the export, under the person who made it, with the filters and request numbers.
        exports.log_export(queryset, spreadsheet_format, self.request.user, self.request.GET.urlencode())
        filename = f"{self.get_filename()}-{timezone.localdate():%Y-%m-%d}"
        if spreadsheet_format == self.FORMAT_CSV:
            return exports.csv_response(queryset, filename)
        return exports.xlsx_response(queryset, filename)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            Button(_("Patient data by e-mail address"), url=reverse("quote_requests:patient_data"), icon_name="user")
        )
        return buttons

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
    """Status and assignee, plus a new internal note written under the current user's name.

    A change of status or assignee is stored as an event (not a sentence): each reader sees it in their language.
    """

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
            old = self.fields["assignee"]
            self.fields["assignee"] = PersonChoiceField(
                queryset=front_desk_members(also=self.instance.assignee_id),
                required=False,
                label=old.label,
                widget=old.widget,
            )

    def events(self, instance):
        Kind = QuoteRequestNote.Kind
        events = []
        if "status" in self.changed_data:
            events.append((Kind.STATUS, {"old": self.initial.get("status"), "new": instance.status}, ""))
        if "assignee" in self.changed_data:
            assignee = instance.assignee
            events.append((Kind.ASSIGNMENT, {"user": instance.assignee_id, "name": person_name(assignee)}, ""))
        if self.cleaned_data.get("new_note", "").strip():
            events.append((Kind.NOTE, {}, self.cleaned_data["new_note"].strip()))
        return events

    def save(self, commit=True):
        instance = super().save(commit=commit)
        author = self.for_user if getattr(self.for_user, "is_authenticated", False) else None
        if commit:
            for kind, data, text in self.events(instance):
                QuoteRequestNote.objects.create(quote_request=instance, author=author, kind=kind, data=data, text=text)
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
        context["answers"] = answer_rows(self.object)
        context["notes"] = self.object.notes.select_related("author")
        return context


def answer_rows(quote_request):
    """Every answer with its label in the reader's language; phone and e-mail as links staff can click."""
    rows = []
    for (label, value), answer in zip(localized_answers(quote_request), quote_request.answers, strict=True):
        href = ""
        if answer.get("type") == "phone" and quote_request.phone:
            value, href = quote_request.readable_phone, f"tel:{quote_request.phone}"
        elif answer.get("type") == "email" and quote_request.email:
            value, href = quote_request.email, f"mailto:{quote_request.email}"
        rows.append({"label": label, "value": value, "href": href})
    return rows


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

    The address is always posted, never put in a URL (URLs end up in logs and browser history). Look-ups,
    downloads and erasures are in the audit log, one entry per request; an erasure also deletes the notes.
    """

    template_name = "contact/admin/patient_data.html"
    page_title = _("Patient data by e-mail address")
    header_icon = "user"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            return admin_permission_denied(request)
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
        return self.render_to_response(self.get_context_data(form=PatientEmailForm()))

    def post(self, request, *args, **kwargs):
        form = PatientEmailForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        email = form.cleaned_data["email"]
        if request.POST.get("download") in patient_download.FORMATS:
            return self.download(email, request.POST["download"])
        if request.POST.get("confirm") == "erase":
            return self.erase(email)
        quote_requests = list(self.requests_for(email))
        retention.log_quote_requests([r.pk for r in quote_requests], retention.LOOK_UP, user=request.user)
        return self.render_to_response(self.get_context_data(form=form, quote_requests=quote_requests))

    def erase(self, email):
        if not self.permission_policy.user_has_permission(self.request.user, "delete"):
            return admin_permission_denied(self.request)
        count = retention.erase(self.requests_for(email), retention.ERASE, user=self.request.user)
        messages.success(
            self.request, gettext("%(count)d request(s) of this e-mail address were erased.") % {"count": count}
        )
        return HttpResponseRedirect(reverse("quote_requests:patient_data"))

    def get_context_data(self, form, quote_requests=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form
        context["can_erase"] = self.permission_policy.user_has_permission(self.request.user, "delete")
        if quote_requests is not None:
            context["email"] = form.cleaned_data["email"]
            context["quote_requests"] = quote_requests
        return context

    def download(self, email, file_format):
        """Every request of this address in the patient's own language, as JSON or text (GDPR art. 15 and 20)."""
        quote_requests = list(self.requests_for(email))
        retention.log_quote_requests(
            [r.pk for r in quote_requests], retention.EXPORT, user=self.request.user, data={"format": file_format}
        )
        return patient_download.response(email, quote_requests, file_format)


def new_request_count():
    return capped_count(QuoteRequest.objects.filter(status=QuoteRequest.Status.NEW), MENU_COUNT_CAP)


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
    # Searched through QuoteRequestIndexView.search_queryset (contact/search.py), not icontains on these.
    search_fields = ["search_text"]
    search_backend_name = None
    menu_label = pgettext_lazy("admin menu, keep it short", "Quote requests")
    list_display = [
        "name",
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        Column("language_name", label=_("Language"), sort_key="locale__language_code"),
        Column("treatment_label", label=_("Treatment"), sort_key="treatment_label"),
        StatusTagColumn(
            "get_status_display", label=_("Status"), sort_key="status", primary=lambda request: request.status == "new"
        ),
        Column(
            "assignee",
            label=_("Assigned to"),
            accessor=lambda request: person_name(request.assignee),
            sort_key="assignee__first_name",
        ),
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
                label = gettext("%(label)s (%(count)s new)") % {
                    "label": item.label,
                    "count": count_label(count, MENU_COUNT_CAP),
                }
            return LinkMenuItem(item.name, label, item.url, icon_name=item.icon_name, classname=item.classname)

        return type("QuoteRequestMenuItem", (base,), {"render_component": render_component})
