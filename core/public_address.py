"""The public address of the site: `WAGTAILADMIN_BASE_URL` decides the scheme and host of every absolute URL.

Wagtail builds absolute page URLs (canonical, hreflang, og:url, sitemap, JSON-LD, links in e-mails) from the
default Site record's hostname and port, and robots.txt and pictures use the same address. So the default Site
follows the setting: it is written after every `migrate` (the deploy step every process shares), and the Site's
post_save purges the page caches (home/apps.py), so every process serves the new address at once. An editor who
changes the Site by hand in the admin is corrected by the next deploy, and `check --deploy --database default`
reports a Site that does not match.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


def public_base_url():
    """`WAGTAILADMIN_BASE_URL` without a trailing slash, e.g. https://www.example.be."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def public_url(path):
    return f"{public_base_url()}{path}"


def site_address():
    """(hostname, port) of the public address as Wagtail's Site model stores them (443 means https)."""
    parts = urlsplit(public_base_url())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(**kwargs):
    """Give the default Site the public address; a no-op when it has it already (no save, no purge)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = site_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site


@register(Tags.database, deploy=True)
def check_default_site_address(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # home/launch.py reports an unreadable database
    if site is not None and site.root_url != public_base_url():
        return [
            Error(
                f"The default Site answers at {site.root_url}, not at WAGTAILADMIN_BASE_URL ({public_base_url()}).",
                hint="Run `manage.py migrate`, which sets the default Site to WAGTAILADMIN_BASE_URL.",
                id="launch.E020",
            )
        ]
    return []
