"""What is cached, and when it is forgotten.

The "pages" cache holds anonymous page responses (wagtail-cache), the page of each URL (core/routing.py),
each page's main content ({% wagtailpagecache %} in the page templates) and the data every page repeats (menus,
footer, each language's home page). Content changes rarely and must show at once when it does, so any
publish, unpublish, move or save of content clears the whole "pages" cache: simple, and never stale
(docs/decisions/0008-caching-layers.md).

With Redis (REDIS_URL) every process shares one cache, so one clear reaches them all. The default local-memory
cache lives inside each process: gunicorn's workers, the task worker and `manage.py publish_scheduled` each hold
their own. A clear in one of them would leave the others serving the old page for up to an hour, so a purge
also rewrites a small marker file that every process on the server reads on each request (one small read, a
few microseconds): a process that finds it changed clears its own copy before serving (PurgedElsewhereMiddleware).
"""

import contextvars
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

PAGES_CACHE = "pages"
# Chrome data is rebuilt at most this often even without a purge; the purge is what keeps it fresh.
CHROME_TIMEOUT = 3600


def purge_pages(**kwargs):
    _clear_everywhere()
    # Wagtail publishes inside a transaction: a request served in between would cache the old page again
    # from the not yet committed database, so the purge is repeated once the change is committed.
    transaction.on_commit(_clear_everywhere)


def _clear_everywhere():
    caches[PAGES_CACHE].clear()
    if _cache_is_per_process():
        _purge_marker.announce()


def _cache_is_per_process():
    return isinstance(caches[PAGES_CACHE], LocMemCache)


class PurgeMarker:
    """A file whose content changes on every purge; each process remembers the content it last acted on."""

    def __init__(self, path):
        self.path = Path(path)
        self.seen = None

    def read(self):
        try:
            return self.path.read_text()
        except OSError:
            return ""

    def announce(self):
        token = uuid.uuid4().hex
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed over the old one: a reader never sees a half-written token.
        temporary = self.path.with_name(f"{self.path.name}.{token}")
        temporary.write_text(token)
        os.replace(temporary, self.path)
        self.seen = token

    def purged_elsewhere(self):
        """True once for each purge made by another process since this one last looked."""
        current = self.read()
        if self.seen is None:
            self.seen = current  # a process starts with an empty cache: nothing of its own to forget
            return False
        if current == self.seen:
            return False
        self.seen = current
        return True


_purge_marker = PurgeMarker(settings.PAGE_CACHE_PURGE_MARKER)


class PurgedElsewhereMiddleware:
    """Before a request is answered from this process's page cache, forget pages purged by another process."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.per_process = _cache_is_per_process()

    def __call__(self, request):
        if self.per_process and _purge_marker.purged_elsewhere():
            caches[PAGES_CACHE].clear()
        return self.get_response(request)


def purge_pages_when_changed(*models):
    """Clear the page cache whenever one of `models` (snippets, settings shown on pages) is saved or deleted."""
    for model in models:
        post_save.connect(purge_pages, sender=model, weak=False, dispatch_uid=f"purge-save-{model._meta.label}")
        post_delete.connect(purge_pages, sender=model, weak=False, dispatch_uid=f"purge-delete-{model._meta.label}")


def connect_page_signals():
    page_published.connect(purge_pages, dispatch_uid="purge-page-published")
    page_unpublished.connect(purge_pages, dispatch_uid="purge-page-unpublished")
    post_page_move.connect(purge_pages, dispatch_uid="purge-page-moved")


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
