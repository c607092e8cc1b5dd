"""A patient's own data, as the patient can read it: in the language of their request, as plain text and as JSON.

The consent is given as the patient read it (the words of the consent box, without HTML); JSON is written as UTF-8
text ("ç", not "\\u00e7"). Internal notes are included: they are data about the patient too.
"""

import html
import json

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext

from .answers import language_name, localized_answers, treatment_title_in
from .search import readable_phone

FORMATS = ("json", "text")


def plain(consent_html):
    """The consent text as the patient read it in the form: words, not markup."""
    return " ".join(html.unescape(strip_tags(consent_html or "")).split())


def moment(value):
    return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def request_data(quote_request):
    """One request, in the patient's language (the language of the form they filled in)."""
    language = quote_request.locale.language_code
    with translation.override(language):
        return {
            "number": quote_request.pk,
            "received": moment(quote_request.created_at),
            "language": str(language_name(language)),
            "treatment": treatment_title_in(quote_request, language),
            "name": quote_request.name,
            "email": quote_request.email,
            "phone": readable_phone(quote_request.phone),
            "answers": [
                {"question": str(label), "answer": str(value)}
                for label, value in localized_answers(quote_request, language)
            ],
            "consent": {
                "text": plain(quote_request.consent_text),
                "version": quote_request.consent_version,
                "given_at": moment(quote_request.consented_at),
            },
            "status": quote_request.get_status_display(),
            "notes": [
                {"written_at": moment(note.created_at), "text": note.message()} for note in quote_request.notes.all()
            ],
        }


def as_text(email, items, language):
    with translation.override(language):
        line = gettext("%(label)s: %(value)s")
        lines = [gettext("Your quote requests to Face Clinic Belgium (%(email)s)") % {"email": email}, ""]
        for item in items:
            lines += [gettext("Request %(number)s") % {"number": item["number"]}, "-" * 40]
            facts = [
                (gettext("Received"), item["received"]),
                (gettext("Language"), item["language"]),
                (gettext("Status"), item["status"]),
            ]
            facts += [(answer["question"], answer["answer"] or "—") for answer in item["answers"]]
            lines += [line % {"label": label, "value": value} for label, value in facts]
            consent = item["consent"]
            lines += [
                line
                % {
                    "label": gettext("Consent"),
                    "value": gettext("version %(version)s, given %(time)s")
                    % {"version": consent["version"], "time": consent["given_at"]},
                },
                consent["text"],
                "",
            ]
        return "\n".join(lines) + "\n"


def response(email, quote_requests, file_format):
    language = quote_requests[-1].locale.language_code if quote_requests else translation.get_language()
    items = [request_data(quote_request) for quote_request in quote_requests]
    name = f"quote-requests-{timezone.localdate():%Y-%m-%d}"
    if file_format == "text":
        result = HttpResponse(as_text(email, items, language), content_type="text/plain; charset=utf-8")
        result["Content-Disposition"] = f'attachment; filename="{name}.txt"'
        return result
    body = json.dumps({"email": email, "quote_requests": items}, ensure_ascii=False, indent=2)
    result = HttpResponse(body, content_type="application/json; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return result
