from functools import partial

import django_otp
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve, reverse
from django.utils.functional import SimpleLazyObject
from wagtail_2fa.middleware import VerifyUserMiddleware

from . import enrolment

ENROLMENT_URL_NAMES = ["accounts_enrolment_needed", "accounts_enrolment_link"]
DEVICE_SETUP_URL_NAMES = ["wagtail_2fa_device_new", "wagtail_2fa_device_qrcode", "wagtail_2fa_device_list"]


class EnrolmentMiddleware(VerifyUserMiddleware):
    """wagtail-2fa's check, except that an account without an authenticator may set one up only after opening its
    enrolment link (accounts/enrolment.py); until then every admin page leads to the page that sends it."""

    _allowed_url_names = [*VerifyUserMiddleware._allowed_url_names, *ENROLMENT_URL_NAMES]
    # wagtail-2fa lets an account without a device reach the device pages with its password alone: not here.
    _allowed_url_names_no_device = []

    def process_request(self, request):
        if request.user:
            request.user = SimpleLazyObject(partial(self._verify_user_sync, request, request.user))
        user = request.user
        if not self._require_verified_user(request):
            return None
        if django_otp.user_has_device(user, confirmed=True):
            if not user.is_verified():
                return redirect_to_login(request.get_full_path(), login_url=reverse("wagtail_2fa_auth"))
            return None
        if not settings.WAGTAIL_2FA_REQUIRED:
            return None
        if resolve(request.path_info).url_name in DEVICE_SETUP_URL_NAMES and enrolment.may_enrol(request):
            return None
        return redirect_to_login(request.get_full_path(), login_url=reverse("accounts_enrolment_needed"))
