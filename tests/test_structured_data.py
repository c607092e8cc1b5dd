"""Every page's JSON-LD, in nl, fr and en, uses only types and properties schema.org defines for them (issue 17).

The vocabulary is a hand-copied subset of schema.org (tests/schemaorg/vocabulary.json): no network in tests. A type
or property the file does not know fails the test, so a new one is checked against schema.org before it ships.
"""

import json
from functools import cache
from pathlib import Path

import pytest
from wagtail.models import Page

from tests.conftest import html

pytestmark = pytest.mark.django_db

VOCABULARY = json.loads((Path(__file__).parent / "schemaorg" / "vocabulary.json").read_text())
SCHEMA = "https://schema.org/"


@cache
def ancestors(type_name):
    """The type and every type it inherits from."""
    found = {type_name}
    for parent in VOCABULARY["types"][type_name]:
        found |= ancestors(parent)
    return frozenset(found)


def schema_errors(node, path="$"):
    """What in `node` schema.org does not define: unknown types, properties not defined for the type, values of a
    type the property does not expect. An empty list means valid."""
    if isinstance(node, list):
        return [error for index, item in enumerate(node) for error in schema_errors(item, f"{path}[{index}]")]
    if not isinstance(node, dict):
        return []
    if set(node) == {"@id"}:
        return []  # a reference to a node described elsewhere
    type_name = node.get("@type")
    if type_name not in VOCABULARY["types"]:
        return [f"{path}: unknown type {type_name!r}"]
    errors = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        definition = VOCABULARY["properties"].get(name)
        if definition is None:
            errors.append(f"{path}.{name}: not a schema.org property (in this vocabulary)")
            continue
        if not ancestors(type_name) & set(definition["domain"]):
            errors.append(f"{path}.{name}: schema.org does not define it for {type_name}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            errors += value_errors(item, definition["range"], f"{path}.{name}[{index}]")
    return errors


def value_errors(value, expected, path):
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            return []
        value_type = value.get("@type")
        if value_type in VOCABULARY["types"] and not ancestors(value_type) & set(expected):
            return [f"{path}: a {value_type} where schema.org expects {expected}"]
        return schema_errors(value, path)
    enumerated = [name for name in expected if name in VOCABULARY["enumerations"]]
    if enumerated and not set(expected) & set(VOCABULARY["datatypes"]):
        members = {SCHEMA + member for name in enumerated for member in VOCABULARY["enumerations"][name]}
        return [] if value in members else [f"{path}: {value!r} is not a member of {enumerated}"]
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return []  # schema.org: "where a property expects a type, a URL naming the thing is also accepted"
    if not set(expected) & set(VOCABULARY["datatypes"]):
        return [f"{path}: plain value {value!r} where schema.org expects {expected}"]
    return []


def json_ld(response):
    return [json.loads(script.string) for script in html(response).select('script[type="application/ld+json"]')]


def every_page_json_ld(client):
    pages = Page.objects.live().filter(depth__gte=2).select_related("locale").specific()
    return [(page.locale.language_code, page.url, json_ld(client.get(page.url))) for page in pages]


def test_the_validator_rejects_what_the_issue_found():
    old_treatment = {
        "@type": "MedicalProcedure",
        "name": "PRP",
        "procedureType": "https://schema.org/NoninvasiveProcedure",
        "indication": {"@type": "MedicalIndication", "name": "Hair loss"},
        "contraindication": "Pregnancy",
    }
    errors = schema_errors(old_treatment)
    assert any("indication: schema.org does not define it for MedicalProcedure" in error for error in errors)
    assert any("contraindication: schema.org does not define it for MedicalProcedure" in error for error in errors)
    assert schema_errors({"@type": "MedicalTherapy", "procedureType": "https://schema.org/Injection"})
    assert schema_errors({"@type": "MedicalClinc"}) == ["$: unknown type 'MedicalClinc'"]


def test_every_pages_json_ld_in_three_languages_is_valid_schema_org(client):
    pages = every_page_json_ld(client)
    assert {language for language, _url, _data in pages} == {"nl", "fr", "en"}
    assert len(pages) >= 24

    for _language, url, objects in pages:
        assert objects, f"{url} has no structured data"
        for data in objects:
            assert data["@context"] == "https://schema.org"
            assert schema_errors(data) == [], url


def test_faq_markup_is_on_one_page_per_language(client):
    faq_pages = {}
    for language, url, objects in every_page_json_ld(client):
        if any(data["@type"] == "FAQPage" for data in objects):
            faq_pages.setdefault(language, []).append(url)

    assert {language: len(urls) for language, urls in faq_pages.items()} == {"nl": 1, "fr": 1, "en": 1}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_list_items_stay_separate_in_the_therapys_structured_data(client, language):
    from treatments.models import TreatmentPage

    page = TreatmentPage.objects.get(locale__language_code=language)
    therapy = json_ld(client.get(page.url))[0]["mainEntity"]

    contraindications = [item["name"] for item in therapy["contraindication"]]
    rendered = [li.get_text(" ", strip=True) for li in html(client.get(page.url)).select(".legal-section li")]
    assert len(contraindications) >= 10
    assert set(contraindications) <= set(rendered), "one item per list item, none glued to the next"
    assert len(therapy["adverseOutcome"]) >= 8
    assert ";" in therapy["followup"] or "." in therapy["followup"]


def test_one_clinic_with_a_stable_id_in_every_language(client):
    clinics = [
        data
        for language in ("nl", "fr", "en")
        for data in json_ld(client.get(f"/{language}/"))
        if data["@type"] == "MedicalClinic"
    ]
    from treatments.models import TreatmentPage

    treatment = json_ld(client.get(TreatmentPage.objects.get(locale__language_code="fr").url))[0]

    assert len(clinics) == 3
    assert len({clinic["@id"] for clinic in clinics}) == 1
    assert treatment["publisher"] == {"@id": clinics[0]["@id"]}
    assert "address" not in clinics[0] and "telephone" not in clinics[0], "nothing the clinic has not given"
