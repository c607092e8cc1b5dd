"""What is cached, and what a change forgets (docs/decisions/0008-caching-layers.md).

The "pages" cache holds anonymous page responses (wagtail-cache), the page of each URL (core/routing.py), each
page's main content ({% wagtailpagecache %} in the page templates) and the data every page repeats (menus,
footer, each language's home page). In production it lives in Redis, shared by every process and server.

What is stored: only complete `200` responses to requests without a query string (tracking parameters aside).
A `304 Not Modified` has no body, a 404 or a redirect is cheap to make again, and every search or page number
would otherwise be stored whole, pushing the real pages out.

What a publish forgets:
- the page's content changed (text, images, SEO fields): that page, its translations, its parent (listings show
  its card) and every page that shows or links to it according to Wagtail's reference index, including pages
  that show a snippet which refers to it; plus the responses that are not pages (sitemap, robots.txt);
- the page appeared, disappeared, moved, or changed its title, slug or menu flag (which menus, breadcrumbs,
  listings and the quote form's choices show everywhere), or a snippet, setting, image or the Site changed:
  the whole "pages" cache, and only its own keys (core/cache_backends.py).
Wagtail's frontend cache (a CDN) is purged by the same rule.
"""

import contextvars
import logging
import re
import uuid
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.cache import _generate_cache_header_key, _generate_cache_key
from django.utils.translation import get_language_from_request
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailcache.cache import (
    FetchFromCacheMiddleware,
    UpdateCacheMiddleware,
    _chop_cookies,
    _chop_querystring,
    _get_cache_key,
)
from wagtailcache.settings import wagtailcache_settings

logger = logging.getLogger(__name__)

PAGES_CACHE = "pages"
# Chrome data is rebuilt at most this often even without a purge; the purge is what keeps it fresh.
CHROME_TIMEOUT = 3600
# What other pages show of a page: a change to one of these is a change to the site's chrome.
CHROME_FIELDS = ("title", "slug", "url_path", "live", "show_in_menus", "path")
NOT_A_PAGE = "other"
ROUTE_PREFIX = "route|"


# Whole purge


def purge_pages(**kwargs):
    """Forget everything in the page cache, now and again once the change is committed."""
    _clear_pages_cache()
    # Wagtail publishes inside a transaction: a request served in between would cache the old page again
    # from the not yet committed database, so the purge is repeated once the change is committed.
    transaction.on_commit(_clear_pages_cache)


def _clear_pages_cache():
    caches[PAGES_CACHE].clear()
    _purge_cdn(Page.objects.live().defer_streamfields())


# Selective purge


def remember_page_state(sender, instance, **kwargs):
    """pre_save of a page: keep what other pages show of it, as it was before this publish."""
    if not isinstance(instance, Page) or not instance.pk or hasattr(instance, "_state_before_publish"):
        return
    instance._state_before_publish = Page.objects.filter(pk=instance.pk).values(*CHROME_FIELDS).first()


def page_changed(sender, instance, **kwargs):
    """page_published: forget what this publish changed, the whole cache only when the chrome changed."""
    before = getattr(instance, "_state_before_publish", None)
    if before is None or any(before[field] != getattr(instance, field) for field in CHROME_FIELDS):
        purge_pages()
        return
    pages = pages_showing(instance)
    forget_pages(pages, published=instance)
    transaction.on_commit(lambda: forget_pages(pages, published=instance))


def pages_showing(page):
    """The page, its translations, its parent and every page that refers to it (directly or through a snippet)."""
    translations = list(Page.objects.filter(translation_key=page.translation_key).defer_streamfields())
    page_ids = {page.pk, *(translation.pk for translation in translations)}
    parent = page.get_parent()
    if parent is not None:
        page_ids.add(parent.pk)
    # Pages link to a page in any of its languages and show it in theirs (e.g. a condition's treatments).
    for translation in translations:
        page_ids |= _pages_referring_to(translation)
    return list(Page.objects.filter(pk__in=page_ids).defer_streamfields())


def _pages_referring_to(obj, hops=2):
    """Ids of the pages whose content refers to `obj`, following snippets (e.g. an FAQ that names a treatment)."""
    page_ids = set()
    for referrer, _references in ReferenceIndex.get_references_to(obj).group_by_source_object():
        if referrer is None:
            continue
        if isinstance(referrer, Page):
            page_ids.add(referrer.pk)
        elif hops > 1:
            page_ids |= _pages_referring_to(referrer, hops - 1)
    return page_ids


