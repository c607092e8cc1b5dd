"""schema.org JSON-LD, in the page's language. Pages add their own types through `structured_data()`."""

import json

from bs4 import BeautifulSoup
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .public_address import public_url

# As Django's json_script: JSON inside <script> must not be able to close the element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script_json(data):
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


def breadcrumbs(page, request):
    """BreadcrumbList from the language's home page down to `page`."""
    trail = page.get_ancestors(inclusive=True).filter(depth__gte=2).specific(defer=True)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.title, "item": crumb.get_full_url(request)}
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def clinic_id():
    """The one MedicalClinic's @id: the same on every page and in every language, so search engines see one
    clinic, wherever it is described or referred to."""
    return public_url("/#clinic")


def medical_web_page(page, request, main_entity):
    """A MedicalWebPage around `main_entity`, with the medical review the patient sees on the page."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": page.get_full_url(request),
        # The page is served in its own language, so the active language is its locale (and costs no query).
        "inLanguage": get_language(),
        "publisher": {"@id": clinic_id()},
        "mainEntity": main_entity,
    }
    # Only a review the approval recorded (a date and the approving doctor) is claimed.
    if getattr(page, "has_recorded_review", False) and page.localized_reviewer is not None:
        data["lastReviewed"] = page.medical_reviewed_on.isoformat()
        data["reviewedBy"] = person(page.localized_reviewer)
    return data


def person(practitioner):
    data = {"@type": "Person", "name": practitioner.name, "jobTitle": practitioner.professional_title}
    if practitioner.registration_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "RIZIV/INAMI",
            "value": practitioner.registration_number,
        }
    return data


def medical_clinic(clinic, request, home_url):
    """The clinic itself, from ClinicSettings: the same facts in every language, and only those filled in."""
    address = {
        "@type": "PostalAddress",
        "streetAddress": clinic.street_address,
        "postalCode": clinic.postal_code,
        "addressLocality": clinic.city,
        "addressCountry": clinic.country_code,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "@id": clinic_id(),
        "name": clinic.name,
        "legalName": " ".join(part for part in (clinic.legal_name, clinic.legal_form) if part),
        "url": public_url("/"),
        "address": address if clinic.postal_address else None,
        "telephone": clinic.phone,
        "email": clinic.email,
        "openingHours": clinic.opening_hours_lines,
        "vatID": clinic.vat_number,
        "identifier": (
            {"@type": "PropertyValue", "propertyID": "KBO/BCE", "value": clinic.company_number}
            if clinic.company_number
            else None
        ),
    }
    return {key: value for key, value in data.items() if value}


# Rich text as search engines read it: one item per paragraph or list item, never glued together.

_BLOCKS = ["p", "li", "h2", "h3", "h4"]


def text_items(html, list_items_only=False):
    """The paragraphs and list items of `html`, as plain text: "<li>a</li><li>b</li>" gives ["a", "b"].

    With `list_items_only`, a text that has a list gives its items alone, without the sentences around it.
    """
    soup = BeautifulSoup(html or "", "html.parser")
    if list_items_only and soup.find("li"):
        return text_items("".join(str(item) for item in soup.find_all("li")))
    items = []
    for element in soup.find_all(_BLOCKS):
        if element.find(_BLOCKS):
            continue  # a paragraph inside a list item is read with it
        text = " ".join(element.get_text(" ").split())
        if text:
            items.append(text)
    return items or ([" ".join(soup.get_text(" ").split())] if soup.get_text().strip() else [])


def plain_text(html):
    """Rich text as one plain string; items that do not end a sentence are separated by a semicolon."""
    items = text_items(html)
    return " ".join(item if item.endswith((".", "!", "?", ":", ";")) else f"{item};" for item in items).rstrip(";")
