"""Template tags for what every page shows: the language links, the menus and the footer."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from core.cache import cached_chrome
from core.public_address import public_url as absolute_public_url
from core.structured_data import to_script_json
from home.models import Disclaimer, Footer, Menu

register = template.Library()

KEPT_ON_LANGUAGE_SWITCH = ["treatment", "q"]
DAY_NAMES = {
    "Mo": _("Monday"),
    "Tu": _("Tuesday"),
    "We": _("Wednesday"),
    "Th": _("Thursday"),
    "Fr": _("Friday"),
    "Sa": _("Saturday"),
    "Su": _("Sunday"),
}


def _home_urls_by_language(request):
    """Each language's live home page URL: where the switcher sends a reader when a page has no translation."""

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return {}
        homes = (
            site.root_page.get_translations(inclusive=True)
            .live()
            .filter(alias_of__isnull=True)
            .select_related("locale")
        )
        return {home.locale.language_code: home.get_url(request) for home in homes}

    return cached_chrome("home-urls", build)


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, page=None):
    """The language switcher: each language's live translation of this page, else that language's home.

    Never a draft (it would 404) and never an alias: a reader who switches lands on a real page.
    """
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    translations = {t["code"]: t["url"] for t in getattr(page, "live_translations", [])}
    homes = _home_urls_by_language(request)
    # A patient who switches language on the quote form keeps the treatment chosen (the form finds its
    # translation), and on the search page keeps the query.
    kept = {name: request.GET[name] for name in KEPT_ON_LANGUAGE_SWITCH if request.GET.get(name)}
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        url = f"{url}?{urlencode(kept)}" if url and kept else url or homes.get(code) or f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}


@register.inclusion_tag("includes/hreflang.html")
def hreflang_links(page):
    """<link rel=alternate hreflang> for each live translation, plus x-default for the default language."""
    alternates = [{"code": t["code"], "url": t["full_url"]} for t in getattr(page, "live_translations", [])]
    default = next((alt for alt in alternates if alt["code"] == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates, "default": default}


@register.inclusion_tag("includes/menu.html", takes_context=True)
def menu(context, handle):
    """A menu in the reader's language; each link goes to the live translation of its page."""
    request = context["request"]
    language = get_language()
    menu_data = cached_chrome(f"menu-{handle}-{language}", lambda: _menu_data(handle, language, request))
    current_page = context.get("page")
    current_pk = getattr(current_page, "pk", None)
    items = [{**item, "is_current": item["page_pk"] == current_pk} for item in menu_data["items"]]
    return {"title": menu_data["title"], "handle": handle, "items": items}


def _menu_data(handle, language, request):
    menu = Menu.objects.for_active_locale(handle=handle)
    if menu is None:
        return {"title": "", "items": []}
    menu_items = list(menu.items.select_related("link_page"))
    localized = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[item.link_page.translation_key for item in menu_items],
            locale__language_code=language,
            live=True,
            alias_of__isnull=True,
        )
    }
    items = []
    for item in menu_items:
        page = localized.get(item.link_page.translation_key)
        if page is not None:
            items.append({"label": item.label or page.title, "url": page.get_url(request), "page_pk": page.pk})
    return {"title": menu.title, "items": items}


@register.simple_tag
def footer_text():
    return cached_chrome(f"footer-{get_language()}", Footer.objects.for_active_locale)


@register.simple_tag
def disclaimer(handle="general"):
    return cached_chrome(
        f"disclaimer-{handle}-{get_language()}", lambda: Disclaimer.objects.for_active_locale(handle=handle)
    )


@register.filter
def phone_href(number):
    """'+32 2 123 45 67' → '+3221234567', for a tel: link a phone can dial."""
    return "".join(char for char in number if char.isdigit() or char == "+")


@register.filter
def opening_hours_readable(line):
    """'Mo-Fr 09:00-18:00' → 'Monday – Friday 09:00–18:00' in the reader's language."""
    days, _sep, hours = line.partition(" ")
    names = [str(DAY_NAMES.get(day, day)) for day in days.split("-")]
    return f"{' – '.join(names)} {hours.replace('-', '–')}".strip()


@register.simple_tag
def public_url(path_or_url):
    """An absolute URL at the public address (WAGTAILADMIN_BASE_URL); media on S3 is absolute already."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return absolute_public_url(path_or_url)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, one <script type="application/ld+json"> per object.

    Derived from published content only, so it is kept with the page chrome until the next publish.
    """
    page = context.get("page")
    if page is None or not hasattr(page, "structured_data"):
        return ""

    def render():
        return "\n".join(
            format_html('<script type="application/ld+json">{}</script>', to_script_json(item))
            for item in page.structured_data(context["request"], context)
        )

    return mark_safe(cached_chrome(f"json-ld-{page.pk}", render))  # noqa: S308 - escaped by format_html and to_script_json


@register.simple_tag(takes_context=True)
def quote_url(context, treatment=None):
    """The quote form in the reader's language, with `treatment` pre-selected."""
    request = context["request"]

    def build():
        quote_page = context["clinic"].quote_page
        return quote_page.localized.get_url(request) if quote_page is not None else ""

    url = cached_chrome(f"quote-url-{get_language()}", build)
    if not url:
        return ""
    return f"{url}?{urlencode({'treatment': treatment.pk})}" if treatment is not None else url
