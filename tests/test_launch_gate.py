"""The site never shows a fact the clinic has not given, and never goes live without them (issue 17).

As loaded, the clinic's legal identity, its doctors and their medical review are missing: every page leaves them
out, and `check --deploy --database default` names each one and fails. An editor fills them in through the admin;
then the gate passes and the footer, the contact page, the legal notice and the structured data show them.
"""

import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.admin_forms import page_form_data
from tests.conftest import html

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "fr", "en"]
# Words that point at a fact instead of giving it.
PLACEHOLDERS = re.compile(
    r"to be confirmed|bevestigd door de kliniek|confirmer par la clinique|at the bottom of every page|"
    r"onderaan elke pagina|en bas de chaque page|bottom of this page|lorem ipsum|\bTODO\b|\bTBD\b",
    re.IGNORECASE,
)

CLINIC_FACTS = {
    "name": "Face Clinic Belgium",
    "legal_name": "Face Clinic Belgium",
    "legal_form": "BV",
    "street_address": "Voorbeeldstraat 12",
    "postal_code": "9000",
    "city": "Gent",
    "country_code": "BE",
    "registered_office": "",
    "company_number": "0123.456.789",
    "register_court": "Ondernemingsrechtbank Gent",
    "vat_number": "BE0123456789",
    "phone": "+32 9 123 45 67",
    "email": "info@faceclinic.example",
    "opening_hours": "Mo-Fr 09:00-18:00\r\nSa 09:00-13:00",
    "professional_body": "Orde der artsen, provinciale raad Oost-Vlaanderen",
    "liability_insurer": "Voorbeeld Verzekeringen NV, Brussel (dekking: België)",
    "data_protection_email": "privacy@faceclinic.example",
    "data_protection_officer": "",
}
DOCTOR = {
    "name": "Dr. An Peeters",
    "professional_title": "doctor, specialist in dermatology",
    "number": "1-23456-78-901",
}
DOCTOR_TITLES = {"nl": "arts, specialist in de dermatologie", "fr": "médecin spécialiste en dermatologie"}


def live_page_urls():
    return [page.get_url() for page in Page.objects.live().filter(depth__gte=2).specific() if page.get_url()]


def launch_errors():
    with pytest.raises(SystemCheckError) as failure:
        call_command("check", deploy=True, databases=["default"])
    return str(failure.value)


def test_no_page_as_loaded_shows_a_placeholder_or_a_made_up_doctor(client):
    urls = live_page_urls()
    assert len(urls) >= 24

    for url in urls:
        text = html(client.get(url)).get_text(" ")  # what a reader and a search engine (JSON-LD) read
        assert not PLACEHOLDERS.search(text), (url, PLACEHOLDERS.search(text).group(0))
        assert "reviewedBy" not in text, url
        assert "lastReviewed" not in text, f"{url} claims a medical review that nobody recorded"


def test_the_launch_gate_names_every_missing_fact_and_fails():
    errors = launch_errors()

    for check_id in [f"launch.E{number:03}" for number in range(1, 13)]:
        assert f"({check_id})" in errors, check_id
    assert "does not name a practitioner" in errors and "PRP" in errors
    assert errors.count("(launch.E102)") == 2, "the treatment page and the condition page have no review"
    assert "/admin/settings/home/clinicsettings/" in errors


def test_the_dashboard_lists_what_is_missing_before_launch_with_links(admin_client):
    page = html(admin_client.get(reverse("wagtailadmin_home")))

    panel = page.select_one(".before-launch")
    assert panel is not None
    links = [a["href"] for a in panel.select("li a")]
    assert len(links) == 12 + 1 + 2
    assert reverse("wagtailsettings:edit", args=("home", "clinicsettings", Site.objects.get().pk)) in links


