"""URLs. Everything a patient reads lives under a language prefix (/nl/, /fr/, /en/);
`/` has no page of its own: LocaleMiddleware redirects it by Accept-Language (default nl)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.site_history import SiteHistoryView
from accounts.views import ThrottledPasswordResetView
from core import views as core_views

urlpatterns = [
    # Before the admin's own: the same form, throttled (accounts/views.py).
    path("admin/password_reset/", never_cache(ThrottledPasswordResetView.as_view())),
    # Reports → Site history with formula-safe, audited exports (accounts/site_history.py).
    path("admin/reports/site-history/", require_admin_access(never_cache(SiteHistoryView.as_view()))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", core_views.sitemap_section, name="sitemap-section"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # In production a proxy normally serves /media/; SERVE_MEDIA lets a single small server do it itself.
    from django.views.static import serve

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
