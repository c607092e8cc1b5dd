"""Anonymous patients get cached pages; what the clinic publishes shows on the very next request."""

import pytest
from django.test import Client

from tests.conftest import html

pytestmark = pytest.mark.django_db

FRENCH_PRP = "/fr/traitements/prp-chute-de-cheveux/"


def cache_status(response):
    return response.get("X-Wagtail-Cache")


def test_second_anonymous_view_is_served_from_the_cache(client):
    assert cache_status(client.get(FRENCH_PRP)) == "miss"
    assert cache_status(client.get(FRENCH_PRP)) == "hit"


def test_browsers_are_told_to_revalidate_so_a_correction_is_never_hidden(client):
    client.get(FRENCH_PRP)
    response = client.get(FRENCH_PRP)

    cache_control = response["Cache-Control"]
    assert "max-age=0" in cache_control
    assert "s-maxage=3600" in cache_control
    assert not response.has_header("Expires")


def test_publishing_a_changed_french_treatment_page_shows_on_the_next_anonymous_request(client):
    from treatments.models import TreatmentPage

    client.get(FRENCH_PRP)
    assert cache_status(client.get(FRENCH_PRP)) == "hit"
    page = TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/")
    page.summary = "Résumé corrigé par la clinique."
    page.save_revision().publish()

    response = client.get(FRENCH_PRP)

    assert html(response).select_one(".lead").get_text(strip=True) == "Résumé corrigé par la clinique."


def test_renaming_a_french_page_updates_the_menus_of_every_cached_french_page(client):
    from treatments.models import TreatmentIndexPage

    client.get("/fr/")
    index = TreatmentIndexPage.objects.get(locale__language_code="fr")
    index.title = "Nos traitements"
    index.save_revision().publish()

    menu = [a.get_text(strip=True) for a in html(client.get("/fr/")).select(".menu--main a")]

    assert "Nos traitements" in menu


def test_changing_a_snippet_purges_the_pages_that_show_it(client):
    from home.models import Disclaimer

    client.get("/nl/")
    disclaimer = Disclaimer.objects.get(locale__language_code="nl", handle="general")
    disclaimer.title = "Medische informatie, geen reclame (bijgewerkt)"
    disclaimer.save()

    footer = html(client.get("/nl/")).select_one(".site-footer__disclaimer").get_text()

    assert "(bijgewerkt)" in footer


def test_changing_the_clinic_details_shows_in_every_language(client):
    from wagtail.models import Site

    from home.models import ClinicSettings

    client.get("/fr/")
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.phone = "+32 2 555 01 23"
    clinic.save()

    assert "+32 2 555 01 23" in html(client.get("/fr/")).select_one(".site-footer").get_text()


def test_an_editor_never_gets_a_cached_page_nor_fills_the_cache(admin_client):
    anonymous = Client()
    anonymous.get(FRENCH_PRP)

    editor_view = admin_client.get(FRENCH_PRP)

    assert cache_status(editor_view) == "skip"
    assert editor_view.context is not None, "rendered for the editor, not replayed from the cache"
    assert b"wagtail-userbar" in editor_view.content or b"w-userbar" in editor_view.content
    assert b"userbar" not in anonymous.get(FRENCH_PRP).content


