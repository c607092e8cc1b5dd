"""How patients reach the clinic: the quote form, the contact page, and the front desk's inbox of requests.

Wagtail's form builder keeps each translation's submissions apart and stores no locale (docs/architecture.md). So the
quote form stores its own `QuoteRequest`, which records the language, the form's translation key, the treatment
and the consent the patient gave: one inbox joins every language.
"""

import hashlib
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Upper
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractForm,
    AbstractFormField,
    validate_to_address,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin
from wagtail.rich_text import expand_db_html
from wagtail_localize.fields import SynchronizedField

from core.cache import cached_chrome
from editorial.fields import MultiLineTextField
from home.context_processors import clinic_settings_for
from home.models import BasePage

from . import search, spam
from .forms import FILL_TIME_FIELD, QuoteFormBuilder

QUOTE_FIELD_CHOICES = [
    *FORM_FIELD_CHOICES,
    ("phone", _("Phone number")),
    ("treatment", _("Treatment (live treatment pages of this language)")),
    ("language", _("Preferred language")),
]

# The form field whose answer the inbox lists and sorts as "preferred contact time".
CONTACT_TIME_FIELD = "preferred_contact_time"

# What `QuoteRequest.search_text` and the normalised columns are made of.
SEARCHED_FIELDS = {"name", "email", "phone", "answers", "treatment_key", "treatment"}

# The thank-you page's last URL segment, in the page's language.
THANK_YOU_SLUGS = {"nl": "bedankt", "fr": "merci", "en": "thank-you"}


