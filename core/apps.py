from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure that is not a page: the page cache and its purge, routing, security headers and middleware,
    the sitemap, robots.txt and schema.org structured data. Pages and their settings live in `home/` and the other
    content apps; `core` imports none of them, so every app may import from it."""

    name = "core"
    verbose_name = _("Infrastructure")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import public_address  # noqa: F401 - registers the Site address check

        # Once per migrate, after Wagtail's own tables (and its default Site) exist.
        post_migrate.connect(_sync_after_wagtailcore, dispatch_uid="core.sync_default_site")


def _sync_after_wagtailcore(app_config, **kwargs):
    if app_config.label == "wagtailcore":
        from .public_address import sync_default_site

        sync_default_site()
