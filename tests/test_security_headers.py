"""What a browser is told on every public page under the production settings: HTTPS only, no inline script,
no framing, no third-party anything, and no cookie for a patient who only reads."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.conftest import html
from tests.quote_helpers import QUOTE_FORM, THANK_YOU

pytestmark = pytest.mark.django_db

PRODUCTION_SETTING_PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "LANGUAGE_COOKIE_",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
)


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings exactly as config.settings.production computes them from its environment."""
    monkeypatch.setenv("SECRET_KEY", "production-settings-under-test-" + "x" * 40)
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    # Required by production; only the security settings below are taken from it, not the database or cache.
    monkeypatch.setenv("DATABASE_URL", "postgres://clinic@db.example.be/clinic")
    monkeypatch.setenv("REDIS_URL", "redis://cache.example.be:6379/0")
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    import config.settings.production as production_module

    production_module = importlib.reload(production_module)
    for name in dir(production_module):
        if name.startswith(PRODUCTION_SETTING_PREFIXES):
            setattr(settings, name, getattr(production_module, name))
    assert settings.SECURE_SSL_REDIRECT and settings.SECURE_HSTS_SECONDS
    return settings


def https_client():
    """A browser behind the clinic's TLS proxy, which sets X-Forwarded-Proto."""
    return Client(headers={"X-Forwarded-Proto": "https"})


def public_urls():
    """Every live page of every type in every language, plus the quote form's thank-you pages."""
    from wagtail.models import Page

    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    urls = {page.url: type(page).__name__ for page in pages}
    urls.update({QUOTE_FORM[code] + THANK_YOU[code]: "thank-you" for code in QUOTE_FORM})
    return urls


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def test_every_public_page_type_sends_the_security_headers_over_https(production):
    client = https_client()
    urls = public_urls()
    assert {"HomePage", "StandardPage", "TreatmentPage", "QuoteFormPage", "thank-you"} <= set(urls.values())

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload", url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        directives = csp_directives(response)
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["script-src"] == ["'self'"], f"{url}: no inline script, so no nonce either"
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert directives["default-src"] == ["'self'"]
        assert "upgrade-insecure-requests" in directives


def test_a_page_from_the_page_cache_carries_the_same_headers(production):
    client = https_client()
    client.get("/fr/")
    cached = client.get("/fr/")

    assert cached["X-Wagtail-Cache"] == "hit"
    assert csp_directives(cached)["script-src"] == ["'self'"]
    assert cached.has_header("Strict-Transport-Security")
    assert cached.has_header("Permissions-Policy")


def test_plain_http_is_answered_with_a_permanent_redirect_to_https(production):
    response = Client().get("/fr/traitements/?q=1")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fr/traitements/?q=1"


def test_pages_run_no_inline_script_only_files_from_the_site_and_json_ld_data(client):
    for url in ("/nl/", "/fr/traitements/prp-chute-de-cheveux/", "/en/faq/", QUOTE_FORM["fr"]):
        page = html(client.get(url))
        for script in page.find_all("script"):
            if script.get("src"):
                assert script["src"].startswith("/"), f"{url}: a script from elsewhere: {script['src']}"
            else:
                assert script.get("type") == "application/ld+json", f"{url}: an inline script would be blocked"
        assert not page.select("[style]"), f"{url}: inline styles would be blocked by style-src 'self'"
        assert not [tag for tag in page.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]


def test_an_anonymous_reader_gets_no_cookie_on_any_public_page_but_the_quote_form(production):
    client = https_client()
    for url in public_urls():
        response = client.get(url)
        if url in QUOTE_FORM.values():
            assert set(response.cookies) == {"csrftoken"}, url
        else:
            assert not response.cookies, f"{url} sets {list(response.cookies)}"
    assert not client.get("/sitemap.xml").cookies
    assert not client.get("/robots.txt").cookies


def test_the_quote_forms_csrf_cookie_is_secure_httponly_and_samesite(production):
    cookie = https_client().get(QUOTE_FORM["nl"]).cookies["csrftoken"]

    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_staff_session_cookie_is_secure_httponly_and_samesite(production, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@faceclinic.be", "correct-horse-battery-9")
    client = https_client()

    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "correct-horse-battery-9"},
        headers={"Referer": "https://testserver/admin/login/"},
    )

    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True and cookie["httponly"] is True and cookie["samesite"] == "Lax"


def test_the_admin_is_left_out_of_the_policy_but_still_cannot_be_framed(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert not response.has_header("Content-Security-Policy")
    assert response["X-Frame-Options"] == "DENY"


def test_editors_keep_wagtails_userbar_on_public_pages_without_inline_scripts(client, django_user_model):
    editor = django_user_model.objects.create_user("marketing", "m@faceclinic.be", "not-a-real-password-123")
    editor.groups.add(Group.objects.get(name="Marketing"))
    client.force_login(editor)

    response = client.get("/fr/")

    assert html(response).select_one("wagtail-userbar") is not None
    directives = csp_directives(response)
    # The userbar's accessibility checker compiles templates and injects styles; nothing inline runs.
    assert directives["script-src"] == ["'self'", "'unsafe-eval'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_anonymous_readers_never_get_the_editors_relaxed_policy(client):
    directives = csp_directives(client.get("/fr/"))

    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
