from functools import partial

import django_otp
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve, reverse
from django.utils.functional import SimpleLazyObject
from wagtail.admin.localization import get_localized_response
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


class AdminLanguageMiddleware:
    """Every admin response in the signed-in user's admin language, also those Wagtail's views do not make: a 404
    for a link to an erased request was rendered after the view's language had ended, in LANGUAGE_CODE (Dutch)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and request.user.is_authenticated:
            return get_localized_response(self.get_response, request)
        return self.get_response(request)
