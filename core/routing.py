"""Page routing without queries on a running site.

Wagtail finds the page of a URL by loading the site, its root page, that page's translation in the active
language, then the page itself: four or five queries on every uncached request. The result only changes
when pages are published, moved or deleted, all of which purge the "pages" cache, so it is kept there:
the site and the page, pickled, per host, language and path, and forgotten with the page (core/cache.py).

Wagtail itself looks first at `request._wagtail_site` and `request._wagtail_route_for_request` (see
`Site.find_for_request` and `Page.route_for_request`), so filling those in is all it takes; the rest of
Wagtail's serving (view restrictions, hooks, the page's own `serve`) runs as ever.
"""

from django.core.cache import caches
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from .cache import CHROME_TIMEOUT, PAGES_CACHE, ROUTE_PREFIX, remember_key


class CachedPageRouteMiddleware:
    """Before Wagtail serves a page, hand it the route it found last time for this URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route_from_cache(request, path)


def route_key(request, path):
    host = request.get_host()  # validated against ALLOWED_HOSTS by CommonMiddleware before any view
    return f"{ROUTE_PREFIX}{host}|{get_language()}|{path}"


def route_from_cache(request, path):
    cache = caches[PAGES_CACHE]
    key = route_key(request, path)
    entry = cache.get(key)
    if entry is None:
        entry = _route_with_wagtail(request, path)
        if entry:
            cache.set(key, entry, CHROME_TIMEOUT)
            remember_key(entry[1].pk, key)  # forgotten with the page when it is published again
        return
    site, page, remaining = entry
    request._wagtail_site = site
    try:
        # The page chooses again for itself: a routable page picks its view, a page gone live=False 404s.
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:
        request._wagtail_route_for_request = None


def _route_with_wagtail(request, path):
    """(site, page, path components the page routes itself), or None when Wagtail finds no page."""
    result = Page.route_for_request(request, path)
    site = Site.find_for_request(request)
    if result is None or site is None:
        return None
    page = result[0]
    home = site.root_page.localized
    own_path = page.url_path.removeprefix(home.url_path)
    if not page.url_path.startswith(home.url_path) or not path.startswith(own_path):
        return None  # not a page of this language's tree (e.g. a fallback): let Wagtail route it every time
    remaining = [component for component in path.removeprefix(own_path).split("/") if component]
    page.locale  # noqa: B018 - loaded now, so it is kept with the page: templates and forms ask for it
    return site, page, remaining
