"""Staff sign in with a password and a code from their authenticator app (wagtail-2fa, TOTP): quote requests are
health data (GDPR art. 9), so a stolen password alone must not open the inbox. Through the admin's own views."""

import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from tests.conftest import html
from tests.quote_helpers import INBOX, QUOTE_FORM, make_treatment, patient_post
from tests.two_factor_helpers import authenticator_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def two_factor_required(settings):
    settings.WAGTAIL_2FA_REQUIRED = True  # as on every server (config/settings/base.py)


@pytest.fixture
def front_desk(django_user_model):
    user = django_user_model.objects.create_user("balie", "balie@faceclinic.be", PASSWORD)
    user.groups.add(Group.objects.get(name="Front desk"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    return user


@pytest.fixture
def patient_request(client, django_capture_on_commit_callbacks):
    treatment = make_treatment()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(QUOTE_FORM["nl"], patient_post("nl", treatment["nl"], name="An Peeters"))
    assert response.status_code == 303


def sign_in():
    staff = Client()
    response = staff.post("/admin/login/", {"username": "balie", "password": PASSWORD}, REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 302, "the password step itself succeeds"
    return staff


def set_up_authenticator(staff):
    """The first visit: scan the code shown, type the number the app gives, confirm with the password."""
    assert staff.get("/admin/2fa/devices/new").status_code == 200
    device = TOTPDevice.objects.get(user__username="balie", confirmed=False)
    response = staff.post(
        "/admin/2fa/devices/new",
        {"name": "Telefoon balie", "otp_token": authenticator_code(device), "password": PASSWORD},
    )
    assert response.status_code == 302, html(response).select(".error-message, .errorlist")
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_without_an_authenticator_the_inbox_sends_staff_to_set_one_up_first(front_desk, patient_request):
    staff = sign_in()

    response = staff.get(INBOX)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/devices/new")
    assert "An Peeters" not in staff.get(INBOX, follow=True).content.decode()


def test_once_set_up_the_inbox_opens(front_desk, patient_request):
    staff = sign_in()
    set_up_authenticator(staff)

    inbox = staff.get(INBOX)

    assert inbox.status_code == 200
    assert "An Peeters" in inbox.content.decode()


def test_the_next_sign_in_asks_for_a_code_and_refuses_a_wrong_one(front_desk, patient_request):
    device = set_up_authenticator(sign_in())
    staff = sign_in()

    asked = staff.get(INBOX)
    assert asked.status_code == 302 and asked["Location"].startswith("/admin/2fa/auth")
    right_code = authenticator_code(device, steps_ahead=1)
    wrong = staff.post("/admin/2fa/auth", {"otp_token": "000000" if right_code != "000000" else "111111"})
    assert wrong.status_code == 200
    assert staff.get(INBOX).status_code == 302, "still locked after a wrong code"
    assert "Ongeldige code" in html(wrong).select_one(".messages").get_text(), "said in the staff member's Dutch"
    time.sleep(1.1)  # django-otp makes a device wait 2^(n-1) s after n wrong codes: guessing is slow

    right = staff.post(f"/admin/2fa/auth?next={INBOX}", {"otp_token": right_code})

    assert right.status_code == 302 and right["Location"] == INBOX
    assert "An Peeters" in staff.get(INBOX).content.decode()


def test_a_stolen_password_alone_reaches_no_admin_page_with_patient_data(front_desk, patient_request):
    set_up_authenticator(sign_in())
    thief = sign_in()

    for path in (INBOX, f"{INBOX}?export=csv", "/admin/", "/admin/reports/translation-status/"):
        response = thief.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/auth"), path


def test_servers_require_the_second_factor_unless_told_otherwise():
    import subprocess
    import sys

    script = "from django.conf import settings; print(settings.WAGTAIL_2FA_REQUIRED)"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "PATH": "/usr/bin:/bin",
    }
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.strip() == "True"
