import hashlib

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.account import PasswordResetView
from wagtail_2fa import views as two_factor_views
from wagtailcache.cache import clear_cache

from core.security import client_ip

from . import enrolment


@method_decorator(never_cache, name="dispatch")
class EnrolmentNeededView(View):
    """Where an account without an authenticator lands: it asks for the enrolment link by e-mail."""

    template_name = "accounts/enrolment_needed.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return TemplateResponse(request, self.template_name, {"sent": False})

    def post(self, request):
        enrolment.send_enrolment_link(request.user)
        # The same answer whether a link went out now or a few minutes ago: the mailbox has one.
        return TemplateResponse(request, self.template_name, {"sent": True})


@method_decorator(never_cache, name="dispatch")
class EnrolmentLinkView(View):
    """The link from the e-mail: signed in as its account, it lets this session set up an authenticator."""

    def get(self, request, token):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not enrolment.redeem(request, token):
            messages.error(request, _("This link has expired or was already used. Ask for a new one below."))
            return HttpResponseRedirect(reverse("accounts_enrolment_needed"))
        return HttpResponseRedirect(reverse("wagtail_2fa_device_new"))


class DeviceDeleteView(two_factor_views.DeviceDeleteView):
    """wagtail-2fa's, with a 404 for a device that does not exist (it answers 500)."""

    def dispatch(self, request, *args, **kwargs):
        get_object_or_404(TOTPDevice, **self.kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        device = get_object_or_404(TOTPDevice, **self.kwargs)
        return TOTPDevice.objects.devices_for_user(device.user, confirmed=True)


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, at most a few e-mails per address and per visitor an hour.

    Past the limit the visitor reads the usual "if the address is known, a link is on its way": nothing tells
    an attacker whether an address exists, and nobody's mailbox fills up.
    """

    PER_ADDRESS = 3
    PER_VISITOR = 10
    WINDOW = 60 * 60

    def form_valid(self, form):
        address = form.cleaned_data.get("email", "").strip().lower()
        over_address = self._count("address", address) > self.PER_ADDRESS
        over_visitor = self._count("visitor", client_ip(self.request)) > self.PER_VISITOR
        if over_address or over_visitor:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)

    def _count(self, kind, value):
        key = "password-reset:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()[:32]
        if cache.add(key, 1, timeout=self.WINDOW):
            return 1
        try:
            return cache.incr(key)
        except ValueError:
            return 1


def clear_page_cache(request):
    """wagtail-cache's "Clear cache" link, for administrators only: it asks first, and clears on the POST.

    A link or an image anywhere could otherwise make a signed-in member of staff empty the cache (GET).
    """
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method != "POST":
        return TemplateResponse(request, "accounts/clear_cache_confirm.html", {})
    clear_cache()
    return HttpResponseRedirect(reverse("wagtailcache_admin:index"))


def page_cache_index(request):
    """wagtail-cache's panel lists every cached URL: administrators only, as its menu item."""
    from wagtailcache.views import index

    if not request.user.is_superuser:
        raise PermissionDenied
    return index(request)


RECOVERY_CODE_COUNT = 10


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(View):
    """Ten single-use codes for the day the phone is lost, shown once; making new ones voids the old.

    Only a session that passed the second factor gets here (the middleware sees to it). wagtail-2fa's code step
    accepts them, as django-otp matches a typed code against every device of the account.
    """

    template_name = "accounts/recovery_codes.html"

    def get(self, request):
        return TemplateResponse(request, self.template_name, {"codes": None, "has_codes": self.device() is not None})

    def post(self, request):
        device = self.device() or StaticDevice.objects.create(user=request.user, name="Recovery codes")
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
        return TemplateResponse(request, self.template_name, {"codes": codes, "has_codes": True})

    def device(self):
        return StaticDevice.objects.filter(user=self.request.user, confirmed=True).first()
