"""Debian's Chromium for the end-to-end tests (docs/architecture.md: no browser download works here), and axe-core."""

import os
import shutil
from pathlib import Path

import pytest

# Where journeys leave their screenshots for a person to look at: ./screenshots/ (ignored by git) or SCREENSHOTS_DIR.
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or Path(__file__).resolve().parents[2] / "screenshots")

# docs/architecture.md, "Browser tests": the arguments that make Debian's Chromium start quietly in a container.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path():
    """CHROMIUM overrides; otherwise Debian's package."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def chromium_available():
    path = chromium_path()
    return os.path.isfile(path) and os.access(path, os.X_OK)


# Every end-to-end module: marked, skipped with the reason when there is no browser (unless E2E_REQUIRED is set,
# as in CI: there a missing browser fails), and transactional with the clinic content restored before each test
# (see conftest.py).
E2E = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not chromium_available() and not os.environ.get("E2E_REQUIRED"),
        reason=f"Chromium not found at {chromium_path()}: apt-get install chromium (or set CHROMIUM)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def axe_violations(page):
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one readable line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) {node['target']}: {violation['help']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def staff_user(django_user_model, username, group, password, language="en"):
    """A staff member in one of the groups the migrations create, reading the admin in `language`."""
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user(username, f"{username}@faceclinic.be", password)
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def log_in(page, username, password, authenticator=None):
    """Through Wagtail's login form, as staff do; with `authenticator`, through the two-factor step too."""
    import re

    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if authenticator is not None:
        # The second step, as on the clinic's server: the code from the staff member's authenticator app.
        from tests.two_factor_helpers import authenticator_code

        expect(page).to_have_url(re.compile(r"/admin/2fa/auth"))
        page.locator("input[name=otp_token]").fill(authenticator_code(authenticator))
        page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
