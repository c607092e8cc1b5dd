"""A body the site cannot read is the sender's error: a 400 page (413 when too large) with the site's headers and
in the visitor's language, never a 500. Django's own 400 view reads the body again for its CSRF check and fails,
which is why the test client enforces CSRF here, as a browser's request would meet it."""

import pytest
from django.test import Client

from contact.models import QuoteRequest
from tests.conftest import html
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db


def browser_with_form(path):
    """A visitor who opened the form: CSRF cookie and token, as a browser has them."""
    client = Client(enforce_csrf_checks=True)
    client.raise_request_exception = False
    token = html(client.get(path)).select_one("input[name=csrfmiddlewaretoken]")["value"]
    return client, token


def search_url(language):
    from treatments.models import SearchPage

    return SearchPage.objects.live().get(locale__language_code=language).url


@pytest.mark.parametrize("charset", ["utf-16", "utf-7", "utf-32"])
@pytest.mark.parametrize("kind", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=XX"])
def test_a_form_post_in_another_charset_answers_400_in_french_with_the_sites_headers(charset, kind):
    client, token = browser_with_form(QUOTE_FORM["fr"])
    data = patient_post("fr", make_treatment()["fr"], csrfmiddlewaretoken=token)
    if kind.startswith("multipart"):
        body = "".join(
            f'--XX\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in data.items()
        )
        body = (body + "--XX--\r\n").encode()
    else:
        from urllib.parse import urlencode

        body = urlencode(data).encode()

    response = client.generic("POST", QUOTE_FORM["fr"], body, content_type=f"{kind}; charset={charset}")

    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    page = html(response)
    assert page.html["lang"] == "fr"
    assert "Nous n'avons pas pu lire votre envoi" in page.get_text()
    assert not QuoteRequest.objects.exists()


@pytest.mark.parametrize("charset", ["utf-16", "utf-7"])
def test_the_admin_login_in_another_charset_answers_400(charset):
    client, token = browser_with_form("/admin/login/")

    response = client.generic(
        "POST",
        "/admin/login/",
        f"csrfmiddlewaretoken={token}&username=a&password=b".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400


@pytest.mark.parametrize("charset", ["utf-16", "utf-7"])
def test_a_search_declared_in_another_charset_answers_400(charset):
    client = Client()
    client.raise_request_exception = False

    response = client.get(search_url("nl"), {"q": "behandeling"}, CONTENT_TYPE=f"text/plain; charset={charset}")

    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_broken_multipart_body_answers_400():
    client, token = browser_with_form(QUOTE_FORM["en"])

    response = client.generic(
        "POST", QUOTE_FORM["en"], b"--XX\r\nnot a part", content_type="multipart/form-data; boundary=XX"
    )

    assert response.status_code in (400, 403)


def test_a_40_mb_multipart_body_is_refused_before_it_is_read():
    client, token = browser_with_form(QUOTE_FORM["en"])
    data = patient_post("en", make_treatment()["en"], csrfmiddlewaretoken=token)
    body = "".join(
        f'--XX\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in data.items()
    ).encode()
    attachment = b'--XX\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n' + b"0" * (40 << 20)
    body += attachment + b"\r\n--XX--\r\n"

    response = client.generic("POST", QUOTE_FORM["en"], body, content_type="multipart/form-data; boundary=XX")

    assert response.status_code == 413
    assert not QuoteRequest.objects.exists()


def test_removing_a_two_factor_device_that_does_not_exist_answers_404(admin_client):
    admin_client.raise_request_exception = False

    # (Django's LocaleMiddleware may first redirect an admin 404 to a language prefix: followed here.)
    removed = admin_client.post("/admin/2fa/devices/987654/remove", {"user_id": 1}, follow=True)
    assert removed.status_code == 404
    assert admin_client.get("/admin/2fa/devices/987654/remove", follow=True).status_code == 404


@pytest.mark.parametrize("treatment", ["¹", "٣", "²³"])
def test_a_treatment_number_in_other_digits_is_a_form_error_not_a_500(treatment):
    """Found by the fuzzer: str.isdigit() accepts these, int() does not."""
    client = Client()
    client.raise_request_exception = False

    response = client.post(QUOTE_FORM["fr"], patient_post("fr", None, treatment=treatment))

    assert response.status_code == 200
    assert html(response).select_one("#id_treatment_error") is not None
    assert not QuoteRequest.objects.exists()
