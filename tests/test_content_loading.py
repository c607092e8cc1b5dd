"""`load_clinic_content` builds the real site: English source, Dutch and French wagtail-localize translations."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import Translation

pytestmark = pytest.mark.django_db


def test_loading_again_changes_nothing():
    pages_before = Page.objects.count()
    out = StringIO()

    call_command("load_clinic_content", stdout=out)

    assert Page.objects.count() == pages_before
    assert "0 objects created" in out.getvalue()


def test_every_translated_page_is_a_complete_wagtail_localize_translation():
    from home.models import HomePage, StandardPage

    for model in (HomePage, StandardPage):
        for source in model.objects.filter(locale__language_code="en"):
            for language in ("nl", "fr"):
                translated = source.get_translation(source.locale.__class__.objects.get(language_code=language))
                assert translated.live
                assert translated.title != "" and translated.translation_key == source.translation_key
                translation = Translation.objects.get(
                    source__object_id=source.translation_key, target_locale__language_code=language
                )
                total, done = translation.get_progress()
                assert total == done, f"{source} in {language}: {done}/{total}"


def test_if_empty_leaves_an_existing_site_alone():
    out = StringIO()

    call_command("load_clinic_content", "--if-empty", stdout=out)

    assert "nothing loaded" in out.getvalue()