def fill_in_clinic_details(client):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("home", "clinicsettings", site.pk))
    from home.models import ClinicSettings

    current = ClinicSettings.for_site(site)
    data = {
        **CLINIC_FACTS,
        "quote_page": str(current.quote_page_id or ""),
        "staff_inbox_email": getattr(current, "staff_inbox_email", ""),
        "quote_retention_months": str(current.quote_retention_months),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def add_doctor(client, doctor_user):
    """The administrator enters the clinic's doctor and links her staff account, so her approvals record her."""
    from treatments.models import Practitioner

    url = reverse("wagtailsnippets_treatments_practitioner:add") + "?locale=en"
    response = client.post(
        url,
        {
            "name": DOCTOR["name"],
            "professional_title": DOCTOR["professional_title"],
            "registration_number": DOCTOR["number"],
            "user": str(doctor_user.pk),
            "action-publish": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Practitioner.objects.get(name=DOCTOR["name"])


def translate_doctor(client, doctor, django_capture_on_commit_callbacks):
    """The doctor's title in Dutch and French, through wagtail-localize's own views, as a translator does it."""
    from urllib.parse import urlencode

    from wagtail_localize.models import StringSegment, Translation

    locales = Locale.objects.filter(language_code__in=DOCTOR_TITLES)
    url = reverse("wagtail_localize:submit_snippet_translation", args=("treatments", "practitioner", doctor.pk))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"locales": [locale.pk for locale in locales]}).status_code == 302
    for locale in locales:
        translation = Translation.objects.get(source__object_id=doctor.translation_key, target_locale=locale)
        segment = StringSegment.objects.get(source=translation.source, context__path="professional_title")
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            urlencode({"value": DOCTOR_TITLES[locale.language_code]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201
        target = doctor.get_translation(locale)
        edit = reverse("wagtailsnippets_treatments_practitioner:edit", args=[target.pk])
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(edit, {"action": "publish"}).status_code == 302


def publish_with_review(client, doctor_client, page, fields, django_capture_on_commit_callbacks, **changes):
    """Submitted to the medical review, approved by the doctor (which records the review and publishes)."""
    from wagtail_localize.models import TranslationSource

    data = page_form_data(page, fields, **changes, **{"action-submit": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), nested_form_data(data))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert doctor_client.post(approve, {}).status_code == 302
    # Synchronised fields (practitioners, review) reach the Dutch and French pages with "Sync translated pages".
    source = TranslationSource.objects.get_for_instance(page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )
    assert response.status_code == 302


def test_facts_filled_in_through_the_admin_pass_the_gate_and_reach_every_page(
    admin_client, client, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from django.test import Client

    from treatments.models import ConditionPage, TreatmentPage

    doctor_user = django_user_model.objects.create_user("anna", "anna@faceclinic.example", "doctor-password-123")
    doctor_user.groups.add(Group.objects.get(name="Medical reviewers"))
    doctor_client = Client()
    doctor_client.force_login(doctor_user)

    fill_in_clinic_details(admin_client)
    doctor = add_doctor(admin_client, doctor_user)
    translate_doctor(admin_client, doctor, django_capture_on_commit_callbacks)
    prp = TreatmentPage.objects.get(locale__language_code="en")
    sections = ["indications", "contraindications", "risks_and_side_effects", "follow_up_care", "alternatives"]
    publish_with_review(
        admin_client,
        doctor_client,
        prp,
        ["title", "slug", "summary", "hero_image", "hero_image_alt", "body", *sections],
        django_capture_on_commit_callbacks,
        practitioners=inline_formset([{"practitioner": str(doctor.pk)}]),
    )
    condition = ConditionPage.objects.get(locale__language_code="en")
    publish_with_review(
        admin_client,
        doctor_client,
        condition,
        ["title", "slug", "summary", "body"],
        django_capture_on_commit_callbacks,
        treatment_links=inline_formset([{"treatment": str(prp.pk)}]),
    )

    call_command("check", deploy=True, databases=["default"])  # raises SystemCheckError on any missing fact
    assert html(admin_client.get(reverse("wagtailadmin_home"))).select_one(".before-launch") is None

    for language in LANGUAGES:
        home = html(client.get(f"/{language}/"))
        footer = home.select_one("footer").get_text(" ", strip=True)
        for fact in ("Voorbeeldstraat 12", "9000 Gent", "+32 9 123 45 67", "info@faceclinic.example", "0123.456.789"):
            assert fact in footer, (language, fact)
        clinic = next(item for item in json_ld(home) if item["@type"] == "MedicalClinic")
        assert clinic["address"]["streetAddress"] == "Voorbeeldstraat 12"
        assert clinic["telephone"] == "+32 9 123 45 67"
        assert clinic["openingHours"] == ["Mo-Fr 09:00-18:00", "Sa 09:00-13:00"]
        assert clinic["vatID"] == "BE0123456789"

        contact = html(client.get(url_of("contact", language))).select_one("main").get_text(" ", strip=True)
        assert "Voorbeeldstraat 12" in contact and "info@faceclinic.example" in contact

        notice = html(client.get(url_of("legal-notice", language))).select_one("main").get_text(" ", strip=True)
        for field, fact in CLINIC_FACTS.items():
            if fact and "\n" not in fact and field not in ("country_code", "data_protection_email"):
                assert fact in notice, (language, fact)
        assert DOCTOR["name"] in notice and DOCTOR["number"] in notice

        privacy = html(client.get(url_of("privacy-policy", language))).select_one("main").get_text(" ", strip=True)
        assert "privacy@faceclinic.example" in privacy and "Voorbeeldstraat 12" in privacy

        treatment = html(client.get(TreatmentPage.objects.get(locale__language_code=language).url))
        assert DOCTOR["name"] in treatment.select_one(".practitioners").get_text()
        assert DOCTOR["name"] in treatment.select_one(".medical-review").get_text()
        title = DOCTOR_TITLES.get(language, DOCTOR["professional_title"])
        assert title in treatment.select_one(".practitioners").get_text()
        web_page = json_ld(treatment)[0]
        assert web_page["reviewedBy"]["name"] == DOCTOR["name"]
        assert web_page["lastReviewed"] == timezone.localdate().isoformat()  # the day the doctor approved


def url_of(english_slug, language):
    source = Page.objects.get(slug=english_slug, locale__language_code="en")
    return source.get_translation(Locale.objects.get(language_code=language)).url


def json_ld(page):
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
