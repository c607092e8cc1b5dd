"""The site root, the pieces every page shares, and what the clinic says once for all languages.

Settings (`ClinicSettings`) hold what is the same in every language: a site setting has no locale.
Everything a patient reads in their own language is a page or a `TranslatableMixin` snippet.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.cache import bypassing_shared_caches, cached_chrome, page_generation
from core.structured_data import breadcrumbs, medical_clinic

from .blocks import HomeStreamBlock, LegalPageStreamBlock


class BasePage(Page):
    """Every page type of the site: SEO fields, social image and the language links.

    `seo_title` and `search_description` come from Wagtail's Page; this adds the image shown when
    the page is shared, and the translations a search engine and a patient are offered.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social image"),
        help_text=_("Shown when the page is shared. 1200×630 pixels works best."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("For search engines and sharing"),
        ),
        FieldPanel("show_in_menus"),
    ]

    class Meta:
        abstract = True

    @cached_property
    def live_translations(self):
        """This page and its published translations, as {code, url, full_url}, in the order of settings.LANGUAGES.

        Drafts are left out: a patient or a search engine must never be sent to a page that 404s. So are pages
        behind a login or password (view restrictions): their address is not for patients or search engines.
        """

        def build():
            # An alias is the source page under another language's URL, not a translation.
            pages = (
                Page.objects.filter(translation_key=self.translation_key, live=True, alias_of__isnull=True)
                .public()
                .select_related("locale")
            )
            order = [code for code, _name in settings.LANGUAGES]
            return [
                {"code": page.locale.language_code, "url": page.get_url(), "full_url": page.get_full_url()}
                for page in sorted(pages, key=lambda page: order.index(page.locale.language_code))
            ]

        return cached_chrome(f"translations-{self.translation_key}", build)

    def get_cache_key_components(self):
        """{% wagtailpagecache %} keys on these: a publish elsewhere that changes what this page shows (a child's card,
        a linked page) moves its generation, so its kept main content is rebuilt (core/cache.py)."""
        return [*super().get_cache_key_components(), page_generation(self.pk)]

    def permissions_for_user(self, user):
        from editorial.workflows import ClinicPagePermissionTester

        return ClinicPagePermissionTester(user, self)

    def serve_preview(self, request, mode_name):
        """A preview shows unpublished content: it never reads or fills a shared cache (the page cache and
        {% wagtailpagecache %} already skip previews; `cached_chrome` is told here). The response is rendered
        inside, because a TemplateResponse renders lazily, after this method has returned."""
        with bypassing_shared_caches():
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        # The admin's preview panel shows this in a frame: its own origin may frame it, nothing else.
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def get_view_restrictions(self):
        """No query for a site without any private page, which is this clinic's case."""
        from wagtail.models import PageViewRestriction

        if not cached_chrome("any-view-restriction", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def meta_description(self):
        """The search description, or the introduction: a page never goes out without one."""
        text = self.search_description or getattr(self, "intro", "") or ""
        return Truncator(text).chars(160)

    def structured_data(self, request, context):
        """JSON-LD objects for this page; page types add their schema.org types to the breadcrumbs."""
        return [self.breadcrumbs(request)]

    def breadcrumbs(self, request):
        return cached_chrome(f"breadcrumbs-{self.pk}", lambda: breadcrumbs(self, request))

    def get_sitemap_urls(self, request=None):
        alternates = [
            {"location": translation["full_url"], "lang_code": translation["code"]}
            for translation in self.live_translations
        ]
        default = next((alt for alt in alternates if alt["lang_code"] == settings.LANGUAGE_CODE), None)
        if default:
            alternates.append({"location": default["location"], "lang_code": "x-default"})
        return [
            {
                "location": self.get_full_url(request),
                "lastmod": self.last_published_at or self.latest_revision_created_at,
                "alternates": alternates,
            }
        ]


class HomePage(BasePage):
    """The start page of one language. Its translations are siblings under Wagtail's root."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title: who the clinic is and what this site offers."),
    )
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = len(settings.LANGUAGES)

    class Meta:
        verbose_name = _("home page")

    def structured_data(self, request, context):
        clinic = context["clinic"]
        return [medical_clinic(clinic, request, self.get_full_url(request)), self.breadcrumbs(request)]


class StandardPage(BasePage):
    """A plain text page: privacy policy, legal notice, terms. No treatment information."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(LegalPageStreamBlock(), verbose_name=_("body"))
    updated_on = models.DateField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_("Shown to readers of legal pages; change it when the content changes in substance."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("updated_on")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """What the clinic is, once for every language: it appears in the footer, contact page and structured data.

    Text that differs per language (footer, disclaimer) is a translatable snippet instead.
    """

    name = models.CharField(
        _("clinic name"),
        max_length=120,
        default="Face Clinic Belgium",
        help_text=_("The name patients know, shown at the top of the footer and in search results."),
    )
    # Identity of the publisher and data controller: Code of Economic Law art. XII.6 and III.74, Companies
    # Code art. 2:20, GDPR art. 13. Each may stay empty while the site is being prepared; the launch gate
    # (`manage.py check --deploy --database default` and the dashboard's "Before launch") names what is missing.
    legal_name = models.CharField(
        _("legal name"),
        max_length=200,
        blank=True,
        help_text=_("The company's name as registered in the Crossroads Bank for Enterprises (KBO/BCE)."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=60, blank=True, help_text=_("E.g. BV / SRL, or 'sole practitioner'.")
    )
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country_code = models.CharField(_("country code"), max_length=2, default="BE")
    registered_office = models.CharField(
        _("registered office"),
        max_length=250,
        blank=True,
        help_text=_("Only if the registered office is not the address above: street, number, postal code, city."),
    )
    company_number = models.CharField(
        _("company number (KBO/BCE)"),
        max_length=20,
        blank=True,
        help_text=_("E.g. 0123.456.789. Shown in the footer and the legal notice, as Belgian law requires."),
    )
    register_court = models.CharField(
        _("RPR/RPM court"),
        max_length=120,
        blank=True,
        help_text=_("The enterprise court of the registered office, e.g. 'Ondernemingsrechtbank Gent'."),
    )
    vat_number = models.CharField(
        _("VAT number"),
        max_length=20,
        blank=True,
        help_text=_("E.g. BE0123456789. Aesthetic procedures without a therapeutic purpose are subject to VAT."),
    )
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text=_("International format, e.g. +32 2 123 45 67.")
    )
    email = models.EmailField(_("public e-mail"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_(
            "One line per period in schema.org form, e.g. 'Mo-Fr 09:00-18:00' or 'Sa 09:00-13:00'. "
            "The site shows the day names in the reader's language."
        ),
    )
    professional_body = models.CharField(
        _("professional body"),
        max_length=200,
        blank=True,
        help_text=_(
            "The provincial council of the Order of Physicians the doctors belong to, e.g. "
            "'Orde der artsen, provinciale raad Oost-Vlaanderen / Ordre des médecins'."
        ),
    )
    liability_insurer = models.CharField(
        _("professional liability insurer"),
        max_length=250,
        blank=True,
        help_text=_("Name and address of the insurer, and the geographical cover, e.g. 'Belgium'."),
    )
    data_protection_email = models.EmailField(
        _("data protection contact e-mail"),
        blank=True,
        help_text=_("Where patients exercise their GDPR rights and withdraw consent. May be the public e-mail."),
    )
    data_protection_officer = models.CharField(
        _("data protection officer (DPO)"),
        max_length=200,
        blank=True,
        help_text=_("Name and contact of the DPO, if one is designated. Leave empty if there is none."),
    )
    quote_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("quote form page"),
        help_text=_("Where 'Ask for a quote' buttons lead; each language gets its own translation of this page."),
    )
    quote_retention_months = models.PositiveSmallIntegerField(
        _("keep quote requests for (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Requests older than this are deleted once a day, with their notes, as the privacy policy promises."
        ),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("legal_form"),
                FieldPanel("company_number"),
                FieldPanel("register_court"),
                FieldPanel("vat_number"),
            ],
            heading=_("Company"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("country_code"),
                FieldPanel("registered_office"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("opening_hours")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("professional_body"),
                FieldPanel("liability_insurer"),
                FieldPanel("data_protection_email"),
                FieldPanel("data_protection_officer"),
            ],
            heading=_("Profession and data protection"),
        ),
        FieldPanel("quote_page"),
        MultiFieldPanel([FieldPanel("quote_retention_months")], heading=_("Patient data")),
    ]

    class Meta:
        verbose_name = _("clinic details")

    def __str__(self):
        return self.name

    @property
    def postal_address(self):
        """The practice address on one line, or "" while any part is missing."""
        if not (self.street_address and self.postal_code and self.city):
            return ""
        return f"{self.street_address}, {self.postal_code} {self.city}"

    @property
    def registered_office_address(self):
        return self.registered_office or self.postal_address

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]


