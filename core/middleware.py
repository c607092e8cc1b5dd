import codecs

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.datastructures import MultiValueDict


class RevalidateCachedPagesMiddleware:
    """Browsers must ask again for every page; only the server's cache (and a CDN) may keep it.

    wagtail-cache gives the responses it stores a max-age as long as its own timeout. A patient's browser
    keeping a page that long would hide a correction the clinic has just published, so browsers get max-age=0
    while shared caches, which are purged on publish, keep s-maxage.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("X-Wagtail-Cache") and "private" not in response.get("Cache-Control", ""):
            shared_max_age = response.get("Cache-Control", "").partition("max-age=")[2].split(",")[0] or "0"
            del response["Cache-Control"]
            patch_cache_control(response, public=True, max_age=0, s_maxage=int(shared_max_age))
            if response.has_header("Expires"):
                del response["Expires"]
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the language prefix on URLs that have none (the admin, documents).

    On a 404 Django redirects to the same path under the language prefix when that path resolves, and the
    site's catch-all page route resolves everything: an admin 404 (a link to an erased quote request) became a
    redirect to /en/admin/… and the public site's 404. Those URLs keep their own 404 (Wagtail's admin page).
    """

    UNPREFIXED = ("/admin/", "/documents/")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class MalformedRequestMiddleware:
    """A body we cannot read is the sender's error: 400 (or 413 when too large), never a 500.

    Django refuses a form body in any charset but UTF-8, but its own 400 view then reads the body again for its
    CSRF check and fails with a 500. This reads the body first, once, before the CSRF middleware, and answers
    with the site's page (in the URL's language, with the security headers, which sit outside this middleware).
    A declared charset other than UTF-8 is refused on every request, as it would change how the query string of
    a GET (the search) is read. Public pages take small bodies only: no public form uploads files.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
    READABLE_CHARSETS = {"utf-8", "ascii"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.too_large(request):
            return self.refuse(request, status=413)
        if not self.readable(request):
            return self.refuse(request)
        return self.get_response(request)

    def too_large(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        admin = request.path_info.startswith("/admin/")
        limit = settings.ADMIN_REQUEST_MAX_BYTES if admin else settings.PUBLIC_REQUEST_MAX_BYTES
        return length > limit

    def readable(self, request):
        charset = request.content_params.get("charset") if request.content_params else None
        if charset:
            try:
                if codecs.lookup(charset).name not in self.READABLE_CHARSETS:
                    return False
            except LookupError:
                return False
        if request.method in ("GET", "HEAD", "OPTIONS") or request.content_type not in self.FORM_TYPES:
            return True
        try:
            request.POST  # noqa: B018 - parsed here, once, so that nothing after this can fail on it
        except (BadRequest, SuspiciousOperation, MultiPartParserError, UnicodeError, LookupError, ValueError):
            return False
        return True

    def refuse(self, request, status=400):
        # The body is not read again: an empty one for whoever looks next (the CSRF check, then refused too).
        request._post, request._files = QueryDict(), MultiValueDict()
        response = TemplateResponse(request, "400.html", {"too_large": status == 413}, status=status)
        response["Cache-Control"] = "no-store"
        return response.render()