def forget_pages(pages, published=None):
    """Forget what these pages show: their stored responses, main content and structured data.

    Their routes stay (a content publish moves no URL): a route holds the page itself, so the published page's
    routes are given its new version instead of being read again (four to eight queries). Breadcrumbs and
    translations show titles and URLs only, which a content publish does not change.
    """
    cache = caches[PAGES_CACHE]
    stale = []
    for page in pages:
        stale.append(f"json-ld-{page.pk}")
        for key in _take_index(page.pk):
            if not key.startswith(ROUTE_PREFIX):
                stale.append(key)
                continue
            if published is not None and page.pk == published.pk:
                _refresh_route(cache, key, published)
            remember_key(page.pk, key)
        # {% wagtailpagecache %} keys on the page's cache_key, which includes this generation (home/models.py).
        cache.set(_generation_key(page.pk), uuid.uuid4().hex, CHROME_TIMEOUT * 2)
    stale += _take_index(NOT_A_PAGE)
    cache.delete_many(stale)
    _purge_cdn(pages)


def _refresh_route(cache, key, page):
    entry = cache.get(key)
    if entry is None:
        return
    site, _old_page, remaining = entry
    page.locale  # noqa: B018 - kept with the page, as core/routing.py does
    for attribute in ("_state_before_publish",):
        page.__dict__.pop(attribute, None)
    cache.set(key, (site, page, remaining), CHROME_TIMEOUT)


def page_generation(page_id):
    """Changes whenever a change elsewhere alters what this page shows: part of its fragment cache key."""
    return caches[PAGES_CACHE].get(_generation_key(page_id))


def _generation_key(page_id):
    return f"generation-{page_id}"


# Which keys belong to which page: a set per page (a Redis set with django-redis, so that app servers adding to
# it at once lose nothing).


def remember_key(owner, key):
    cache = caches[PAGES_CACHE]
    index = f"keys-of-{owner}"
    redis = _redis_client(cache)
    if redis is not None:
        name = cache.make_and_validate_key(index)
        redis.sadd(name, key)
        redis.expire(name, CHROME_TIMEOUT * 2)
    else:
        cache.set(index, {*(cache.get(index) or ()), key}, CHROME_TIMEOUT * 2)


def _take_index(owner):
    cache = caches[PAGES_CACHE]
    index = f"keys-of-{owner}"
    redis = _redis_client(cache)
    if redis is not None:
        name = cache.make_and_validate_key(index)
        keys = [key.decode() for key in redis.smembers(name)]
        redis.delete(name)
        return keys
    keys = list(cache.get(index) or ())
    cache.delete(index)
    return keys


def _redis_client(cache):
    client = getattr(cache, "client", None)
    return client.get_client(write=True) if hasattr(client, "get_client") else None


# The CDN


def _purge_cdn(pages):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


# What is stored


def is_request_cacheable(request, is_cacheable):
    """wagtail-cache hook: a query string (search, page number) is not stored whole; tracking parameters are
    ignored first by wagtail-cache itself (WAGTAIL_CACHE_IGNORE_QS).

    Previews never read the page cache: Wagtail marks a preview's request `is_dummy` before the middleware runs
    (`is_preview` only after) and gives it the Site's host name, so a preview of a page whose public address
    matches the Site would otherwise be answered with the cached live page."""
    if getattr(request, "is_dummy", False):
        return False
    # The page cache answers before authentication (config/settings/base.py): a session cookie stands for a
    # signed-in user, who gets their own render (the userbar, drafts, restricted pages) and stores nothing.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if is_cacheable and _meaningful_query(request):
        return False
    return is_cacheable


def _meaningful_query(request):
    if not request.GET:
        return False
    ignored = [re.compile(pattern) for pattern in wagtailcache_settings.WAGTAIL_CACHE_IGNORE_QS]
    return any(not any(pattern.match(name) for pattern in ignored) for name in request.GET)


def is_response_cacheable(response, is_cacheable):
    """wagtail-cache hook: only complete 200s. It would also keep 301, 302, 304 and 404: a 304 has no body, and
    the next visitor would get that empty answer."""
    if response.status_code != 200:
        return False
    return is_cacheable


