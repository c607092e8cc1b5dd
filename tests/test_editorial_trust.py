"""Editorial trust (issue 12): staff make new content the way they do in the admin, and nothing reaches patients
before a person has translated, reviewed and published it. One test per fault the issue numbers."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.conftest import html
from tests.test_translation_workflow import REPORT, prp, report_statuses, staff_user
from treatments.factories import PractitionerFactory

pytestmark = pytest.mark.django_db

NEW_TREATMENT_URL = "/en/treatments/mesotherapy/"


def locale(code):
    return Locale.objects.get(language_code=code)


def english_treatment_index():
    from treatments.models import TreatmentIndexPage

    return TreatmentIndexPage.objects.get(slug="treatments", locale__language_code="en")


def english_practitioner():
    from treatments.models import Practitioner

    # The loader names nobody (the clinic's facts): a practitioner the clinic entered, made here if none.
    return Practitioner.objects.filter(locale__language_code="en").first() or PractitionerFactory()


def treatment_form(action, title="Mesotherapy for hair loss", **extra):
    practitioner = english_practitioner()
    return nested_form_data(
        {
            "title": title,
            "slug": "mesotherapy",
            "summary": "Small injections into the scalp.",
            "body": streamfield([("paragraph", rich_text("<p>How it works.</p>"))]),
            "indications": rich_text("<p>Thinning hair.</p>"),
            "contraindications": rich_text("<p>Pregnancy.</p>"),
            "risks_and_side_effects": rich_text("<p>Redness.</p>"),
            "follow_up_care": rich_text("<p>A check-up.</p>"),
            "alternatives": rich_text("<p>PRP.</p>"),
            "practitioners": inline_formset([{"practitioner": practitioner.pk}]),
            "comments": inline_formset([]),
            action: "1",
            **extra,
        }
    )


def create_live_english_treatment(admin_client):
    """A superuser publishes past the review (the emergency way), so the English source is live."""
    from treatments.models import TreatmentPage

    add_url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", english_treatment_index().pk))
    # Before the review was recorded by the approval, the form asked for it; now these are ignored.
    typed_review = {"medical_reviewed_on": "2026-11-20", "medical_reviewer": english_practitioner().pk}
    response = admin_client.post(add_url, treatment_form("action-publish", **typed_review))
    assert response.status_code == 302
    page = TreatmentPage.objects.get(slug="mesotherapy", locale__language_code="en")
    assert page.live
    return page


def submit_translation(client, page, codes, capture):
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale(code).pk for code in codes]},
        )
    assert response.status_code == 302, response
    return response


def translation_of(page, code):
    return page.get_translation(locale(code)).specific


@pytest.fixture
def marketing_user(django_user_model):
    return staff_user(django_user_model, "marketing", "Marketing")


@pytest.fixture
def marketing(client, marketing_user):
    client.force_login(marketing_user)
    return client


@pytest.fixture
def anonymous():
    from django.test import Client

    return Client()


def sitemap(client):
    return client.get("/sitemap.xml").content.decode()


# 1. "Translate this page" publishes the untranslated English copy at once


def test_translating_a_new_treatment_keeps_dutch_and_french_private_until_published(
    admin_client, marketing, anonymous, django_capture_on_commit_callbacks
):
    english = create_live_english_treatment(admin_client)

    submit_translation(marketing, english, ["nl", "fr"], django_capture_on_commit_callbacks)

    for code, index_url in (("nl", "/nl/behandelingen/"), ("fr", "/fr/traitements/")):
        translation = translation_of(english, code)
        assert not translation.live, f"the {code} copy is a draft until a person publishes it"
        assert anonymous.get(translation.url).status_code == 404
        assert "Mesotherapy" not in anonymous.get(index_url).content.decode()
        assert translation.full_url not in sitemap(anonymous)


def test_translating_an_faq_keeps_the_french_copy_unpublished(marketing, django_capture_on_commit_callbacks):
    from treatments.models import FAQ

    english = FAQ.objects.create(
        locale=locale("en"), question="Can I dye my hair afterwards?", answer="<p>After 48 hours.</p>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = marketing.post(
            reverse("wagtail_localize:submit_snippet_translation", args=["treatments", "faq", english.pk]),
            {"locales": [locale("fr").pk]},
        )
    assert response.status_code == 302

    french = FAQ.objects.get(translation_key=english.translation_key, locale__language_code="fr")
    assert getattr(french, "live", True) is False
    assert french not in FAQ.objects.in_locale(french.locale_id)


# 2. Previews answer 500 for treatment pages; the preview panel may not frame the page


def previewable_pages():
    from home.models import BasePage

    specific = Page.objects.filter(depth__gt=1).specific()
    return [page for page in specific if isinstance(page, BasePage) or hasattr(page, "serve_preview")]


def test_every_page_type_in_every_language_is_previewable_with_unsaved_changes(admin_client):
    """English pages in the page editor's preview; their translations in the translation editor's preview."""
    from wagtail_localize.models import Translation

    seen = set()
    for page in previewable_pages():
        kind = (type(page).__name__, page.locale.language_code)
        if kind in seen:
            continue
        seen.add(kind)
        translation = Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale, enabled=True
        ).first()
        if translation is not None:
            preview = admin_client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
            assert preview.status_code == 200, kind
            assert page.title in preview.content.decode(), kind
            continue
        data = _edit_form_data(admin_client, page, title=f"Unsaved {page.title}")
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

        assert admin_client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}, kind
        response = admin_client.get(preview_url)
        assert response.status_code == 200, kind
        assert f"Unsaved {page.title}" in response.content.decode(), kind
    languages = {code for _name, code in seen}
    assert {"TreatmentPage", "ConditionPage", "HomePage", "FAQPage"} <= {name for name, _code in seen}
    assert languages == {"nl", "fr", "en"}


def test_the_preview_panel_may_frame_the_preview_and_nothing_else_may(admin_client, anonymous):
    english = prp("en")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[english.pk])
    admin_client.post(preview_url, _edit_form_data(admin_client, english))

    preview = admin_client.get(preview_url)

    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert anonymous.get(english.url)["X-Frame-Options"] == "DENY"


def test_the_doctor_and_the_translator_preview_a_treatment(admin_client, marketing, django_capture_on_commit_callbacks):
    from wagtail_localize.models import Translation

    english = create_live_english_treatment(admin_client)
    submit_translation(marketing, english, ["fr"], django_capture_on_commit_callbacks)
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale=locale("fr"))

    translator_preview = admin_client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))

    assert translator_preview.status_code == 200
    assert "Mesotherapy" in translator_preview.content.decode()


def _edit_form_data(client, page, **changes):
    """What the editor's browser posts from the edit form. StreamFields are drawn by JavaScript, so each gets one
    new paragraph instead of its current blocks."""
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import querydict_from_html

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    for field in page.specific._meta.get_fields():
        if isinstance(field, StreamField):
            for key in [key for key in data if key.startswith(f"{field.name}-")]:
                del data[key]
            paragraph = streamfield([("paragraph", rich_text("<p>An unsaved paragraph.</p>"))])
            for key, value in nested_form_data({field.name: paragraph}).items():
                data[key] = value
    for name, value in changes.items():
        data[name] = value
    return data


# 3. A preview writes the draft into shared caches


def test_a_preview_never_reaches_what_anonymous_visitors_get(admin_client, anonymous):
    """A condition page: its preview worked before, and its JSON-LD names the page."""
    from treatments.models import ConditionPage

    english = ConditionPage.objects.get(locale__language_code="en")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[english.pk])
    admin_client.post(preview_url, _edit_form_data(admin_client, english, title="DRAFT TITLE NOT REVIEWED"))
    assert "DRAFT TITLE NOT REVIEWED" in admin_client.get(preview_url).content.decode()

    public = anonymous.get(english.url).content.decode()

    assert "DRAFT TITLE NOT REVIEWED" not in public


# 4. Translating a child of an untranslated parent puts a live English alias of the parent in French


def test_translating_a_child_never_puts_an_english_parent_live_in_french(
    admin_client, marketing, anonymous, django_capture_on_commit_callbacks
):
    from home.models import StandardPage

    english_home = Page.objects.get(depth=2, locale__language_code="en")
    parent = english_home.add_child(
        instance=StandardPage(title="Aftercare guides", slug="aftercare", body=[], locale=english_home.locale)
    )
    parent.save_revision().publish()
    child = parent.add_child(instance=StandardPage(title="After PRP", slug="after-prp", body=[]))
    child.save_revision().publish()

    submit_translation(marketing, child, ["fr"], django_capture_on_commit_callbacks)

    french_parent = parent.get_translation(locale("fr"))
    assert not french_parent.live, "an English alias must not be live under /fr/"
    assert french_parent.full_url not in sitemap(anonymous)
    english_page = html(anonymous.get(parent.url))
    assert not english_page.select('link[rel=alternate][hreflang="fr"]')


def test_an_alias_is_never_offered_as_a_translation(anonymous):
    """Even a live alias (made before this fix, or by hand) is no translation: no sitemap, hreflang or switcher."""
    from home.models import StandardPage

    english_home = Page.objects.get(depth=2, locale__language_code="en")
    french_home = english_home.get_translation(locale("fr"))
    english = english_home.add_child(
        instance=StandardPage(title="Parking", slug="parking", body=[], locale=english_home.locale)
    )
    english.save_revision().publish()
    alias = english.create_alias(parent=french_home, update_locale=locale("fr"), reset_translation_key=False)
    Page.objects.filter(pk=alias.pk).update(live=True)

    page = html(anonymous.get(english.url))

    assert not page.select('link[rel=alternate][hreflang="fr"]')
    switcher_fr = [link["href"] for link in page.select('a[hreflang="fr"], a[lang="fr"]')]
    assert alias.url not in switcher_fr
    assert alias.full_url not in sitemap(anonymous)


# 5. A Translator can convert a live Dutch page to an English alias


def test_a_translator_can_neither_convert_to_alias_nor_delete(client, django_user_model, anonymous):
    translator_user = staff_user(django_user_model, "translator", "Translators")
    client.force_login(translator_user)
    dutch = prp("nl")
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])).content.decode()

    assert "Convert to alias page" not in edit_page
    assert "convert_to_alias" not in edit_page
    assert reverse("wagtailadmin_pages:delete", args=[dutch.pk]) not in edit_page, "no Delete button to lure them"
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[dutch.pk]), {})
    assert response.status_code in (302, 403)
    dutch.refresh_from_db()
    assert dutch.alias_of_id is None
    assert client.post(reverse("wagtailadmin_pages:delete", args=[dutch.pk])).status_code in (302, 403)
    assert Page.objects.filter(pk=dutch.pk).exists()
    assert (
        "Haaruitval" in anonymous.get(dutch.url).content.decode()
        or dutch.title in anonymous.get(dutch.url).content.decode()
    )
    Page.objects.filter(pk=dutch.pk).update(live=False)  # a draft translation: Wagtail lets editors delete those
    assert not Page.objects.get(pk=dutch.pk).permissions_for_user(translator_user).can_delete()


# 7. The medical review records nothing


def doctor_account(django_user_model, name="Dr. Anna Peeters"):
    """A Medical reviewer whose account is linked to her practitioner record."""
    from treatments.models import Practitioner

    user = staff_user(django_user_model, "anna", "Medical reviewers")
    practitioner = Practitioner.objects.create(
        locale=locale("en"), name=name, professional_title="Doctor of medicine, dermatologist", user=user
    )
    return user, practitioner


def approve(client, page, capture):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def test_approval_records_the_approving_doctor_and_the_date(
    marketing, client, anonymous, django_user_model, django_capture_on_commit_callbacks
):
    from treatments.models import TreatmentPage

    doctor, doctor_record = doctor_account(django_user_model)
    someone_else = PractitionerFactory()
    add_url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", english_treatment_index().pk))
    typed = {"medical_reviewed_on": "2020-01-01", "medical_reviewer": someone_else.pk}
    assert marketing.post(add_url, treatment_form("action-submit", **typed)).status_code == 302
    page = TreatmentPage.objects.get(slug="mesotherapy")
    assert page.medical_reviewed_on is None and page.medical_reviewer is None, "editors cannot type the review"
    assert page.get_latest_revision_as_object().medical_reviewer is None

    client.force_login(doctor)
    page = approve(client, page, django_capture_on_commit_callbacks)

    assert page.live
    assert page.medical_reviewer == doctor_record
    assert page.medical_reviewed_on == timezone.localdate()
    public = html(anonymous.get(NEW_TREATMENT_URL)).select_one(".medical-review").get_text(" ", strip=True)
    assert "Dr. Anna Peeters" in public
    assert someone_else.name not in public


def test_no_reviewed_line_without_a_recorded_review(admin_client, anonymous):
    page = create_live_english_treatment(admin_client)

    assert page.medical_reviewer is None
    assert html(anonymous.get(NEW_TREATMENT_URL)).select_one(".medical-review") is None


# 8. FAQs go live on save with no review; "Add FAQ" opens in Dutch


def test_a_new_faq_waits_for_the_medical_review(
    marketing, client, anonymous, django_user_model, django_capture_on_commit_callbacks
):
    from treatments.models import FAQ

    english_prp = prp("en")
    add_url = reverse("wagtailsnippets_treatments_faq:add")
    data = nested_form_data(
        {
            "question": "Does PRP hurt?",
            "answer": rich_text("<p>A little; the scalp is numbed first.</p>"),
            "sort_order": "5",
            "treatment_links": inline_formset([{"treatment": english_prp.pk}]),
            "action-submit": "1",
        }
    )
    response = marketing.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    faq = FAQ.objects.get(question="Does PRP hurt?")
    assert faq.locale.language_code == "en"

    assert "Does PRP hurt?" not in anonymous.get(english_prp.url).content.decode()

    doctor, _record = doctor_account(django_user_model)
    client.force_login(doctor)
    faq.refresh_from_db()
    task_state = faq.current_workflow_task_state
    assert task_state is not None and task_state.task.name == "Medical review"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_treatments_faq:workflow_action", args=[faq.pk, "approve", task_state.pk]), {}
        )
    assert response.status_code == 302
    assert "Does PRP hurt?" in anonymous.get(english_prp.url).content.decode()


def test_add_faq_starts_in_the_source_language_and_says_so(marketing):
    response = marketing.get(reverse("wagtailsnippets_treatments_faq:add"))

    assert response.context["locale"].language_code == "en"
    header = html(response).select_one("header, .w-header")
    assert "English" in header.get_text(" ", strip=True)


# 9. Choosers and labels frozen in Dutch inside the French and English admin

WAGTAIL_CHOOSE_LABEL = "Choose %(object)s"  # Wagtail's msgid (wagtail/snippets/widgets.py), translated by Wagtail


@pytest.mark.parametrize("language, dutch", [("fr", "Kies behandelaar")])
def test_admin_choosers_speak_the_users_language(client, django_user_model, language, dutch):
    from django.utils import translation

    # Import-time translation happens in whatever language is active first: make that Dutch, as on the server.
    with translation.override("nl"):
        client.get("/nl/")
    client.force_login(staff_user(django_user_model, f"marie-{language}", "Marketing", language=language))

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[prp("en").pk])).content.decode()

    assert dutch not in edit_page
    with translation.override(language):
        choose = translation.gettext(WAGTAIL_CHOOSE_LABEL) % {"object": translation.gettext("practitioner")}
    assert choose in edit_page


# 10. The Translations report


def test_the_translations_report_has_its_own_title_and_counts_the_whole_site(marketing):
    report = html(marketing.get(REPORT))
    assert report.select_one("title").get_text().strip().startswith("Translations")
    header = report.select_one("header")
    assert header.get_text(" ", strip=True).split()[-1] == "Translations", "the header names the report, not Home"

    everything = {item["data-status"]: item.get_text() for item in report.select(".translation-counts li")}
    filtered = html(marketing.get(REPORT, {"type": "treatments.faq", "locale": "fr"}))
    assert {item["data-status"]: item.get_text() for item in filtered.select(".translation-counts li")} == everything


def test_a_page_nobody_translated_yet_is_not_translated_yet_not_out_of_date(
    admin_client, marketing, django_capture_on_commit_callbacks
):
    english = create_live_english_treatment(admin_client)
    submit_translation(marketing, english, ["fr"], django_capture_on_commit_callbacks)

    statuses = report_statuses(marketing, type="treatments.treatmentpage")

    assert statuses[("treatments.treatmentpage", "fr", "Mesotherapy for hair loss")] == "not_translated"
    assert statuses[("treatments.treatmentpage", "nl", "Mesotherapy for hair loss")] == "missing"


@pytest.mark.parametrize("language, month", [("fr", "novembre"), ("nl", "november"), ("en", "Nov")])
def test_report_dates_follow_the_users_locale_and_are_never_ambiguous(client, django_user_model, language, month):
    from django.utils import translation
    from django.utils.formats import date_format

    client.force_login(staff_user(django_user_model, f"marie-{language}", "Marketing", language=language))
    english = prp("en")
    english.save_revision().publish()

    text = html(client.get(REPORT, {"type": "treatments.treatmentpage"})).select_one("tbody").get_text(" ")
    today = timezone.localdate()

    with translation.override(language):
        assert date_format(today, "DATE_FORMAT") in text
    assert today.strftime("%m/%d/%Y") not in text, "US style, which a Belgian reads as another day"


def test_the_report_is_paginated(marketing):
    first = html(marketing.get(REPORT))
    rows = first.select("tbody tr")
    assert 0 < len(rows) <= 50
    second = html(marketing.get(REPORT, {"p": 2}))
    assert second.select("tbody tr")
    assert {r.select_one("td.title").get_text() + r["data-locale"] for r in rows}.isdisjoint(
        {r.select_one("td.title").get_text() + r["data-locale"] for r in second.select("tbody tr")}
    )


# 11. Wagtail's default groups sit beside the clinic's roles


def test_only_the_clinics_roles_exist_and_each_says_what_it_is_for():
    from editorial.models import GroupDescription

    names = set(Group.objects.values_list("name", flat=True))
    assert names == {"Marketing", "Front desk", "Translators", "Medical reviewers"}
    for group in Group.objects.all():
        assert GroupDescription.objects.get(group=group).description.strip()


def test_group_listing_shows_descriptions(admin_client):
    from editorial.models import GroupDescription

    listing = html(admin_client.get(reverse("wagtailusers_groups:index"))).get_text(" ")

    for description in GroupDescription.objects.all():
        assert str(description) in listing


# 6. Multi-line fields lose their translations on the first admin save


def test_an_admin_save_keeps_the_translations_of_multi_line_fields(
    admin_client, anonymous, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import Translation, TranslationSource

    from contact.models import QuoteFormPage

    english = QuoteFormPage.objects.get(locale__language_code="en")
    french = english.get_translation(locale("fr")).specific
    french_before = _translated_text(french)

    data = _edit_form_data(admin_client, english)
    for key in list(data):
        # As a browser submits a textarea: its line breaks as CRLF.
        data.setlist(key, [value.replace("\n", "\r\n") for value in data.getlist(key)])
    data["action-publish"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), data).status_code == 302
    english.refresh_from_db()
    assert all("\r" not in (field.choices or "") for field in english.specific.form_fields.all())
    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(source=source, target_locale=locale("fr")).save_target(publish=True)

    french.refresh_from_db()
    assert _translated_text(french) == french_before


def _translated_text(page):
    labels = {field.clean_name: field.choice_labels for field in page.form_fields.all()}
    assert any(labels.values()), "the quote form has choice labels to translate"
    return labels


def test_a_multi_line_field_is_translated_line_by_line_without_markup():
    from wagtail_localize.models import StringSegment, TranslationSource

    from contact.models import QuoteFormPage

    english = QuoteFormPage.objects.get(locale__language_code="en")
    source = TranslationSource.objects.get_for_instance(english)
    texts = [segment.string.data for segment in StringSegment.objects.filter(source=source).select_related("string")]

    assert not [text for text in texts if "<br" in text]
