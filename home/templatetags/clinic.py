"""Template tags for what every page shows: the language links, the menus and the footer."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from home.models import ClinicSettings, Disclaimer, Footer, Menu
from home.structured_data import to_script_json

register = template.Library()

DAY_NAMES = {
    "Mo": _("Monday"),
    "Tu": _("Tuesday"),
    "We": _("Wednesday"),
    "Th": _("Thursday"),
    "Fr": _("Friday"),
    "Sa": _("Saturday"),
    "Su": _("Sunday"),
}


def _home_pages_by_language(request):
    """Each language's live home page: where the switcher sends a reader when a page has no translation."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
    return {home.locale.language_code: home for home in homes}


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, page=None):
    """The language switcher: each language's live translation of this page, else that language's home.

    Never a draft (it would 404) and never an alias: a reader who switches lands on a real page.
    """
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    translations = {p.locale.language_code: p for p in getattr(page, "live_translations", [])}
    homes = _home_pages_by_language(request)
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context, page):
    """<link rel=alternate hreflang> for each live translation, plus x-default for the default language."""
    request = context["request"]
    alternates = [
        {"code": p.locale.language_code, "url": p.get_full_url(request)} for p in getattr(page, "live_translations", [])
    ]
    default = next((alt for alt in alternates if alt["code"] == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates, "default": default}


@register.inclusion_tag("includes/menu.html", takes_context=True)
def menu(context, handle):
    """A menu in the reader's language; each link goes to the live translation of its page."""
    menu = Menu.objects.for_active_locale(handle=handle)
    if menu is None:
        return {"menu": None, "items": []}
    menu_items = list(menu.items.select_related("link_page"))
    localized = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[item.link_page.translation_key for item in menu_items],
            locale__language_code=get_language(),
            live=True,
        )
    }
    request = context["request"]
    current_page = context.get("page")
    items = []
    for item in menu_items:
        page = localized.get(item.link_page.translation_key)
        if page is not None:
            items.append(
                {
                    "label": item.label or page.title,
                    "url": page.get_url(request),
                    "is_current": current_page is not None and page.pk == current_page.pk,
                }
            )
    return {"menu": menu, "items": items}


@register.simple_tag
def footer_text():
    return Footer.objects.for_active_locale()


@register.simple_tag
def disclaimer(handle="general"):
    return Disclaimer.objects.for_active_locale(handle=handle)


@register.filter
def opening_hours_readable(line):
    """'Mo-Fr 09:00-18:00' → 'Monday – Friday 09:00–18:00' in the reader's language."""
    days, _sep, hours = line.partition(" ")
    names = [str(DAY_NAMES.get(day, day)) for day in days.split("-")]
    return f"{' – '.join(names)} {hours.replace('-', '–')}".strip()


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD, one <script type="application/ld+json"> per object."""
    page = context.get("page")
    if page is None or not hasattr(page, "structured_data"):
        return ""
    scripts = [
        format_html('<script type="application/ld+json">{}</script>', to_script_json(item))
        for item in page.structured_data(context["request"], context)
    ]
    return mark_safe("\n".join(scripts))  # noqa: S308 - each part is escaped by format_html and to_script_json


@register.simple_tag(takes_context=True)
def quote_url(context, treatment=None):
    """The quote form in the reader's language, with `treatment` pre-selected."""
    request = context["request"]
    quote_page = ClinicSettings.for_request(request).quote_page
    if quote_page is None:
        return ""
    url = quote_page.localized.get_url(request)
    return f"{url}?{urlencode({'treatment': treatment.pk})}" if treatment is not None else url
