"""Editors keep three languages in step: sync, translate, hand off a PO file, see what is left; roles and review."""

import os
import runpy
from pathlib import Path
from urllib.parse import urlencode

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from tests.conftest import html
from tests.test_treatments import PRP, new_treatment_form

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translation-status/"
NEW_SUMMARY = "PRP uses platelets from your own blood to support thinning hair. Revised summary."
FRENCH_SUMMARY = "Le PRP utilise les plaquettes de votre propre sang pour soutenir les cheveux fins. Résumé révisé."


def staff_user(django_user_model, username, group, language="en"):
    user = django_user_model.objects.create_user(username, f"{username}@faceclinic.be", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def marketing(client, django_user_model):
    client.force_login(staff_user(django_user_model, "marketing", "Marketing"))
    return client


@pytest.fixture
def translator(client, django_user_model):
    client.force_login(staff_user(django_user_model, "translator", "Translators"))
    return client


def prp(language):
    from treatments.models import TreatmentPage

    english = TreatmentPage.objects.get(slug="prp-hair-loss", locale__language_code="en")
    if language == "en":
        return english
    return TreatmentPage.objects.get(translation_key=english.translation_key, locale__language_code=language)


def prp_translation(language):
    return Translation.objects.get(source__object_id=prp("en").translation_key, target_locale__language_code=language)


def change_english_summary():
    """The editor's change to the English page, published (the medical review approved it)."""
    page = prp("en")
    page.summary = NEW_SUMMARY
    page.save_revision().publish()


def report_statuses(client, **filters):
    """Every row of the report with these filters, page after page."""
    statuses = {}
    number = 1
    while True:
        page = html(client.get(REPORT, {**filters, "p": number}))
        for row in page.select("tbody tr"):
            key = (row["data-type"], row["data-locale"], row.select_one("td.title").get_text(strip=True))
            statuses[key] = row["data-status"]
        if not page.select_one(".pagination li.next a[href]"):
            return statuses
        number += 1


def prp_statuses(client):
    statuses = report_statuses(client, type="treatments.treatmentpage")
    return {locale: status for (_type, locale, title), status in statuses.items() if title == prp("en").title}


def denied(response):
    """Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard; Django's own with 403."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def sync(client, page):
    source = TranslationSource.objects.get_for_instance(page)
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302
    return source


def translate_segment(client, translation, context_path, text):
    """What the translation editor does when a translator types into a field (its API, session-authenticated)."""
    segment = StringSegment.objects.get(source=translation.source, context__path=context_path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded")


def publish_translation(client, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


# The report


def test_everything_is_up_to_date_after_loading_and_the_report_filters(marketing):
    statuses = report_statuses(marketing)

    assert statuses and set(statuses.values()) == {"up_to_date"}
    assert {locale for _type, locale, _title in statuses} == {"nl", "fr"}
    kinds = {kind for kind, _locale, _title in statuses}
    # (No practitioner: the clinic enters its doctors; the loader invents none.)
    for kind in ("treatments.treatmentpage", "treatments.faq", "home.menu", "home.footer"):
        assert kind in kinds
    french_faqs = report_statuses(marketing, type="treatments.faq", locale="fr", status="up_to_date")
    assert len(french_faqs) == 12
    assert {(kind, locale) for kind, locale, _title in french_faqs} == {("treatments.faq", "fr")}
    assert report_statuses(marketing, status="missing") == {}


def test_english_change_synced_is_out_of_date_until_the_french_is_translated_and_published(
    marketing, client, django_capture_on_commit_callbacks
):
    change_english_summary()
    sync(marketing, prp("en"))

    assert prp_statuses(marketing) == {"fr": "out_of_date", "nl": "out_of_date"}
    dashboard = html(marketing.get("/admin/")).select_one("#translation-summary-section")
    assert "2" in [item["data-status-count"] for item in dashboard.select("li")]

    french = prp_translation("fr")
    assert translate_segment(marketing, french, "summary", FRENCH_SUMMARY).status_code == 201
    assert prp_statuses(marketing)["fr"] == "out_of_date", "translated but not yet published"
    response = publish_translation(marketing, prp("fr"), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert prp_statuses(marketing) == {"fr": "up_to_date", "nl": "out_of_date"}
    assert FRENCH_SUMMARY in client.get(PRP["fr"]).content.decode()


def test_an_unsynced_english_publish_already_shows_as_out_of_date(marketing):
    change_english_summary()

    assert prp_statuses(marketing) == {"fr": "out_of_date", "nl": "out_of_date"}


def test_a_new_faq_is_missing_in_french_and_dutch_until_translated(marketing):
    from treatments.models import FAQ

    english = FAQ.objects.filter(locale__language_code="en").first()
    FAQ.objects.create(locale=english.locale, question="Can I dye my hair afterwards?", answer="<p>After 48 hours.</p>")

    statuses = report_statuses(marketing, type="treatments.faq", status="missing")
    assert statuses == {
        ("treatments.faq", "fr", "Can I dye my hair afterwards?"): "missing",
        ("treatments.faq", "nl", "Can I dye my hair afterwards?"): "missing",
    }


def test_front_desk_has_no_translations_report(client, django_user_model):
    client.force_login(staff_user(django_user_model, "desk", "Front desk"))

    assert denied(client.get(REPORT))
    assert html(client.get("/admin/")).select_one("#translation-summary-section") is None


# PO files and machine translation


def test_a_po_file_round_trip_changes_the_public_french_page(marketing, client, django_capture_on_commit_callbacks):
    french = prp_translation("fr")
    download = marketing.get(reverse("wagtail_localize:download_pofile", args=[french.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    summary = next(entry for entry in po if entry.msgctxt == "summary")
    summary.msgstr = FRENCH_SUMMARY

    edit_url = reverse("wagtailadmin_pages:edit", args=[prp("fr").pk])
    upload = SimpleUploadedFile("prp-fr.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = marketing.post(
        reverse("wagtail_localize:upload_pofile", args=[french.pk]), {"file": upload, "next": edit_url}
    )
    assert response.status_code == 302 and response["Location"] == edit_url
    assert FRENCH_SUMMARY not in client.get(PRP["fr"]).content.decode(), "imported, not yet published"

    publish_translation(marketing, prp("fr"), django_capture_on_commit_callbacks)

    assert FRENCH_SUMMARY in client.get(PRP["fr"]).content.decode()
    assert prp_statuses(marketing)["fr"] == "up_to_date"


def test_machine_translation_fills_the_editor_and_publishes_nothing(marketing, client, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    change_english_summary()
    sync(marketing, prp("en"))
    dutch = prp_translation("nl")
    before = client.get(PRP["nl"]).content.decode()

    response = marketing.post(reverse("wagtail_localize:machine_translate", args=[dutch.pk]), {})

    assert response.status_code == 302
    machine = StringTranslation.objects.get(
        locale__language_code="nl", context__object_id=dutch.source.object_id, translation_of__data=NEW_SUMMARY
    )
    assert machine.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert client.get(PRP["nl"]).content.decode() == before
    assert prp_statuses(marketing)["nl"] == "out_of_date", "a person reviews and publishes"


def load_base_settings(**environ):
    base = Path(__file__).resolve().parent.parent / "config" / "settings" / "base.py"
    saved = {name: os.environ.pop(name, None) for name in ["DEEPL_API_KEY"]}
    os.environ.update(environ)
    try:
        return runpy.run_path(str(base))
    finally:
        for name in environ:
            os.environ.pop(name, None)
        os.environ.update({name: value for name, value in saved.items() if value is not None})


def test_deepl_is_the_machine_translator_only_with_an_api_key():
    from wagtail_localize.machine_translators import get_machine_translator

    assert "WAGTAILLOCALIZE_MACHINE_TRANSLATOR" not in load_base_settings()
    configured = load_base_settings(DEEPL_API_KEY="not-a-real-key:fx")["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"]
    assert configured["CLASS"] == "wagtail_localize.machine_translators.deepl.DeepLTranslator"
    assert configured["OPTIONS"]["AUTH_KEY"] == "not-a-real-key:fx"
    assert get_machine_translator() is None, "the suite runs without any machine translator by default"


# Roles


def test_a_translator_translates_but_cannot_publish(translator, client):
    from treatments.models import FAQ

    french_page = prp("fr")
    edit_url = reverse("wagtailadmin_pages:edit", args=[french_page.pk])
    assert translator.get(edit_url).status_code == 200
    assert translate_segment(translator, prp_translation("fr"), "summary", FRENCH_SUMMARY).status_code == 200

    assert denied(translator.post(edit_url, {"action": "publish"}))
    assert FRENCH_SUMMARY not in client.get(PRP["fr"]).content.decode()

    # A snippet translation is live once saved: that is publishing too.
    french_faq = FAQ.objects.filter(locale__language_code="fr").first()
    faq_edit = reverse(french_faq.snippet_viewset.get_url_name("edit"), args=[french_faq.pk])
    assert translator.get(faq_edit).status_code == 200
    assert denied(translator.post(faq_edit, {"action": "publish"}))
    # Syncing can publish every language at once: Marketing's step.
    source = TranslationSource.objects.get_for_instance(prp("en"))
    assert denied(translator.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {}))
    assert translator.get(REPORT).status_code == 200


def test_the_medical_review_blocks_publishing_until_approved(
    marketing, client, django_user_model, django_capture_on_commit_callbacks
):
    from treatments.models import TreatmentIndexPage, TreatmentPage

    index = TreatmentIndexPage.objects.get(slug="treatments", locale__language_code="en")
    add_url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", index.pk))

    response = marketing.post(add_url, new_treatment_form("<p>Pregnancy.</p>", "action-publish"))
    assert response.status_code == 302
    page = TreatmentPage.objects.get(slug="mesotherapy")
    assert not page.live, "Publish is not Marketing's to press on a treatment page"

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "action-publish" not in marketing.get(edit_url).content.decode()
    marketing.post(edit_url, new_treatment_form("<p>Pregnancy.</p>", "action-submit"))
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state.task.name == "Medical review" and not page.live

    reviewer = staff_user(django_user_model, "doctor", "Medical reviewers")
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {}
        )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get("/en/treatments/mesotherapy/").status_code == 200


# Admin language and coverage


def test_a_user_who_prefers_french_gets_the_admin_in_french(client, django_user_model):
    client.force_login(staff_user(django_user_model, "marie", "Marketing", language="fr"))

    dashboard = html(client.get("/admin/"))
    report = html(client.get(REPORT))

    assert dashboard.html["lang"] == "fr"
    assert "Tableau de bord" in dashboard.get_text()
    assert report.html["lang"] == "fr"
    assert report.select_one("h1").get_text(strip=True) == "Traductions"
    assert "À jour" in report.select_one("tbody").get_text()


def test_every_translatable_snippet_is_registered_for_wagtail_localize():
    from django.apps import apps
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page, TranslatableMixin
    from wagtail.snippets.models import get_snippet_models

    standalone = {
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and not any(isinstance(field, ParentalKey) for field in model._meta.get_fields())
    }

    assert standalone and standalone <= set(get_snippet_models())


SYNCHRONISED = {
    # docs/decisions/0005-translatable-and-synchronised-fields.md
    "home.Menu": {"handle"},
    "home.MenuItem": {"link_page"},
    "home.Disclaimer": {"handle"},
    "treatments.Practitioner": {"name", "registration_number"},
    "treatments.FAQ": {"sort_order", "treatment_links"},
    "treatments.TreatmentPage": {"hero_image", "medical_reviewed_on", "practitioners", "social_image"},
    "contact.QuoteFormPage": {"consent_version"},
    "contact.QuoteFormField": {"clean_name", "field_type", "required", "choices", "default_value"},
}


@pytest.mark.parametrize("label", SYNCHRONISED)
def test_facts_are_synchronised_and_text_is_translated(label):
    from django.apps import apps
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    fields = get_translatable_fields(apps.get_model(label))
    synchronised = {field.field_name for field in fields if isinstance(field, SynchronizedField)}

    assert SYNCHRONISED[label] <= synchronised
