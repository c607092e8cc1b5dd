from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap walks the default site's root page only, and our nl, fr and en home pages are
    siblings under Wagtail's root: list every live, public page of every locale instead."""

    def items(self):
        site = self.get_wagtail_site()
        root_translations = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in root_translations:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        # Aliases (e.g. an untranslated English parent under /fr/) are not translations: never offered.
        return pages.live().public().filter(alias_of__isnull=True).order_by("path").defer_streamfields().specific()
