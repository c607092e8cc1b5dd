from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure that is not a page: the page cache and its purge, routing, security headers and middleware,
    the sitemap, robots.txt and schema.org structured data. Pages and their settings live in `home/` and the other
    content apps; `core` imports none of them, so every app may import from it."""

    name = "core"
    verbose_name = _("Infrastructure")
