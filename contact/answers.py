"""A stored request read in another language: the front desk reads every answer with the labels of its own.

Answers are stored under synchronised keys and values, so the labels of any translation of the form apply.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from .forms import choice_pairs

CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect"}


def form_page_in(quote_request, language_code):
    """The translation of the request's form in `language_code`, else the source language's, else the one used."""
    from .models import QuoteFormPage

    pages = QuoteFormPage.objects.filter(translation_key=quote_request.form_translation_key).select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return (
        by_language.get(language_code)
        or by_language.get(settings.SOURCE_LANGUAGE_CODE)
        or by_language.get(quote_request.locale.language_code)
    )


def treatment_title_in(quote_request, language_code):
    if quote_request.treatment_key is None:
        return quote_request.treatment_title
    title = (
        Page.objects.filter(translation_key=quote_request.treatment_key, locale__language_code=language_code)
        .values_list("title", flat=True)
        .first()
    )
    return title or quote_request.treatment_title


def language_name(code):
    """A language's name in the active language ('Frans' for fr when reading Dutch)."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code


def localized_answers(quote_request, language_code=None):
    """[(label, answer)] in `language_code` (default: the active language), in the order the patient answered."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language_code):
        page = form_page_in(quote_request, language_code)
        fields = {field.clean_name: field for field in page.form_fields.all()} if page else {}
        rows = []
        for answer in quote_request.answers:
            field = fields.get(answer["name"])
            label = field.label if field else answer["label"]
            rows.append((label, _display(quote_request, answer, field, language_code)))
        return rows


def _display(quote_request, answer, field, language_code):
    value = answer.get("value")
    if value in (None, "", []):
        return ""
    kind = answer.get("type")
    if kind == "treatment":
        return treatment_title_in(quote_request, language_code)
    if kind == "language":
        return language_name(value)
    if kind == "checkbox":
        return _("Yes") if value else _("No")
    if kind in CHOICE_TYPES and field is not None:
        labels = dict(choice_pairs(field))
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values)
    return answer.get("display") or str(value)
