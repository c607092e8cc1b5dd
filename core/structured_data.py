"""schema.org JSON-LD, in the page's language. Pages add their own types through `structured_data()`."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


def medical_web_page(page, request, main_entity):
    """A MedicalWebPage around `main_entity`, with the medical review the patient sees on the page."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": page.get_full_url(request),
        # The page is served in its own language, so the active language is its locale (and costs no query).
        "inLanguage": get_language(),
        "mainEntity": main_entity,
    }
    # Only a review the approval recorded (a date and the approving doctor) is claimed.
    if getattr(page, "has_recorded_review", False) and page.localized_reviewer is not None:
        reviewer = page.localized_reviewer
        data["lastReviewed"] = page.medical_reviewed_on.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": reviewer.name, "jobTitle": reviewer.professional_title}
    return data


def medical_clinic(clinic, request, home_url):
    """The clinic itself, from ClinicSettings: the same facts in every language."""
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
        "name": clinic.name,
        "url": home_url,
        "address": {key: value for key, value in address.items() if value},
        "telephone": clinic.phone,
        "email": clinic.email,
        "openingHours": clinic.opening_hours_lines,
    }
    return {key: value for key, value in data.items() if value}
