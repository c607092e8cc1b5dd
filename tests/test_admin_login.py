"""The admin login is rate limited per account and address (django-axes), and says so in the staff's language."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("frontdesk", "desk@faceclinic.be", PASSWORD)


def attempt(client, password, username="frontdesk", address="192.0.2.10", language="en"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"Accept-Language": language},
    )


def test_five_wrong_passwords_lock_the_account_from_that_address_even_for_the_right_password(staff, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong-password").status_code == 200, "the usual 'wrong password' form"

    locked = attempt(client, "wrong-password")
    assert locked.status_code == 429
    assert "blocked for 15 minutes" in locked.content.decode()

    still_locked = attempt(client, PASSWORD)
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_in_dutch_and_french(staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(Client(), "wrong-password", language="nl")
    assert "15 minuten" in response.content.decode()
    assert 'lang="nl"' in response.content.decode()

    response = attempt(Client(), "wrong-password", language="fr")
    assert "15 minutes" in response.content.decode()
    assert 'lang="fr"' in response.content.decode()


def test_a_colleague_elsewhere_is_not_locked_out_by_someone_guessing_her_password(staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "wrong-password", address="198.51.100.7")

    response = attempt(Client(), PASSWORD, address="192.0.2.10")

    assert response.status_code == 302


def test_a_successful_login_resets_the_count(staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(Client(), "wrong-password")
    assert attempt(Client(), PASSWORD).status_code == 302

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(Client(), "wrong-password").status_code == 200
