"""Staff sign in with a password and a code from their authenticator app (wagtail-2fa, TOTP): quote requests are
health data (GDPR art. 9), so a stolen password alone must not open the inbox. Through the admin's own views."""

import io
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
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


ENROL = "/admin/2fa/enrol/"


def enrolment_link(mailbox, address="balie@faceclinic.be"):
    (message,) = mailbox.to(address)
    text = message.get_body(("plain",)).get_content()
    return re.search(r"http://testserver(/admin/2fa/enrol/\S+/)", text).group(1)


def open_enrolment_link(staff, mailbox):
    """The account asks for its link, which arrives in its own mailbox, and opens it in the same browser."""
    mailbox.messages.clear()
    assert staff.post(ENROL).status_code == 200
    opened = staff.get(enrolment_link(mailbox))
    assert opened.status_code == 302 and opened["Location"] == "/admin/2fa/devices/new"


def set_up_authenticator(staff, mailbox):
    """The first visit: the link from the e-mail, then scan the code shown, type the number the app gives,
    confirm with the password."""
    open_enrolment_link(staff, mailbox)
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
    assert response["Location"].startswith(ENROL)
    assert "An Peeters" not in staff.get(INBOX, follow=True).content.decode()


def test_once_set_up_the_inbox_opens(front_desk, patient_request, mailbox):
    staff = sign_in()
    set_up_authenticator(staff, mailbox)

    inbox = staff.get(INBOX)

    assert inbox.status_code == 200
    assert "An Peeters" in inbox.content.decode()


def test_the_next_sign_in_asks_for_a_code_and_refuses_a_wrong_one(front_desk, patient_request, mailbox):
    device = set_up_authenticator(sign_in(), mailbox)
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


def test_a_stolen_password_alone_reaches_no_admin_page_with_patient_data(front_desk, patient_request, mailbox):
    set_up_authenticator(sign_in(), mailbox)
    thief = sign_in()

    for path in (INBOX, f"{INBOX}?export=csv", "/admin/", "/admin/reports/translation-status/"):
        response = thief.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/auth"), path


# How an account is born: its password alone never sets up the second factor.


def test_a_new_account_cannot_reach_the_inbox_or_enrol_a_device_with_its_password_alone(
    front_desk, patient_request, mailbox
):
    thief = sign_in()

    for path in (INBOX, "/admin/", "/admin/2fa/devices/new", "/admin/2fa/devices/qr-code"):
        response = thief.get(path)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), path
    posted = thief.post("/admin/2fa/devices/new", {"name": "Mine", "otp_token": "123456", "password": PASSWORD})
    assert posted.status_code == 302 and posted["Location"].startswith(ENROL)
    assert not TOTPDevice.objects.filter(user=front_desk).exists(), "no device, not even an unconfirmed one"

    thief.post(ENROL)

    assert mailbox.to("balie@faceclinic.be"), "the link goes to the account's own address only"
    assert {address for message in mailbox.messages for address in message.envelope_recipients} <= {
        "balie@faceclinic.be",
        "frontdesk@faceclinic.be",
        "jan@example.be",
    }
    assert thief.get(INBOX)["Location"].startswith(ENROL), "asking for the link opens nothing"


def test_the_enrolment_link_opens_once_and_only_for_its_own_account(
    front_desk, django_user_model, patient_request, mailbox
):
    staff = sign_in()
    staff.post(ENROL)
    link = enrolment_link(mailbox)
    other = django_user_model.objects.create_user("andere", "andere@faceclinic.be", PASSWORD)
    other.groups.add(Group.objects.get(name="Front desk"))
    intruder = Client()
    intruder.post("/admin/login/", {"username": "andere", "password": PASSWORD})

    assert intruder.get(link)["Location"].startswith(ENROL), "another account cannot use it"
    assert staff.get(link)["Location"] == "/admin/2fa/devices/new"
    second = sign_in()
    assert second.get(link)["Location"].startswith(ENROL), "a link opens once"
    assert second.get("/admin/2fa/devices/new")["Location"].startswith(ENROL)


def test_after_an_administrator_removes_the_authenticator_the_password_alone_is_not_enough_again(
    front_desk, patient_request, mailbox
):
    device = set_up_authenticator(sign_in(), mailbox)
    TOTPDevice.objects.filter(pk=device.pk).delete()  # Settings > Users > Manage 2FA > remove

    thief = sign_in()

    assert thief.get(INBOX)["Location"].startswith(ENROL)
    assert thief.get("/admin/2fa/devices/new")["Location"].startswith(ENROL)
    assert thief.get(enrolment_link(mailbox))["Location"].startswith(ENROL), "the old link stays used"


def test_an_administrator_can_issue_the_link_by_hand(front_desk, patient_request):
    out = io.StringIO()
    call_command("issue_enrolment_link", "balie", stdout=out)
    link = re.search(r"http://testserver(/admin/2fa/enrol/\S+/)", out.getvalue()).group(1)
    staff = sign_in()

    assert staff.get(link)["Location"] == "/admin/2fa/devices/new"
    assert staff.get("/admin/2fa/devices/new").status_code == 200


def test_a_recovery_code_signs_in_once_when_the_phone_is_lost(front_desk, patient_request, mailbox):
    staff = sign_in()
    set_up_authenticator(staff, mailbox)
    page = html(staff.post("/admin/2fa/recovery-codes/"))
    codes = [code.get_text() for code in page.select(".recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10

    lost_phone = sign_in()
    assert lost_phone.post(f"/admin/2fa/auth?next={INBOX}", {"otp_token": codes[0]})["Location"] == INBOX
    assert "An Peeters" in lost_phone.get(INBOX).content.decode()

    again = sign_in()
    again.post("/admin/2fa/auth", {"otp_token": codes[0]})
    assert again.get(INBOX)["Location"].startswith("/admin/2fa/auth"), "each code works once"


def test_servers_require_the_second_factor_unless_told_otherwise():
    import subprocess
    import sys

    script = "from django.conf import settings; print(settings.WAGTAIL_2FA_REQUIRED)"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        # Production refuses to start without them; nothing here connects to either.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:5432/unused",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
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
