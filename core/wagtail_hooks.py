from wagtail import hooks

from .cache import is_request_cacheable, is_response_cacheable

# What wagtail-cache may store and serve: complete 200s for URLs without a query string, never to a preview
# (core/cache.py).
hooks.register("is_request_cacheable", is_request_cacheable)
hooks.register("is_response_cacheable", is_response_cacheable)