class QuoteFormField(TranslatableMixin, AbstractFormField):
    """One field of a quote form. Labels, help texts and choice labels are translated; keys and values are not.

    `clean_name` is the key every answer is stored under and `choices` holds the values the inbox filters on:
    a translator who changed them would split the inbox by language, so they are synchronised and locked.
    """

    page = ParentalKey("QuoteFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=QUOTE_FIELD_CHOICES)
    choices = models.TextField(
        _("choice values"),
        blank=True,
        help_text=_(
            "One value per line, e.g. 'morning'. Stored with each request and the same in every language; "
            "for checkboxes, radio buttons and drop-downs only."
        ),
    )
    choice_labels = MultiLineTextField(
        _("choice labels"),
        blank=True,
        help_text=_("What patients read: one label per line, in the order of the values. Translated."),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type"),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("choice_labels"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]
    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("choices", overridable=False),
        SynchronizedField("default_value", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def __str__(self):
        return self.label


class QuoteFormPage(RoutablePageMixin, AbstractForm, BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """The quote request form in one language, built by editors from `QuoteFormField`s.

    Every request is stored as a `QuoteRequest` (not a Wagtail form submission), then announced by e-mail
    to the front desk and confirmed to the patient in the language of this page.

    An `AbstractForm`, not an `AbstractEmailForm`: no page field holds e-mail addresses. Whoever may publish
    this page could otherwise send every future request anywhere; where requests go is `QuoteRoutingSettings`.
    """

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A sentence or two above the form."))
    consent_text = RichTextField(
        _("consent text"),
        features=["bold", "italic", "link"],
        help_text=_(
            "The label of the consent box, with a link to the privacy policy. Stored with each request exactly "
            "as shown."
        ),
    )
    consent_version = models.CharField(
        _("consent version"),
        max_length=40,
        help_text=_("Change it (e.g. to today's date) whenever the consent text changes in substance."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown after a request is sent."),
    )

    form_builder = QuoteFormBuilder
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        MultiFieldPanel([FieldPanel("consent_text"), FieldPanel("consent_version")], heading=_("Consent")),
        FieldPanel("thank_you_text"),
    ]
    # The consent version is a fact, not text: the same in every language.
    override_translatable_fields = [SynchronizedField("consent_version", overridable=False)]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("quote form page")

    # The form

    def get_form_fields(self):
        # Asked for several times while serving one request: loaded once per page instance.
        if not hasattr(self, "_form_fields"):
            self._form_fields = list(super().get_form_fields())
        return self._form_fields

    def get_form_class(self):
        return self.form_builder(self.get_form_fields(), page=self).get_form_class()

    def consent_html(self):
        """The consent text as the patient reads it, without the paragraph: it is a label.

        Expanding its links costs three queries; the result is kept per text (so a preview never shows
        another text) until the next purge (so a moved privacy page never leaves a stale link).
        """

        def build():
            return re.sub(r"</?p>", "", expand_db_html(self.consent_text)).strip()

        digest = hashlib.sha256(self.consent_text.encode()).hexdigest()
        return cached_chrome(f"consent-html-{get_language()}-{digest}", build)

    def initial_treatment(self, request):
        from .forms import localized_treatment_id

        return localized_treatment_id(request.GET.get("treatment", ""), self.locale_id)

    # Serving: GET shows the form, POST stores the request and redirects (303) to the thank-you page.

    @path("")
    def form_view(self, request):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST, page=self, user=request.user)
            limited = spam.is_rate_limited(request)
            if not limited and form.is_valid():
                spam.use_fill_time_token(form.data.get(FILL_TIME_FIELD))
                if form.is_spam:
                    # A bot that filled the honeypot sees the same thank-you page: it learns nothing.
                    return HttpResponseRedirect(self.thank_you_url(), status=303)
                if spam.take_request_slot(request):
                    self.store_request(form, request)
                    return HttpResponseRedirect(self.thank_you_url(), status=303)
                limited = True
            if limited:
                form.full_clean()
                form.add_error(
                    None,
                    _(
                        "We have received several requests from your connection in the last hour. "
                        "Please try again later or call us."
                    ),
                )
                status = 429
        else:
            initial = {}
            treatment_field = next((f for f in self.get_form_fields() if f.field_type == "treatment"), None)
            if treatment_field is not None:
                initial[treatment_field.clean_name] = self.initial_treatment(request)
            form = self.get_form(page=self, user=request.user, initial=initial)

        context = self.get_context(request)
        context["form"] = form
        context["fill_time_token"] = spam.fill_time_token()
        context["fill_time_field"] = FILL_TIME_FIELD
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        # The form carries a CSRF token and a timestamp: no shared cache may keep it.
        add_never_cache_headers(response)
        return response

    @re_path(r"^(?P<slug>[a-z-]+)/$")
    def thank_you_view(self, request, slug):
        if slug != THANK_YOU_SLUGS.get(self.locale.language_code, THANK_YOU_SLUGS["en"]):
            raise Http404
        return self.render_landing_page(request)

    @re_path(r"^(?P<slug>[a-z-]+)/(?P<token>[A-Za-z0-9_-]{10,300})/$")
    def withdrawal_view(self, request, slug, token):
        from .withdrawal import serve_withdrawal

        return serve_withdrawal(self, request, slug, token)

    def thank_you_url(self):
        slug = THANK_YOU_SLUGS.get(self.locale.language_code, THANK_YOU_SLUGS["en"])
        return f"{self.url}{slug}/"

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        return TemplateResponse(request, self.get_landing_page_template(request), context)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return self.form_view(request)

    # Storing

    def store_request(self, form, request):
        """Store the request, then queue its e-mails once the transaction is committed."""
        from .notifications import queue_notifications

        form_fields = list(self.get_form_fields())
        answers = form.answers(form_fields)
        by_type = {}
        for answer in answers:
            by_type.setdefault(answer["type"], answer)
        treatment = self._chosen_treatment(by_type.get("treatment"))
        with transaction.atomic():
            quote_request = QuoteRequest.objects.create(
                locale_id=self.locale_id,
                form_page=self,
                form_translation_key=self.translation_key,
                treatment=treatment,
                treatment_key=treatment.translation_key if treatment else None,
                treatment_title=treatment.title if treatment else "",
                name=next((a["value"] for a in answers if a["name"] == "name"), "") or "",
                email=(by_type.get("email") or {}).get("value") or "",
                phone=(by_type.get("phone") or {}).get("value") or "",
                answers=answers,
                consent_text=self.consent_html(),
                consent_version=self.consent_version,
                consented_at=timezone.now(),
            )
            queue_notifications(quote_request)
        return quote_request

    def _chosen_treatment(self, answer):
        from .forms import treatment_model

        if not answer or not answer["value"]:
            return None
        return treatment_model().objects.filter(pk=answer["value"]).first()

    def process_form_submission(self, form):  # pragma: no cover - form_view stores QuoteRequests instead
        raise NotImplementedError("QuoteFormPage stores QuoteRequest objects, not Wagtail form submissions.")


class ContactPage(BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """How to reach the clinic: address, phone, opening hours from the clinic details, and the way to the form.

    The map is a link, not an embedded map: an embed would send every visitor's address to a third party.
    """

    intro = models.TextField(_("introduction"), blank=True)
    directions = RichTextField(
        _("directions"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("How to get there: public transport, parking, accessibility."),
    )
    map_url = models.URLField(
        _("map link"),
        blank=True,
        help_text=_("A link to the clinic on a map. Leave empty to link to OpenStreetMap with the address."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("directions"), FieldPanel("map_url")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_link"] = self.map_link(clinic_settings_for(request))
        return context

    def map_link(self, clinic):
        if self.map_url:
            return self.map_url
        if not clinic.street_address:
            return ""
        from urllib.parse import urlencode

        address = f"{clinic.street_address}, {clinic.postal_code} {clinic.city}".strip(", ")
        return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


def validate_recipients(value):
    """Commas or new lines between addresses; Wagtail's validator checks each one."""
    validate_to_address(",".join(split_addresses(value)))


def split_addresses(value):
    return [address.strip() for address in re.split(r"[,;\s]+", value or "") if address.strip()]


@register_setting(icon="mail")
class QuoteRoutingSettings(BaseGenericSetting):
    """Where quote requests are announced, and the address patients can reply to: one for all sites and languages.

    A setting, not a page field, so that it has its own permission ("Can change quote request routing"): only
    administrators have it, and whoever they give it to in Settings → Groups (the front desk, if the clinic
    decides so). No role that edits pages can send requests elsewhere. Each change is in the audit log.
    """

    staff_recipients = models.TextField(
        _("staff e-mail addresses"),
        blank=True,
        validators=[validate_recipients],
        help_text=_(
            "Who is told that a new request arrived (the e-mail holds only a link to the inbox). One address per "
            "line. Use the addresses of staff accounts: each then reads the alert in their admin language."
        ),
    )
    patient_reply_to = models.EmailField(
        _("address patients can reply to"),
        blank=True,
        help_text=_(
            "Where a patient's reply to their confirmation goes. Leave empty to use the clinic's public e-mail "
            "from the clinic details."
        ),
    )
    reply_within_working_days = models.PositiveSmallIntegerField(
        _("we answer within (working days)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("The patient's confirmation promises an answer within this many working days."),
    )

    panels = [FieldPanel("staff_recipients"), FieldPanel("patient_reply_to"), FieldPanel("reply_within_working_days")]

    class Meta:
        verbose_name = _("quote request routing")
        verbose_name_plural = _("quote request routing")

    def __str__(self):
        return str(self._meta.verbose_name)

    @property
    def recipients(self):
        return split_addresses(self.staff_recipients)


class QuoteRequest(models.Model):
    """A patient's quote request from any language's form: the front desk's one inbox.

    It keeps what the patient saw (labels, consent text and version) so that the request can be read and
    accounted for even after the form changes.
    """

    # Requests refer to pages (form, treatment) and nothing refers to them: Wagtail's reference index would add
    # four queries to every save and delete, and a treatment's Usage screen would list every request.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        QUOTE_SENT = "quote_sent", _("Quote sent")
        BOOKED = "booked", _("Booked")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    class Notification(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, to be retried")

    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True, editable=False)
    locale = models.ForeignKey(
        Locale, on_delete=models.PROTECT, related_name="+", verbose_name=_("language"), editable=False
    )
    form_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("form page"),
        editable=False,
    )
    form_translation_key = models.UUIDField(_("form translation key"), db_index=True, editable=False)
    treatment = models.ForeignKey(
        "treatments.TreatmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("treatment"),
        editable=False,
    )
    treatment_key = models.UUIDField(_("treatment translation key"), null=True, db_index=True, editable=False)
    treatment_title = models.CharField(_("treatment"), max_length=255, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True, editable=False)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True, editable=False)
    # E.164 ("+32470123456"): one notation, so that any way staff type a number finds it (contact/search.py).
    phone = models.CharField(_("phone"), max_length=40, blank=True, editable=False, db_index=True)
    answers = models.JSONField(_("answers"), default=list, encoder=DjangoJSONEncoder, editable=False)
    consent_text = models.TextField(_("consent text shown"), editable=False)
    consent_version = models.CharField(_("consent version"), max_length=40, editable=False)
    consented_at = models.DateTimeField(_("consent given at"), editable=False)
    # The answer to the form's "When can we best reach you?" (its choice value): a listing column staff sort by.
    preferred_contact_time = models.CharField(_("preferred contact time"), max_length=40, blank=True, editable=False)
    # Name, e-mail, phone and the treatment's titles in every language, folded (lower case, no accents):
    # what the inbox search reads, trigram-indexed on PostgreSQL.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    notification_status = models.CharField(
        _("e-mail notification"),
        max_length=20,
        choices=Notification.choices,
        default=Notification.PENDING,
        db_index=True,
        editable=False,
    )
    staff_notified_at = models.DateTimeField(_("staff notified at"), null=True, editable=False)
    patient_notified_at = models.DateTimeField(_("confirmation sent at"), null=True, editable=False)
    notification_attempts = models.PositiveIntegerField(_("notification attempts"), default=0, editable=False)
    notification_error = models.CharField(_("last notification error"), max_length=255, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="contact_quote_status_idx"),
            # The patient-data look-up is `email__iexact`, i.e. UPPER(email) = UPPER(%s).
            models.Index(Upper("email"), name="contact_quote_email_ci_idx"),
        ]

    # Nothing refers to a request, and a treatment's Usage tab must not list patients to every role.
    wagtail_reference_index_ignore = True

    def __str__(self):
        # Wagtail labels audit-log entries with str(): never the patient's name or address.
        return str(_("Quote request %(number)s") % {"number": self.pk})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) & SEARCHED_FIELDS:
            # E.g. the notification state: nothing searched changes, no treatment titles to look up.
            return super().save(*args, **kwargs)
        self.phone = search.e164(self.phone)
        self.preferred_contact_time = self.answer_value(CONTACT_TIME_FIELD) or ""
        self.search_text = search.search_text(
            self.name, self.email, self.phone, search.treatment_titles(self.treatment_key)
        )
        super().save(*args, **kwargs)

    def answer_value(self, clean_name):
        answer = next((a for a in self.answers or [] if a.get("name") == clean_name), None)
        return answer.get("value") if answer else None

    @property
    def language_name(self):
        return translation.get_language_info(self.locale.language_code)["name_translated"]

    @property
    def readable_phone(self):
        return search.readable_phone(self.phone)


class QuoteRequestNote(models.Model):
    """An event in a request's history, by a member of staff: a note, a status change or an assignment.

    Status changes and assignments are stored as facts (`kind`, `data`), not sentences, so every reader sees
    them in their own admin language. Never shown to the patient.
    """

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        STATUS = "status", _("Status change")
        ASSIGNMENT = "assignment", _("Assignment")

    wagtail_reference_index_ignore = True

    quote_request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    # STATUS: {"old": "new", "new": "contacted"}; ASSIGNMENT: {"user": id or None, "name": full name then}.
    data = models.JSONField(_("details"), default=dict, blank=True)
    text = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.message()[:60]

    def message(self):
        """The event in the active language."""
        if self.kind == self.Kind.STATUS:
            return gettext("Status changed from %(old)s to %(new)s.") % {
                "old": status_label(self.data.get("old")),
                "new": status_label(self.data.get("new")),
            }
        if self.kind == self.Kind.ASSIGNMENT:
            if not self.data.get("name"):
                return gettext("No longer assigned.")
            return gettext("Assigned to %(person)s.") % {"person": self.data["name"]}
        return self.text


def status_label(value):
    try:
        return str(QuoteRequest.Status(value).label)
    except ValueError:
        return str(value or "—")
