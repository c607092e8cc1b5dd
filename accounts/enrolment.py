"""Setting up a second factor needs more than the password: a one-time link sent to the account's own e-mail
address (or issued by an administrator with `manage.py issue_enrolment_link`).

Without it, whoever had a new account's password first (or an account whose authenticator an administrator just
removed) would set up their own authenticator and own the account. The link is signed, names the account and its
state (password and authenticators), lives a day and opens once: using it marks it used in the shared cache.
Opening it in a browser signed in as that account lets that browser session set up an authenticator.
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

SALT = "accounts.two-factor-enrolment"
LINK_MAX_AGE = 24 * 60 * 60
SESSION_KEY = "accounts.enrolment_grant"
RESEND_AFTER = 5 * 60


def account_state(user):
    """Changes when the password changes or an authenticator is confirmed: an older link no longer opens."""
    devices = ",".join(
        str(pk)
        for pk in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").values_list("pk", flat=True)
    )
    return hashlib.sha256(f"{user.pk}|{user.password}|{devices}".encode()).hexdigest()[:24]


def enrolment_token(user):
    return signing.dumps({"u": user.pk, "s": account_state(user), "n": secrets.token_urlsafe(12)}, salt=SALT)


def enrolment_url(user):
    path = reverse("accounts_enrolment_link", args=[enrolment_token(user)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _used_key(nonce):
    return f"accounts-enrolment-used:{nonce}"


def redeem(request, token):
    """True if `token` is a fresh, unused link for the signed-in account; then this session may enrol."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return False
    user = request.user
    if not isinstance(data, dict) or data.get("u") != user.pk or data.get("s") != account_state(user):
        return False
    if not cache.add(_used_key(data.get("n")), 1, timeout=LINK_MAX_AGE + 60):
        return False  # opened before: a link opens once
    request.session[SESSION_KEY] = session_grant(user)
    return True


def session_grant(user):
    # Bound to the account's state and this sign-in: a reset later, or another sign-in, needs a new link.
    return hashlib.sha256(f"{account_state(user)}|{user.last_login}".encode()).hexdigest()


def may_enrol(request):
    user = request.user
    return user.is_authenticated and request.session.get(SESSION_KEY) == session_grant(user)


def send_enrolment_link(user):
    """E-mail the link to the account's own address, in its admin language; at most once per five minutes."""
    if not user.email or not cache.add(f"accounts-enrolment-sent:{user.pk}", 1, timeout=RESEND_AFTER):
        return False
    profile = UserProfile.get_for_user(user)
    with translation.override(profile.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, "url": enrolment_url(user), "hours": LINK_MAX_AGE // 3600}
        send_mail(
            subject=render_to_string("accounts/enrolment_email_subject.txt", context).strip(),
            message=render_to_string("accounts/enrolment_email.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    return True