class FetchPageCacheMiddleware(FetchFromCacheMiddleware):
    """wagtail-cache's fetch, placed before sessions, LocaleMiddleware and authentication (config/settings/base.py)
    so that a stored page costs little more than a static file.

    - Signed-in users carry a session cookie, which `is_request_cacheable` refuses; `request.user` is not known yet.
    - The key's language is the URL's, as LocaleMiddleware will decide it, not the language the worker's previous
      request left active.
    - One Redis round trip: Django keys a page by the headers its response varied on, stored under a second key.
      Both are read together (MGET), the page by the header list this process last saw for the URL; only when
      that list changed is the page read again. wagtail-cache and Django read them one after the other.
      (Django's and wagtail-cache's key helpers are private: the pinned versions are tested in test_page_cache.)
    """

    MAX_REMEMBERED_URLS = 20_000

    def __init__(self, get_response):
        super().__init__(get_response)
        self._header_lists = {}

    def process_request(self, request):
        if not wagtailcache_settings.WAGTAIL_CACHE:
            return None
        request.LANGUAGE_CODE = get_language_from_request(request, check_path=True)
        is_cacheable = request.method in ("GET", "HEAD") and not getattr(request, "is_preview", False)
        for decide in hooks.get_hooks("is_request_cacheable"):
            decision = decide(request, is_cacheable)
            if isinstance(decision, bool):
                is_cacheable = decision
        if not is_cacheable:
            request._wagtailcache_update = False
            request._wagtailcache_skip = True
            return None
        try:
            response = self._stored_response(request)
        except Exception:
            request._wagtailcache_error = True
            logger.exception("Could not fetch page from cache backend.")
            return None
        request._wagtailcache_update = response is None
        return response

    def _stored_response(self, request):
        request = _chop_cookies(_chop_querystring(request))
        prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        header_key = _generate_cache_header_key(prefix, request)
        remembered = self._header_lists.get(header_key)
        if remembered is None:
            header_list = self._wagcache.get(header_key)
        else:
            guessed_key = _generate_cache_key(request, request.method, remembered, prefix)
            found = self._wagcache.get_many([header_key, guessed_key])
            header_list = found.get(header_key)
            if header_list == remembered:
                return found.get(guessed_key)
        if header_list is None:
            return None
        self._remember(header_key, header_list)
        return self._wagcache.get(_generate_cache_key(request, request.method, header_list, prefix))

    def _remember(self, header_key, header_list):
        if len(self._header_lists) >= self.MAX_REMEMBERED_URLS:
            self._header_lists.clear()
        self._header_lists[header_key] = header_list


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """wagtail-cache's middleware, noting which page each stored response belongs to, so a publish can forget
    that page's responses and no others."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.get(wagtailcache_settings.WAGTAIL_CACHE_HEADER) == "miss":
            route = getattr(request, "_wagtail_route_for_request", None)
            owner = route[0].pk if route else NOT_A_PAGE
            try:
                remember_key(owner, _get_cache_key(request, self._wagcache))
            except Exception:
                logger.exception("Could not index a page response in the cache.")
        return response


# Wiring


def purge_pages_when_changed(*models):
    """Clear the page cache whenever one of `models` (snippets, settings shown on pages) is saved or deleted."""
    for model in models:
        post_save.connect(purge_pages, sender=model, weak=False, dispatch_uid=f"purge-save-{model._meta.label}")
        post_delete.connect(purge_pages, sender=model, weak=False, dispatch_uid=f"purge-delete-{model._meta.label}")


def connect_page_signals():
    pre_save.connect(remember_page_state, dispatch_uid="remember-page-state")
    page_published.connect(page_changed, dispatch_uid="purge-page-published")
    page_unpublished.connect(purge_pages, dispatch_uid="purge-page-unpublished")
    post_page_move.connect(purge_pages, dispatch_uid="purge-page-moved")
    # Per page model, not for every model: a post_delete receiver without a sender would stop Django from
    # deleting any model in bulk (the retention purge among them).
    for model in apps.get_models():
        if issubclass(model, Page):
            post_delete.connect(purge_pages, sender=model, dispatch_uid=f"purge-page-deleted-{model._meta.label}")


# True while a preview renders: its draft must neither read what the public gets nor leave anything behind.
_bypass_shared_caches = contextvars.ContextVar("bypass_shared_caches", default=False)


@contextmanager
def bypassing_shared_caches():
    """Inside: `cached_chrome` builds fresh every time and stores nothing (previews of unpublished content)."""
    token = _bypass_shared_caches.set(True)
    try:
        yield
    finally:
        _bypass_shared_caches.reset(token)


def cached_chrome(key, build):
    """`build()` once per key until the next purge: data shown on every page in one language."""
    if _bypass_shared_caches.get():
        return build()
    cache = caches[PAGES_CACHE]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CHROME_TIMEOUT)
    return value
