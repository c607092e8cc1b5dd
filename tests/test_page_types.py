"""Every page type, made new in every language with the factories: it is created where editors may create it,
created through the admin's own form, and previewed with Wagtail's own checks (WagtailPageTestCase)."""

from unittest import mock

import pytest
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests import factories

LANGUAGES = ["nl", "fr", "en"]


def home(language):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code=language)


def form(fields):
    """What the page editor posts: the fields, and the (empty) comments formset every page form has."""
    return nested_form_data({**fields, "comments": inline_formset([])})


def delete_existing(model, parent):
    """Some page types exist once per language (max_count_per_parent): make room for a new one."""
    for page in model.objects.child_of(parent):
        page.delete()


class PageTypesTests(WagtailPageTestCase):
    def setUp(self):
        from wagtail.test.utils import page_tests

        # Wagtail's helpers sign in with the first authentication backend, here django-axes' lockout check, which
        # cannot load a user: sign in with Django's model backend, as the login form does after axes' check.
        patcher = mock.patch.object(page_tests, "AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")
        patcher.start()
        self.addCleanup(patcher.stop)
        self.superuser = self.create_superuser("page-types-admin")
        self.client.force_login(self.superuser, "django.contrib.auth.backends.ModelBackend")

    def new_pages(self, language):
        """One new page of every type under the home page of `language`, built with the factories. (The home pages
        themselves are previewed in tests/test_editorial_trust.py: nl and fr ones in the translation editor.)"""
        from contact.models import ContactPage, QuoteFormPage
        from treatments.models import FAQPage, SearchPage

        parent = home(language)
        for model in (FAQPage, SearchPage, ContactPage, QuoteFormPage):
            delete_existing(model, parent)
        index = factories.TreatmentIndexPageFactory(parent=parent)
        treatment = factories.TreatmentPageFactory(parent=index)
        standard = factories.StandardPageFactory(parent=parent)
        return [
            standard,
            factories.StandardPageFactory(parent=standard),
            index,
            treatment,
            factories.ConditionPageFactory(parent=parent),
            factories.FAQPageFactory(parent=parent),
            factories.SearchPageFactory(parent=parent),
            factories.ContactPageFactory(parent=parent),
            factories.QuoteFormPageFactory(parent=parent),
        ]

    def test_every_new_page_of_every_type_is_previewable_in_every_language(self):
        for language in LANGUAGES:
            for page in self.new_pages(language):
                with self.subTest(page_type=type(page).__name__, language=language):
                    self.assertEqual(page.locale.language_code, language)
                    self.assertPageIsPreviewable(page, post_data=self.preview_data(page))

    def preview_data(self, page):
        """The edit form's data, with one new paragraph for each StreamField (drawn by JavaScript in a browser)."""
        from wagtail.fields import StreamField
        from wagtail.test.utils.form_data import querydict_from_html

        # assertPageIsPreviewable signs out when it is done.
        self.client.force_login(self.superuser, "django.contrib.auth.backends.ModelBackend")
        html = self.client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        data = querydict_from_html(html, form_id="page-edit-form")
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                for key in [key for key in data if key.startswith(f"{field.name}-")]:
                    del data[key]
                stream = streamfield([("paragraph", rich_text("<p>An unsaved paragraph.</p>"))])
                for key, value in nested_form_data({field.name: stream}).items():
                    data[key] = value
        return data

    def test_page_types_are_created_only_where_they_belong(self):
        from contact.models import ContactPage, QuoteFormPage
        from home.models import HomePage, StandardPage
        from treatments.models import ConditionPage, FAQPage, SearchPage, TreatmentIndexPage, TreatmentPage

        self.assertAllowedSubpageTypes(TreatmentIndexPage, {TreatmentPage})
        self.assertAllowedSubpageTypes(TreatmentPage, set())
        self.assertAllowedParentPageTypes(TreatmentPage, {TreatmentIndexPage})
        # ConditionPage names TreatmentIndexPage as a parent, but the index allows treatment pages only.
        self.assertAllowedParentPageTypes(ConditionPage, {HomePage})
        for model in (FAQPage, SearchPage, ContactPage, QuoteFormPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, TreatmentPage)

    def test_editors_create_each_page_type_through_the_admin(self):
        from contact.models import ContactPage
        from home.models import StandardPage
        from treatments.models import ConditionPage, FAQPage, TreatmentIndexPage, TreatmentPage

        parent = home("en")
        body = streamfield([("paragraph", rich_text("<p>Body text.</p>"))])
        self.assertCanCreate(parent, StandardPage, form({"title": "Parking", "body": body}))
        self.assertCanCreate(
            parent,
            ConditionPage,
            form(
                {
                    "title": "Alopecia areata",
                    "summary": "Patchy hair loss.",
                    "body": body,
                    "treatment_links": inline_formset([]),
                }
            ),
        )
        index = factories.TreatmentIndexPageFactory(parent=parent)
        practitioner = factories.PractitionerFactory()
        self.assertCanCreate(
            index,
            TreatmentPage,
            form(
                {
                    "title": "Microneedling",
                    "summary": "Fine needles stimulate the skin.",
                    "body": body,
                    "indications": rich_text("<p>Scars.</p>"),
                    "contraindications": rich_text("<p>Active acne.</p>"),
                    "risks_and_side_effects": rich_text("<p>Redness.</p>"),
                    "follow_up_care": rich_text("<p>Sun protection.</p>"),
                    "alternatives": rich_text("<p>Peeling.</p>"),
                    "practitioners": inline_formset([{"practitioner": practitioner.pk}]),
                }
            ),
        )
        self.assertCanCreate(parent, TreatmentIndexPage, form({"title": "More treatments"}))
        delete_existing(FAQPage, parent)
        self.assertCanCreate(parent, FAQPage, form({"title": "Questions"}))
        delete_existing(ContactPage, parent)
        self.assertCanCreate(parent, ContactPage, form({"title": "Find us"}))


@pytest.mark.django_db
def test_factories_make_pages_in_the_language_of_their_parent():
    french_home = home("fr")
    index = factories.TreatmentIndexPageFactory(parent=french_home)
    treatment = factories.TreatmentPageFactory(parent=index)

    assert treatment.locale == Locale.objects.get(language_code="fr")
    assert treatment.practitioners.count() == 1
    assert treatment.get_parent().specific == index
