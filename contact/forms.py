"""The patient's quote form, built from the fields editors arrange in the admin.

Wagtail's FormBuilder makes one Django form field per `QuoteFormField`. This builder adds the clinic's own
field types (phone, treatment, preferred language), keeps choice values apart from their translated labels,
caps every text field's length and refuses control characters, so that no input, however odd, reaches the
database or an e-mail header, or ends in a server error.
"""

import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, _split_by_newline_or_comma

from core.cache import cached_chrome

from . import spam

NAME_MAX_LENGTH = 120
SINGLE_LINE_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 2000
PHONE_MAX_LENGTH = 30

# Names the form itself uses: an editor's field with one of these clean names is left out of the form.
HONEYPOT_FIELD = "website"
FILL_TIME_FIELD = "form_started"
CONSENT_FIELD = "consent"
RESERVED_NAMES = {HONEYPOT_FIELD, FILL_TIME_FIELD, CONSENT_FIELD}

# Control characters (tab, newline and carriage return are handled per field), bidirectional overrides that
# can disguise text in an e-mail, and U+FFFD, which is what bytes that are not UTF-8 decode to.
_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffd"
FORBIDDEN_IN_TEXT = re.compile(f"[{_FORBIDDEN}]")
FORBIDDEN_IN_LINE = re.compile(f"[{_FORBIDDEN}\t\n\r]")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()./-]+$")

AUTOCOMPLETE = {"name": "name", "email": "email", "phone": "tel"}


def _reject(pattern, value):
    if isinstance(value, str) and pattern.search(value):
        raise ValidationError(
            _("This field contains characters we cannot read. Please type your answer again."),
            code="forbidden_characters",
        )


def validate_text(value):
    _reject(FORBIDDEN_IN_TEXT, value)


def validate_line(value):
    _reject(FORBIDDEN_IN_LINE, value)


def validate_phone(value):
    digits = sum(character.isdigit() for character in value)
    if not PHONE_PATTERN.match(value) or not 8 <= digits <= 15:
        raise ValidationError(
            _("Enter a phone number with its area code, e.g. +32 2 123 45 67 or 02 123 45 67."),
            code="invalid_phone",
        )


def treatment_model():
    """contact refers to treatments by model label, never by import (docs/architecture.md)."""
    return apps.get_model("treatments", "TreatmentPage")


def localized_treatment_id(value, locale_id):
    """The id of the live treatment page in `locale_id` that translates page `value` (any language), or None."""
    # ASCII digits only: str.isdigit() also accepts "¹" or "٣", which int() refuses (a fuzzer found the 500).
    if not isinstance(value, int | str) or not re.fullmatch(r"[0-9]{1,12}", str(value)):
        return None
    TreatmentPage = treatment_model()
    translation_key = TreatmentPage.objects.filter(pk=int(value)).values_list("translation_key", flat=True).first()
    if translation_key is None:
        return None
    return (
        TreatmentPage.objects.live()
        .public()
        .filter(translation_key=translation_key, locale_id=locale_id)
        .values_list("pk", flat=True)
        .first()
    )


