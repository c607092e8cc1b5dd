"""Site-wide views that are not pages: sitemap, robots.txt, favicon. Each answers GET and HEAD (crawlers and
monitors ask with HEAD first)."""

from django.contrib.sitemaps.views import index as django_sitemap_index
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .public_address import public_url
from .sitemaps import AllLocalesSitemap


@require_safe
def sitemap(request):
    """The sitemap; past the protocol's 50,000 URLs a file, an index of sitemaps of that size each."""
    sitemaps = {"pages": AllLocalesSitemap(request)}
    if sitemaps["pages"].paginator.num_pages > 1:
        return django_sitemap_index(request, sitemaps, sitemap_url_name="sitemap-section")
    return django_sitemap(request, sitemaps=sitemaps)


@require_safe
def sitemap_section(request, section):
    """One sitemap of the index (`?p=2` for the second 50,000 URLs)."""
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)}, section=section)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # The public address, whatever host name the request came in by (a proxy, an IP address).
        f"Sitemap: {public_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says; answer with the real icon, not a 404.
    return redirect(static("img/favicon.svg"), permanent=True)
