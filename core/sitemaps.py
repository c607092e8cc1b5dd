from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLocalesSitemap(Sitemap):
    """Every live, public page of every locale, each with its translations as hreflang alternates.

    Wagtail's sitemap walks the default site's root page only, and our nl, fr and en home pages are siblings under
    Wagtail's root. Its cost stays flat: a page's translations are read for a whole sitemap page in one query and
    their URLs made from the request's site root paths, instead of one query (or more) per page. Past `limit`
    URLs (the protocol's 50,000) the view serves an index of several sitemaps (core/views.py).
    """

    def items(self):
        site = self.get_wagtail_site()
        root_translations = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in root_translations:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().filter(alias_of__isnull=True).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = self._live_translations([page.translation_key for page in pages])
        urls, last_mods = [], set()
        for item in pages:
            # BasePage.get_sitemap_urls reads them from here instead of the cache or the database.
            item.__dict__["live_translations"] = translations[item.translation_key]
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _live_translations(self, translation_keys):
        """{translation key: [{code, url, full_url}, …]} in the order of settings.LANGUAGES, in one query."""
        order = [code for code, _name in settings.LANGUAGES]
        found = defaultdict(list)
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in=set(translation_keys), alias_of__isnull=True)
            .select_related("locale")
        )
        for translation in translations:
            found[translation.translation_key].append(
                {
                    "code": translation.locale.language_code,
                    "url": translation.get_url(self.request),
                    "full_url": translation.get_full_url(self.request),
                }
            )
        for alternates in found.values():
            alternates.sort(key=lambda alternate: order.index(alternate["code"]))
        return found
