"""Site-wide security pieces that Django and django-csp leave to the project.

- `PermissionsPolicyMiddleware`: Django sends no Permissions-Policy header; the site needs no camera, microphone,
  location or payment, so every page says so (a script injected through a page could not ask for them).
- `EditorUserbarPolicyMiddleware`: Wagtail's userbar on public pages runs its accessibility checker (axe-core),
  which compiles templates with `new Function` and injects `<style>` elements. For signed-in editors only, the
  policy allows exactly that ('unsafe-eval', inline styles); inline *scripts* stay forbidden for everybody.
- `TrustedProxyMiddleware` and `client_ip`: the visitor's address behind the clinic's proxies (django-xff counts
  them from the right of X-Forwarded-For), the same for the quote form limit and the admin login lockout.
- `login_lockout_response`: what a member of staff reads when django-axes locks the admin login.
"""

import datetime

from django.conf import settings
from django.template.response import TemplateResponse
from xff.middleware import XForwardedForMiddleware

# Browser features the site never uses, switched off for the page and every frame in it.
DEFAULT_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}


def permissions_policy_header(policy):
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class EditorUserbarPolicyMiddleware:
    """Loosen the public policy just enough for the userbar, for people who may use the admin.

    Anonymous responses (the only ones the page cache keeps) never get this: they are built without a user.
    Must come after django-csp's middleware in MIDDLEWARE, so that its update is read.
    """

    UPDATE = {"script-src": ["'unsafe-eval'"], "style-src": ["'unsafe-inline'"]}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
            response._csp_update = {**(getattr(response, "_csp_update", None) or {}), **self.UPDATE}
        return response


class TrustedProxyMiddleware(XForwardedForMiddleware):
    """REMOTE_ADDR becomes the visitor's address: the entry the first of TRUSTED_PROXY_COUNT proxies appended.

    Each proxy appends the address it was reached from, so with N proxies the visitor is the N-th entry from the
    right; whatever a client put to the left is ignored. django-xff does the counting (and answers 400 when a
    request came through fewer proxies than configured). With no proxy configured, the header is ignored
    altogether: django-xff would otherwise trust its left-most entry, which the client writes.
    """

    def get_trusted_depth(self, request):
        return getattr(settings, "TRUSTED_PROXY_COUNT", 0)

    def __call__(self, request):
        if not self.get_trusted_depth(request):
            return self.get_response(request)
        return super().__call__(request)


def client_ip(request):
    """The visitor's address, for the quote limit and django-axes: REMOTE_ADDR, as TrustedProxyMiddleware set it."""
    return request.META.get("REMOTE_ADDR", "")


def login_lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a plain page in the staff's language, HTTP 429."""
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = int(cool_off.total_seconds() // 60) if isinstance(cool_off, datetime.timedelta) else None
    return TemplateResponse(
        request,
        "home/login_locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    ).render()