class LocalizedSnippetQuerySet(models.QuerySet):
    def for_active_locale(self, **lookup):
        """The object in the visitor's language, or in the source language while it is untranslated."""
        active = get_supported_content_language_variant(get_language())
        candidates = self.filter(**lookup, locale__language_code__in={active, settings.SOURCE_LANGUAGE_CODE})
        by_language = {obj.locale.language_code: obj for obj in candidates.select_related("locale")}
        return by_language.get(active) or by_language.get(settings.SOURCE_LANGUAGE_CODE)


class Menu(TranslatableMixin, ClusterableModel):
    """A list of links in one language: the main navigation and the footer's legal links.

    Items point at pages of the source language; the template shows each page's live translation.
    """

    handle = models.SlugField(
        _("handle"),
        max_length=40,
        help_text=_("How the templates find this menu: 'main' or 'footer'. The same in every language."),
    )
    title = models.CharField(_("title"), max_length=80, help_text=_("Read by screen readers, e.g. 'Main menu'."))

    objects = LocalizedSnippetQuerySet.as_manager()

    panels = [FieldPanel("handle"), FieldPanel("title"), InlinePanel("items", label=_("Links"))]
    override_translatable_fields = [SynchronizedField("handle")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        unique_together = [("translation_key", "locale"), ("handle", "locale")]

    def __str__(self):
        return self.title


class MenuItem(TranslatableMixin, Orderable):
    """One link of a menu. The label is optional: by default the page's own (translated) title."""

    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    link_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("Leave empty to use the page's title."))

    panels = [FieldPanel("link_page"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("menu link")


class Footer(TranslatableMixin):
    """The footer's text in one language (the clinic's details come from ClinicSettings)."""

    text = RichTextField(
        _("text"),
        features=["bold", "italic", "link"],
        help_text=_("A short statement under the clinic's details, e.g. that the site gives medical information."),
    )

    objects = LocalizedSnippetQuerySet.as_manager()

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"


class Disclaimer(TranslatableMixin):
    """A medical disclaimer in one language, shown in the footer and on treatment pages.

    Belgian law (23 May 2013) forbids advertising aesthetic procedures: the disclaimer keeps pages informative.
    """

    handle = models.SlugField(
        _("handle"), max_length=40, help_text=_("How the templates find it, e.g. 'general'. Same in every language.")
    )
    title = models.CharField(_("title"), max_length=120)
    text = RichTextField(_("text"), features=["bold", "italic", "link"])

    objects = LocalizedSnippetQuerySet.as_manager()

    panels = [FieldPanel("handle"), FieldPanel("title"), FieldPanel("text")]
    override_translatable_fields = [SynchronizedField("handle")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("disclaimer")
        unique_together = [("translation_key", "locale"), ("handle", "locale")]

    def __str__(self):
        return self.title
