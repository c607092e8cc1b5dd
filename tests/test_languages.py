"""A patient reads the site in Dutch, French or English, and can always move between them."""

import pytest
from django.utils import translation

from tests.conftest import as_read, content_translation, html

pytestmark = pytest.mark.django_db

HOME = {"nl": "/nl/", "fr": "/fr/", "en": "/en/"}
PRIVACY = {
    "nl": "/nl/privacybeleid/",
    "fr": "/fr/politique-de-confidentialite/",
    "en": "/en/privacy-policy/",
}
LEGAL_NOTICE = {
    "nl": "/nl/juridische-informatie/",
    "fr": "/fr/mentions-legales/",
    "en": "/en/legal-notice/",
}


def ui_text(language, english):
    with translation.override(language):
        return translation.gettext(english)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_ui_strings_are_translated_not_english(language):
    assert ui_text(language, "Skip to main content") != "Skip to main content"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_home_page_is_in_the_language_of_its_url(client, language):
    page = html(client.get(HOME[language]))

    assert page.html["lang"] == language
    if language == "en":
        expected_intro = "Face Clinic Belgium gives patients factual information"
    else:
        # The hero block's text, the first block of the composed home page.
        from home.content_loading import stable_uuid

        expected_intro = content_translation("home", language, "home", f"body.{stable_uuid('home:0')}.text")
    assert as_read(language, expected_intro) in page.select_one(".lead").get_text()
    assert page.select_one(".skip-link").get_text() == ui_text(language, "Skip to main content")


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_legal_pages_have_translated_urls(client, language):
    for urls in (PRIVACY, LEGAL_NOTICE):
        response = client.get(urls[language])
        assert response.status_code == 200
        assert html(response).html["lang"] == language


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_switcher_links_each_language_to_the_same_page(client, language):
    page = html(client.get(PRIVACY[language]))

    links = {a["hreflang"]: a for a in page.select(".language-switcher a")}
    assert {code: a["href"] for code, a in links.items()} == PRIVACY
    assert links[language]["aria-current"] == "true"
    assert links["fr"].get_text() == "Français"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_hreflang_alternates_list_every_live_translation_and_x_default(client, language):
    page = html(client.get(LEGAL_NOTICE[language]))

    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert {code: url.removeprefix("http://testserver") for code, url in alternates.items()} == {
        **LEGAL_NOTICE,
        "x-default": LEGAL_NOTICE["nl"],
    }
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith(LEGAL_NOTICE[language])


def test_draft_translation_is_offered_neither_in_switcher_nor_hreflang(client):
    from home.models import StandardPage

    StandardPage.objects.get(url_path__endswith="/mentions-legales/").unpublish()

    page = html(client.get(LEGAL_NOTICE["en"]))

    switcher = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert switcher["fr"] == "/fr/", "an unpublished translation sends the reader to the French home page"
    assert switcher["nl"] == LEGAL_NOTICE["nl"]
    hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"nl", "en", "x-default"}
    assert client.get(LEGAL_NOTICE["fr"]).status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-BE,fr;q=0.9,en;q=0.5", "/fr/"),
        ("nl-BE,nl;q=0.9", "/nl/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE,de;q=0.9", "/nl/"),
        ("", "/nl/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language} if accept_language else {})

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_unknown_page_gives_a_translated_404(client, language):
    response = client.get(f"/{language}/this-page-does-not-exist/")

    assert response.status_code == 404
    page = html(response)
    assert page.html["lang"] == language
    assert page.h1.get_text() == ui_text(language, "Page not found")
    if language != "en":
        assert page.h1.get_text() != "Page not found"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_server_error_page_is_translated_and_needs_no_database(language, django_assert_num_queries):
    from django.template import loader

    with translation.override(language), django_assert_num_queries(0):
        rendered = loader.get_template("500.html").render()

    assert f'lang="{language}"' in rendered
    assert ui_text(language, "Something went wrong") in rendered
    assert ui_text(language, "Something went wrong") != "Something went wrong"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_menus_footer_and_disclaimer_follow_the_page_language(client, language):
    page = html(client.get(HOME[language]))

    main_menu = page.select_one(".menu--main")
    assert main_menu["aria-label"] == content_translation("home", language, "menu-main", "title")
    footer = page.select_one(".site-footer").get_text(" ", strip=True)
    disclaimer_title = content_translation("home", language, "disclaimer-general", "title")
    assert disclaimer_title in footer
    assert "Medical information, not advertising" not in footer
    footer_links = {a["href"] for a in page.select(".menu--footer a")}
    assert footer_links == {PRIVACY[language], LEGAL_NOTICE[language]}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "maandag – vrijdag 09:00–18:00"), ("fr", "lundi – vendredi 09:00–18:00")],
)
def test_opening_hours_read_in_the_patients_language(language, expected):
    from home.templatetags.clinic import opening_hours_readable

    with translation.override(language):
        assert opening_hours_readable("Mo-Fr 09:00-18:00").lower() == expected
