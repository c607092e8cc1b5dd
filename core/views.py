"""Site-wide views that are not pages: sitemap, robots.txt, favicon. Each answers GET and HEAD (crawlers and
monitors ask with HEAD first)."""

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
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})


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
