"""An English or French editor reads the admin in English or French, also where Wagtail translates a label when
its module is imported (then in LANGUAGE_CODE, Dutch): chooser modals, the page chooser in a form, the doctor's
workflow comment, inserting an image in rich text. The msgids are Wagtail's own; its catalogues translate them."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.conftest import html
from tests.test_editorial_trust import doctor_account
from tests.test_translation_workflow import prp, staff_user

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr"]


def in_language(language, msgid):
    with translation.override(language):
        return str(translation.gettext(msgid))


def in_dutch(msgid):
    return in_language("nl", msgid)


def editor(client, django_user_model, language, group="Marketing"):
    client.force_login(staff_user(django_user_model, f"editor-{language}", group, language=language))
    return client


def modal_html(response):
    assert response.status_code == 200
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_chooser_modal_is_titled_and_searched_in_the_users_language(client, django_user_model, language):
    editor(client, django_user_model, language)

    practitioners = modal_html(client.get(reverse("wagtailsnippetchoosers_treatments_practitioner:choose")))
    images = modal_html(client.get(reverse("wagtailimages_chooser:choose")))

    title = practitioners.select_one("h1").get_text(" ", strip=True)
    assert title.startswith(in_language(language, "Choose")), title
    assert not title.startswith(in_dutch("Choose"))
    tabs = [next(tab.stripped_strings) for tab in images.select("[role=tab]")]
    assert in_language(language, "Search") in tabs and in_dutch("Search") not in tabs, tabs


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_faq_forms_page_chooser_names_the_treatment_page_in_the_users_language(client, django_user_model, language):
    from treatments.models import TreatmentPage

    editor(client, django_user_model, language)

    # The chooser sits in the inline form's template (a new "treatment" row), so it is read in the raw page.
    form = client.get(reverse("wagtailsnippets_treatments_faq:add")).content.decode()

    with translation.override(language):
        treatment_page = str(capfirst(TreatmentPage._meta.verbose_name))
    assert f"{in_language(language, 'Choose a page')} ({treatment_page})" in form
    assert in_dutch("Choose a page") not in form


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_doctor_comments_on_a_review_in_her_own_language(
    client, django_user_model, language, django_capture_on_commit_callbacks
):
    from treatments.models import FAQ

    marketing = editor(client, django_user_model, "en")
    data = {
        "question": "Does PRP hurt?",
        "answer": rich_text("<p>A little; the scalp is numbed first.</p>"),
        "sort_order": "5",
        "treatment_links": inline_formset([{"treatment": prp("en").pk}]),
        "action-submit": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert marketing.post(reverse("wagtailsnippets_treatments_faq:add"), nested_form_data(data)).status_code == 302
    faq = FAQ.objects.get(question="Does PRP hurt?")
    doctor, _record = doctor_account(django_user_model)
    doctor.wagtail_userprofile.preferred_language = language
    doctor.wagtail_userprofile.save()
    client.force_login(doctor)

    task_state = faq.current_workflow_task_state
    action = reverse("wagtailsnippets_treatments_faq:workflow_action", args=[faq.pk, "approve", task_state.pk])
    modal = modal_html(client.get(action))

    label = modal.select_one("label[for=id_comment]").get_text(" ", strip=True)
    assert label.startswith(in_language(language, "Comment")), label
    assert not label.startswith(in_dutch("Comment"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_inserting_an_image_in_rich_text_asks_for_alt_text_in_the_users_language(client, django_user_model, language):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Centrifuge tube", file=get_test_image_file())
    editor(client, django_user_model, language)

    modal = modal_html(client.get(reverse("wagtailimages_chooser:select_format", args=[image.pk])))

    labels = {label.get_text(" ", strip=True) for label in modal.select("label")}
    assert in_language(language, "Alt text") in labels and in_dutch("Alt text") not in labels, labels


def test_add_faq_names_the_source_language_in_the_editors_language(client, django_user_model):
    editor(client, django_user_model, "fr")

    header = html(client.get(reverse("wagtailsnippets_treatments_faq:add"))).select_one("header, .w-header")

    assert "Anglais" in header.get_text(" ", strip=True)
    assert "English" not in header.get_text(" ", strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_admin_page_that_is_not_found_speaks_the_users_language(client, django_user_model, language):
    editor(client, django_user_model, language)

    response = client.get("/admin/quote-requests/999999/")

    assert response.status_code == 404
    text = html(response).get_text(" ")
    assert in_language(language, "Skip to main content") in text
    assert in_dutch("Skip to main content") not in text
