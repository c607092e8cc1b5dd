"""What is cached, and when it is forgotten.

The "pages" cache holds anonymous page responses (wagtail-cache) and the data every page repeats (menus,
footer, each language's home page). Content changes rarely and must show at once when it does, so any
publish, unpublish, move or save of content clears the whole "pages" cache: simple, and never stale.
"""

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

PAGES_CACHE = "pages"
# Chrome data is rebuilt at most this often even without a purge; the purge is what keeps it fresh.
CHROME_TIMEOUT = 3600


def purge_pages(**kwargs):
    caches[PAGES_CACHE].clear()


def purge_pages_when_changed(*models):
    """Clear the page cache whenever one of `models` (snippets, settings shown on pages) is saved or deleted."""
    for model in models:
        post_save.connect(purge_pages, sender=model, weak=False, dispatch_uid=f"purge-save-{model._meta.label}")
        post_delete.connect(purge_pages, sender=model, weak=False, dispatch_uid=f"purge-delete-{model._meta.label}")


def connect_page_signals():
    page_published.connect(purge_pages, dispatch_uid="purge-page-published")
    page_unpublished.connect(purge_pages, dispatch_uid="purge-page-unpublished")
    post_page_move.connect(purge_pages, dispatch_uid="purge-page-moved")


def cached_chrome(key, build):
    """`build()` once per key until the next purge: data shown on every page in one language."""
    cache = caches[PAGES_CACHE]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CHROME_TIMEOUT)
    return value
