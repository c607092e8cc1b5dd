from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


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
