"""The visitor's address behind the clinic's proxies: each proxy appends the address it was reached from to
X-Forwarded-For, so the visitor is counted from the right. What a client writes on the left changes nothing,
for the quote limit and for the admin login lockout alike."""

import pytest
from django.test import Client

from contact.models import QuoteRequest
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"
FIRST_PROXY = "10.0.0.2"
SECOND_PROXY = "10.0.0.3"


@pytest.fixture
def two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = settings.XFF_TRUSTED_PROXY_DEPTH = 2
    # How a proxy was configured before TRUSTED_PROXY_COUNT (naming the header); unused now, kept so that this
    # test shows the old rule (the header's left-most entry) failing.
    settings.QUOTE_CLIENT_IP_HEADER = settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.QUOTE_RATE_LIMIT = 5


def through_proxies(visitor, forged="", proxies=2):
    """What the app receives: the client's own header (forged), then each proxy's appended address."""
    chain = [address for address in (forged, visitor) if address]
    if proxies == 2:
        chain.append(FIRST_PROXY)
    return {"HTTP_X_FORWARDED_FOR": ", ".join(chain), "REMOTE_ADDR": SECOND_PROXY}


def post_quote(treatment, number, **headers):
    return Client().post(
        QUOTE_FORM["en"], patient_post("en", treatment["en"], email=f"patient{number}@example.be"), **headers
    )


def test_a_forged_left_most_address_does_not_bypass_the_quote_limit(two_proxies):
    treatment = make_treatment()

    statuses = [
        post_quote(treatment, n, **through_proxies("203.0.113.7", forged=f"198.51.100.{n}")).status_code
        for n in range(8)
    ]

    assert statuses.count(303) == 5 and statuses[5:] == [429, 429, 429]
    assert QuoteRequest.objects.count() == 5


def test_two_patients_behind_the_same_proxies_have_their_own_limit(two_proxies):
    treatment = make_treatment()
    for n in range(5):
        assert post_quote(treatment, n, **through_proxies("203.0.113.7")).status_code == 303

    assert post_quote(treatment, 9, **through_proxies("203.0.113.8")).status_code == 303
    assert post_quote(treatment, 10, **through_proxies("203.0.113.7")).status_code == 429


def test_without_a_configured_proxy_the_header_is_ignored(settings):
    settings.QUOTE_RATE_LIMIT = 2
    treatment = make_treatment()

    statuses = [
        post_quote(treatment, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="203.0.113.7").status_code
        for n in range(3)
    ]

    assert statuses == [303, 303, 429]


def test_a_request_that_skipped_a_proxy_is_refused(two_proxies):
    response = post_quote(make_treatment(), 1, **through_proxies("203.0.113.7", proxies=1))

    assert response.status_code == 400
    assert not QuoteRequest.objects.exists()


def test_a_forged_left_most_address_does_not_bypass_the_login_lockout(two_proxies, settings, django_user_model):
    django_user_model.objects.create_superuser("frontdesk", "desk@faceclinic.be", PASSWORD)

    def attempt(password, forged):
        return Client().post(
            "/admin/login/",
            {"username": "frontdesk", "password": password},
            **through_proxies("203.0.113.7", forged=forged),
        )

    statuses = [attempt("wrong-password", f"198.51.100.{n}").status_code for n in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses[-1] == 429

    assert attempt(PASSWORD, "198.51.100.200").status_code == 429, "locked, whatever the client writes"
