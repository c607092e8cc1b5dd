"""The front desk's inbox at /admin/quote-requests/: every request from every language in one listing.

A Wagtail ModelViewSet: filters, search, CSV/XLSX export of the filtered list, and an edit view where staff
read the answers in their own admin language, set status and assignee, and add notes.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, LocaleFilter, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from .answers import localized_answers
from .forms import treatment_model
from .models import QuoteRequest, QuoteRequestNote


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