def test_two_anonymous_visitors_of_a_cached_site_both_submit_the_quote_form(django_capture_on_commit_callbacks):
    """Each visitor gets a CSRF token of their own: the form page is never one person's cached copy."""
    from contact.models import QuoteRequest
    from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

    prp = make_treatment()["fr"]
    visitors = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    for visitor in visitors:
        visitor.get(FRENCH_PRP)  # the site's pages are served from the cache meanwhile
    tokens = []
    for visitor in visitors:
        form_page = visitor.get(QUOTE_FORM["fr"])
        assert cache_status(form_page) != "hit"
        tokens.append(html(form_page).select_one("input[name=csrfmiddlewaretoken]")["value"])

    for number, (visitor, token) in enumerate(zip(visitors, tokens, strict=True)):
        data = patient_post("fr", prp, email=f"visitor{number}@example.be", csrfmiddlewaretoken=token)
        with django_capture_on_commit_callbacks(execute=True):
            response = visitor.post(QUOTE_FORM["fr"], data, REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert response.status_code == 303

    assert set(QuoteRequest.objects.values_list("email", flat=True)) >= {"visitor0@example.be", "visitor1@example.be"}


def test_a_page_made_private_is_no_longer_served_to_anonymous_visitors(client):
    from wagtail.models import PageViewRestriction

    from treatments.models import TreatmentPage

    client.get(FRENCH_PRP)
    assert cache_status(client.get(FRENCH_PRP)) == "hit"
    page = TreatmentPage.objects.get(url_path__endswith="/prp-chute-de-cheveux/")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(FRENCH_PRP)

    assert response.status_code == 302
    assert "/login/" in response["Location"] or "login" in response["Location"]


def test_after_a_conditional_request_the_next_visitor_gets_the_whole_page(client):
    """A browser revalidating its copy may get `304 Not Modified`: that empty answer must never be kept for others."""
    first = client.get(FRENCH_PRP)
    client.get(FRENCH_PRP, HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT", HTTP_IF_NONE_MATCH="*")

    newcomer = Client().get(FRENCH_PRP)

    assert newcomer.status_code == 200
    assert newcomer.content == first.content


def test_after_a_conditional_request_for_an_image_the_next_visitor_gets_the_image(settings, tmp_path):
    """/media/ served by the app itself (SERVE_MEDIA): a 304 for one browser is not the image for the next."""
    from django.test import override_settings

    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 a real photo's bytes")
    with override_settings(MEDIA_ROOT=tmp_path, ROOT_URLCONF="tests.urls_serving_media"):
        revalidating = Client().get("/media/photo.jpg", HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT")
        assert revalidating.status_code == 304

        newcomer = Client().get("/media/photo.jpg")

    assert newcomer.status_code == 200
    assert b"".join(newcomer.streaming_content) == b"\xff\xd8\xff\xe0 a real photo's bytes"


def test_a_page_that_is_not_found_is_not_kept(client):
    assert client.get("/fr/pas-encore-publiee/").status_code == 404

    assert cache_status(client.get("/fr/pas-encore-publiee/")) != "hit"


def test_search_results_and_other_query_string_variants_are_not_stored_whole(client):
    from django.core.cache import caches

    client.get("/fr/")
    stored_before = _stored_responses(caches["pages"])
    for number in range(5):
        response = client.get(f"/fr/?q=botox-{number}")
        assert response.status_code == 200
        assert cache_status(response) != "hit"

    assert _stored_responses(caches["pages"]) == stored_before


def test_tracking_parameters_still_share_the_page_without_them(client):
    client.get(FRENCH_PRP)

    assert cache_status(client.get(f"{FRENCH_PRP}?utm_source=newsletter")) == "hit"


def _stored_responses(cache):
    """Keys of whole responses in the page cache (Django's cache_page keys), whatever the backend."""
    if hasattr(cache, "keys"):  # django-redis
        return set(cache.keys("views.decorators.cache.cache_page.*"))
    return {key for key in cache._cache if "views.decorators.cache.cache_page." in key}


def test_a_stored_page_keeps_the_headers_its_first_render_had(client):
    first = client.get(FRENCH_PRP)
    again = client.get(FRENCH_PRP)

    assert cache_status(again) == "hit"
    assert again.content == first.content
    for header in ("Content-Language", "X-Frame-Options", "Content-Type"):
        assert again[header] == first[header], header
    assert "\u202f?" in again.content.decode() or "\u00a0:" in again.content.decode(), "stored typeset"


def test_a_visitor_with_a_session_is_never_answered_from_the_cache_nor_fills_it(client, settings):
    """The cache answers before authentication: a session cookie (an editor whose login the test client did not
    make through `force_login`, a visitor who unlocked a page) means a render of its own."""
    anonymous = Client()
    with_session = Client()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-someone"

    assert cache_status(with_session.get(FRENCH_PRP)) == "skip"
    assert cache_status(anonymous.get(FRENCH_PRP)) == "miss", "the visitor with a session stored nothing"
    assert cache_status(with_session.get(FRENCH_PRP)) == "skip"
    assert cache_status(anonymous.get(FRENCH_PRP)) == "hit"


def test_a_stored_page_is_found_whatever_language_the_previous_request_was_in(client):
    """The cache answers before LocaleMiddleware: the key's language comes from the URL, not from whatever
    language the worker's previous request left active."""
    dutch = "/nl/behandelingen/prp-bij-haaruitval/"
    client.get(FRENCH_PRP)
    client.get(dutch)

    assert cache_status(client.get(FRENCH_PRP)) == "hit"
    assert cache_status(client.get(dutch)) == "hit"
    assert cache_status(client.get(FRENCH_PRP)) == "hit"