class TreatmentChoiceField(forms.TypedChoiceField):
    """The live treatments of the form's language; accepts any language version's id and maps it."""

    def __init__(self, *, locale_id, **kwargs):
        self.locale_id = locale_id
        super().__init__(coerce=int, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        localized = localized_treatment_id(value, self.locale_id)
        return str(localized) if localized is not None else value


def treatment_choices(locale_id):
    """(id, title) of the live public treatments in one language; kept until the next publish purges it."""

    def build():
        pages = treatment_model().objects.live().public().filter(locale_id=locale_id).order_by("path")
        return [(str(pk), title) for pk, title in pages.values_list("pk", "title")]

    return cached_chrome(f"treatment-choices-{locale_id}", build)


def choice_pairs(field):
    """(value, label) pairs: values are synchronised across languages, labels are translated line by line."""
    values = _split_by_newline_or_comma(field.choices) if field.choices.strip() else []
    labels = [line.strip() for line in field.choice_labels.splitlines() if line.strip()]
    return [(value, labels[index] if index < len(labels) else value) for index, value in enumerate(values)]


class QuoteFormBuilder(FormBuilder):
    def __init__(self, fields, page=None):
        super().__init__([field for field in fields if (field.clean_name or "") not in RESERVED_NAMES])
        self.page = page

    @property
    def locale_id(self):
        return self.page.locale_id if self.page is not None else None

    @property
    def formfields(self):
        formfields = super().formfields
        for name, form_field in formfields.items():
            # Browsers and password managers fill these in for the patient (WCAG 1.3.5, input purpose).
            if name in AUTOCOMPLETE and isinstance(form_field.widget, forms.TextInput):
                form_field.widget.attrs.setdefault("autocomplete", AUTOCOMPLETE[name])
        return formfields

    def create_singleline_field(self, field, options):
        max_length = NAME_MAX_LENGTH if field.clean_name == "name" else SINGLE_LINE_MAX_LENGTH
        return forms.CharField(max_length=max_length, validators=[validate_line], **options)

    def create_multiline_field(self, field, options):
        options["widget"] = forms.Textarea(attrs={"rows": 6})
        return forms.CharField(max_length=MESSAGE_MAX_LENGTH, validators=[validate_text], **options)

    def create_email_field(self, field, options):
        form_field = forms.EmailField(
            max_length=254,
            validators=[validate_line],
            # Django's French says "courriel"; the site says "e-mail" everywhere.
            error_messages={"invalid": _("Enter a valid e-mail address.")},
            **options,
        )
        form_field.widget.attrs["autocomplete"] = "email"
        return form_field

    def create_phone_field(self, field, options):
        options["widget"] = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
        return forms.CharField(max_length=PHONE_MAX_LENGTH, validators=[validate_line, validate_phone], **options)

    def create_treatment_field(self, field, options):
        empty_label = _("Choose a treatment") if field.required else _("Not sure yet")
        options["choices"] = [("", empty_label), *treatment_choices(self.locale_id)]
        options["initial"] = None
        return TreatmentChoiceField(
            locale_id=self.locale_id,
            empty_value=None,
            error_messages={"invalid_choice": _("Choose a treatment from the list.")},
            **options,
        )

    def create_language_field(self, field, options):
        options["choices"] = list(settings.LANGUAGES)
        options["initial"] = self.page.locale.language_code if self.page is not None else settings.LANGUAGE_CODE
        return forms.ChoiceField(**options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "—"), *choice_pairs(field)] if not field.required else choice_pairs(field)
        return forms.ChoiceField(**options)

    def create_radio_field(self, field, options):
        options["choices"] = choice_pairs(field)
        options["widget"] = forms.RadioSelect
        return forms.ChoiceField(**options)

    def create_multiselect_field(self, field, options):
        options["choices"] = choice_pairs(field)
        return forms.MultipleChoiceField(**options)

    def create_checkboxes_field(self, field, options):
        options["choices"] = choice_pairs(field)
        options["initial"] = self.get_formatted_field_initial(field)
        options["widget"] = forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(**options)

    def create_hidden_field(self, field, options):
        options["widget"] = forms.HiddenInput
        return forms.CharField(max_length=SINGLE_LINE_MAX_LENGTH, validators=[validate_line], **options)

    def create_url_field(self, field, options):
        return forms.URLField(
            assume_scheme="https", max_length=SINGLE_LINE_MAX_LENGTH, validators=[validate_line], **options
        )

    def get_form_class(self):
        # The remaining types (date, number, checkbox) accept no free text: Django's fields are enough.
        return type("QuoteForm", (QuoteForm,), self.formfields)


class QuoteForm(BaseForm):
    """The editor's fields plus what every quote request needs: consent, a honeypot and the fill-time token."""

    website = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("We can only answer your request with your consent. Please tick the box.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Keep the consent box last, after the editor's fields.
        self.order_fields([name for name in self.fields if name not in RESERVED_NAMES] + [CONSENT_FIELD])
        if self.page is not None:
            # Editor-written rich text (with its link to the privacy policy), rendered by Wagtail.
            self.fields[CONSENT_FIELD].label = mark_safe(self.page.consent_html())  # noqa: S308

    @property
    def patient_fields(self):
        """The fields a patient fills in, in order (not the honeypot or the token)."""
        return [self[name] for name in self.fields if name not in {HONEYPOT_FIELD, FILL_TIME_FIELD}]

    @property
    def honeypot_field(self):
        return self[HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        try:
            spam.check_fill_time(self.data.get(FILL_TIME_FIELD))
        except spam.FillTimeError as error:
            if error.reason == "too_fast":
                message = _("That was quick! Please check your answers, then send the form again.")
            else:
                message = _("This form was open for too long or could not be checked. Please send it again.")
            raise ValidationError(message, code=f"fill_time_{error.reason}") from None
        return cleaned_data

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def answers(self, form_fields):
        """What the patient answered, with the labels they read: [{name, type, label, value, display}]."""
        by_name = {field.clean_name: field for field in form_fields}
        answers = []
        for name in self.fields:
            if name in RESERVED_NAMES or name not in by_name:
                continue
            form_field = self.fields[name]
            value = self.cleaned_data.get(name)
            answers.append(
                {
                    "name": name,
                    "type": by_name[name].field_type,
                    "label": str(form_field.label),
                    "value": value,
                    "display": display_value(form_field, value),
                }
            )
        return answers


def display_value(form_field, value):
    """How the patient saw their answer: choice labels rather than values."""
    choices = {str(key): str(label) for key, label in getattr(form_field, "choices", [])}
    if isinstance(value, list):
        return ", ".join(choices.get(str(item), str(item)) for item in value)
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return choices.get(str(value), str(value))
