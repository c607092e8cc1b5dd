"""Treatments, the conditions they address, the practitioners who perform them, and the questions patients ask.

Belgian law (23 May 2013) allows information, not advertising, about aesthetic procedures: a treatment page
must state its indications, contraindications, risks and side effects, follow-up care and alternatives, and
name its practitioners with their titles. Those are structured fields, required before publishing.
"""

import re
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, When
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField

from core.search import backend_for_language
from core.structured_data import medical_web_page, plain_text, text_items
from editorial.workflows import WorkflowRequiredPermissionTester
from home.models import BasePage, StandardPage

from .blocks import TreatmentStreamBlock

SECTION_FEATURES = ["bold", "italic", "ul", "ol", "link"]
# The workflow that treatment pages go through before publishing (created by migration 0002).
MEDICAL_REVIEW = "Medical review"
SEARCH_RESULTS_PER_PAGE = 10
TREATMENTS_PER_PAGE = 12


def _in_locale_first(locale_id):
    """Ordering that puts the translation in `locale_id` before the same object in other languages."""
    return Case(When(locale_id=locale_id, then=0), default=1)


class PractitionerQuerySet(models.QuerySet):
    def order_by_locale_first(self, locale_id):
        return self.order_by(_in_locale_first(locale_id), "pk")


def reviewed_snippet_relations(related_name):
    """The generic relations Wagtail's revisions and workflows need on a snippet (Wagtail's snippet docs)."""
    revisions = GenericRelation("wagtailcore.Revision", related_query_name=related_name)
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=related_name,
        for_concrete_model=False,
    )
    return revisions, workflow_states


class Practitioner(WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A doctor who performs treatments. Names stay the same in every language; titles are translated.

    Medical content: a new practitioner, or a change to one, goes through the medical review before patients see
    it (draft state, revisions, the "Medical review" workflow). `user` links a doctor's staff account to their
    record, so that their approval of a page records them as its reviewer (editorial/review.py).
    """

    name = models.CharField(_("name"), max_length=120)
    professional_title = models.CharField(
        _("professional title"),
        max_length=200,
        help_text=_("As the law requires: e.g. 'Doctor of medicine, specialist in dermatology'."),
    )
    registration_number = models.CharField(
        _("RIZIV/INAMI number"), max_length=20, blank=True, help_text=_("The practitioner's registration number.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner_records",
        verbose_name=_("staff account"),
        help_text=_("The doctor's own admin account: their approval of a medical review is recorded under this name."),
    )
    _revisions, workflow_states = reviewed_snippet_relations("practitioner")

    objects = PractitionerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("professional_title"),
        FieldPanel("registration_number"),
        FieldPanel("user"),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("registration_number"),
        SynchronizedField("user"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("practitioner")

    def __str__(self):
        return f"{self.name}, {self.professional_title}"

    @property
    def revisions(self):
        return self._revisions


def localized_practitioners(links, locale_id):
    """The published practitioners of `links` (a page's link rows), in link order, each in the page's language
    where translated and in the source language otherwise. One query, whatever their number.

    `links` may be a preview's unsaved, in-memory rows: they are read in Python, never turned into a subquery.
    """
    keys = []
    for link in sorted(links, key=lambda link: link.sort_order if link.sort_order is not None else 0):
        if link.practitioner_id is not None and link.practitioner.translation_key not in keys:
            keys.append(link.practitioner.translation_key)
    candidates = Practitioner.objects.filter(translation_key__in=keys, live=True).order_by_locale_first(locale_id)
    chosen = {}
    for practitioner in candidates:
        chosen.setdefault(practitioner.translation_key, practitioner)
    return [chosen[key] for key in keys if key in chosen]


class MedicalReviewMixin(models.Model):
    """Who checked the medical content and when: shown to patients and given to search engines."""

    # Written by the approval of the medical review (editorial/review.py), never typed: read-only in the editor.
    # Empty until a doctor has approved the page: the clinic's content is loaded and published before its doctors
    # are known, and nothing may claim a review that did not happen. The launch gate (treatments/launch.py) keeps
    # the site from going live while any live page has none.
    medical_reviewed_on = models.DateField(
        _("medically reviewed on"),
        null=True,
        blank=True,
        help_text=_("The date a doctor last approved this page's medical content. Recorded by the approval."),
    )
    medical_reviewer = models.ForeignKey(
        Practitioner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("medical reviewer"),
        help_text=_("The doctor who approved the medical review. Recorded by the approval."),
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("medical_reviewed_on", read_only=True),
                        FieldPanel("medical_reviewer", read_only=True),
                    ]
                )
            ],
            heading=_("Medical review"),
        )
    ]

    class Meta:
        abstract = True

    @cached_property
    def localized_reviewer(self):
        """The reviewer in this page's language where translated: one query."""
        if self.medical_reviewer_id is None:
            return None
        same_person = Practitioner.objects.filter(pk=self.medical_reviewer_id).values("translation_key")
        return (
            Practitioner.objects.filter(translation_key__in=same_person).order_by_locale_first(self.locale_id).first()
        )

    @property
    def has_recorded_review(self):
        """Only a review the approval wrote is shown to patients: a date and the doctor who approved."""
        return bool(self.medical_reviewed_on and self.medical_reviewer_id)


class TreatmentIndexPage(BasePage):
    """The list of treatments in one language."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]

    class Meta:
        verbose_name = _("treatment index page")

    def permissions_for_user(self, user):
        # A new treatment page is not published at creation: it goes through the medical review.
        return WorkflowRequiredPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        treatments = (
            TreatmentPage.objects.child_of(self)
            .live()
            .public()
            .filter(alias_of__isnull=True)
            .select_related("hero_image")
            .order_by("path")
        )
        page_number = request.GET.get("page", "1")
        # Lazy: the count and the page only run when the cached main content has to be rendered again.
        context["treatments"] = SimpleLazyObject(
            lambda: Paginator(treatments, TREATMENTS_PER_PAGE).get_page(page_number)
        )
        # The fragment cache's key: one entry per page of the list, whatever else the query string holds.
        context["page_number"] = page_number if page_number.isdigit() and len(page_number) < 5 else "1"
        return context


LEGAL_SECTION_FIELDS = ["indications", "contraindications", "risks_and_side_effects", "follow_up_care", "alternatives"]


class TreatmentPageForm(WagtailAdminPageForm):
    """Tells the editor why an empty legal section blocks publishing (drafts may still be saved)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LEGAL_SECTION_FIELDS:
            if name in self.fields:
                self.fields[name].error_messages["required"] = _(
                    "Belgian law requires this section on every treatment page: fill it in before publishing."
                )

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            # An editor's "empty" rich text can still hold an empty paragraph: judge by the text a patient reads.
            for name in LEGAL_SECTION_FIELDS:
                if name in cleaned_data and not strip_tags(cleaned_data[name] or "").strip():
                    self.add_error(name, self.fields[name].error_messages["required"])
            if not self.names_a_practitioner():
                self.add_error(
                    None,
                    _("Belgian law requires naming the practitioner: add one under Practitioners before publishing."),
                )
        return cleaned_data

    def names_a_practitioner(self):
        """Checked here, not by the formset's min_num: a required empty row would also block drafts and previews
        (the loaded treatments name nobody until the clinic does)."""
        formset = self.formsets.get("practitioners")
        if formset is None:
            return True
        formset.is_valid()  # the formsets are cleaned after this form: clean its rows now (cached, not repeated)
        return any(
            form.cleaned_data.get("practitioner") and not form.cleaned_data.get("DELETE")
            for form in formset.forms
            if hasattr(form, "cleaned_data")
        )


class TreatmentPage(BasePage, MedicalReviewMixin):  # noqa: DJ008 - Page.__str__ is the title
    """One treatment, e.g. PRP for hair loss: lawful information, its FAQs and a way to ask for a quote."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three sentences; shown at the top and in the list.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    hero_image_alt = models.CharField(
        _("image alt text"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Leave empty if it is decorative."),
    )
    sessions = models.CharField(
        _("sessions and interval"),
        max_length=160,
        blank=True,
        help_text=_("For the 'at a glance' box, e.g. 'Repeated every 1 to 9 months, as the doctor advises'."),
    )
    first_effects = models.CharField(
        _("when effects may show"),
        max_length=160,
        blank=True,
        help_text=_("For the 'at a glance' box; no promise, e.g. 'Some change may be seen after 2 to 6 months'."),
    )
    body = StreamField(TreatmentStreamBlock(), blank=True, verbose_name=_("body"))
    indications = RichTextField(
        _("indications"), features=SECTION_FEATURES, help_text=_("Who the treatment is for. Required by law.")
    )
    contraindications = RichTextField(
        _("contraindications"),
        features=SECTION_FEATURES,
        help_text=_("Who must not have the treatment, or only with care. Required by law."),
    )
    risks_and_side_effects = RichTextField(
        _("risks and side effects"), features=SECTION_FEATURES, help_text=_("Required by law.")
    )
    follow_up_care = RichTextField(
        _("follow-up care"),
        features=SECTION_FEATURES,
        help_text=_("What happens after the treatment. Required by law."),
    )
    alternatives = RichTextField(
        _("alternatives"),
        features=SECTION_FEATURES,
        help_text=_("Other options, including doing nothing. Required by law."),
    )

    base_form_class = TreatmentPageForm
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("sessions"), FieldPanel("first_effects")], heading=_("At a glance")),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel(name) for name in LEGAL_SECTION_FIELDS],
            heading=_("Sections Belgian law requires"),
        ),
        InlinePanel("practitioners", label=_("Practitioners")),
        *MedicalReviewMixin.review_panels,
    ]
    # Every text a patient reads: a search for "pregnancy" or "side effects" must find the legal sections.
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        *(index.SearchField(name) for name in LEGAL_SECTION_FIELDS),
    ]
    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("treatment page")

    def permissions_for_user(self, user):
        # Medical content is published by the medical review workflow, not by an editor's "Publish".
        return WorkflowRequiredPermissionTester(user, self)

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def legal_sections(self):
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in LEGAL_SECTION_FIELDS]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the main content is usually served from the fragment cache, and then no query runs.
        context["practitioners"] = SimpleLazyObject(
            lambda: localized_practitioners(self.practitioners.select_related("practitioner"), self.locale_id)
        )
        context["faqs"] = FAQ.objects.for_treatment(self)
        return context

    def structured_data(self, request, context):
        """The treatment as a MedicalTherapy (the type that has contraindications), given by injection through
        the skin (PercutaneousProcedure). Its FAQs are marked up once, on the FAQ page of its language."""
        return [medical_web_page(self, request, self.therapy_data(request)), self.breadcrumbs(request)]

    def therapy_data(self, request):
        return {
            "@type": "MedicalTherapy",
            "name": self.title,
            "url": self.get_full_url(request),
            "description": self.summary,
            "procedureType": "https://schema.org/PercutaneousProcedure",
            "indication": [{"@type": "MedicalIndication", "name": item} for item in text_items(self.indications)],
            "contraindication": [
                {"@type": "MedicalContraindication", "name": item}
                for item in text_items(self.contraindications, list_items_only=True)
            ],
            "adverseOutcome": [
                {"@type": "MedicalEntity", "name": item}
                for item in text_items(self.risks_and_side_effects, list_items_only=True)
            ],
            "followup": plain_text(self.follow_up_care),
        }


class TreatmentPractitioner(Orderable):
    """Who performs a treatment. Synchronised across languages: the same doctors in nl, fr and en."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="practitioners")
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="+", verbose_name=_("practitioner")
    )

    panels = [FieldPanel("practitioner")]


class ConditionPage(BasePage, MedicalReviewMixin):  # noqa: DJ008 - Page.__str__ is the title
    """A condition patients come with, e.g. androgenetic alopecia, and the treatments that address it."""

    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(TreatmentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("treatment_links", label=_("Treatments for this condition")),
        *MedicalReviewMixin.review_panels,
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("condition page")

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = SimpleLazyObject(self.related_treatments)  # lazy: see TreatmentPage.get_context
        return context

    def related_treatments(self):
        """The live treatments linked here, in this page's language."""
        keys = [link.treatment.translation_key for link in self.treatment_links.select_related("treatment")]
        pages = TreatmentPage.objects.live().filter(
            translation_key__in=keys, locale_id=self.locale_id, alias_of__isnull=True
        )
        by_key = {page.translation_key: page for page in pages}
        return [by_key[key] for key in keys if key in by_key]

    def structured_data(self, request, context):
        condition = {
            "@type": "MedicalCondition",
            "name": self.title,
            "description": self.summary,
            "possibleTreatment": [
                {"@type": "MedicalTherapy", "name": page.title, "url": page.get_full_url(request)}
                for page in context.get("treatments", [])
            ],
        }
        return [medical_web_page(self, request, condition), self.breadcrumbs(request)]


class ConditionTreatment(Orderable):
    page = ParentalKey(ConditionPage, on_delete=models.CASCADE, related_name="treatment_links")
    treatment = models.ForeignKey(
        TreatmentPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("treatment")
    )

    panels = [FieldPanel("treatment")]


class FAQQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def in_locale(self, locale_id):
        """The published FAQs of one language: a draft or an FAQ in review is never shown to patients."""
        return self.filter(locale_id=locale_id, live=True).order_by("sort_order", "pk")

    def for_treatment(self, page):
        """FAQs in the page's language linked to this treatment (in any of its languages)."""
        return self.in_locale(page.locale_id).filter(treatment_links__treatment__translation_key=page.translation_key)


class FAQ(WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, ClusterableModel):
    """A question patients ask, answered once and shown on each treatment it concerns and on the FAQ page.

    Medical content: drafts, revisions and the medical review before it goes live, as for treatment pages.
    """

    question = models.CharField(_("question"), max_length=255)
    answer = RichTextField(_("answer"), features=SECTION_FEATURES)
    sort_order = models.PositiveIntegerField(
        _("order"), default=100, help_text=_("Lower numbers come first. The same in every language.")
    )

    _revisions, workflow_states = reviewed_snippet_relations("faq")

    objects = FAQQuerySet.as_manager()

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("sort_order"),
        InlinePanel("treatment_links", label=_("Treatments this question belongs to")),
    ]
    override_translatable_fields = [SynchronizedField("sort_order")]
    search_fields = [
        index.SearchField("question"),
        index.SearchField("answer"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self):
        return self.question

    @property
    def revisions(self):
        return self._revisions


class FAQTreatment(Orderable):
    faq = ParentalKey(FAQ, on_delete=models.CASCADE, related_name="treatment_links")
    treatment = models.ForeignKey(
        TreatmentPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("treatment")
    )

    panels = [FieldPanel("treatment")]


class FAQPage(BasePage):
    """All FAQs of one language, grouped by treatment, then the general ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("FAQ page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: see TreatmentPage.get_context; both come from one computation.
        grouped = SimpleLazyObject(self.grouped_faqs)
        context["faqs"] = SimpleLazyObject(lambda: grouped[0])
        context["faq_groups"] = SimpleLazyObject(lambda: grouped[1])
        return context

    def grouped_faqs(self):
        faqs = list(FAQ.objects.in_locale(self.locale_id).prefetch_related("treatment_links__treatment"))
        keys = {link.treatment.translation_key for faq in faqs for link in faq.treatment_links.all()}
        treatments = {
            page.translation_key: page
            for page in TreatmentPage.objects.live().filter(translation_key__in=keys, locale_id=self.locale_id)
        }
        groups = {}
        for faq in faqs:
            linked = [treatments.get(link.treatment.translation_key) for link in faq.treatment_links.all()]
            heading = next((page.title for page in linked if page is not None), None)
            groups.setdefault(heading, []).append(faq)
        ordered = sorted(groups.items(), key=lambda item: item[0] is None)  # general questions last
        return faqs, ordered

    def structured_data(self, request, context):
        return [faq_page_data(context["faqs"]), self.breadcrumbs(request)]


class SearchPage(BasePage):
    """Site search in one language: treatments, conditions and FAQs of this language only."""

    content_panels = BasePage.content_panels
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("search page")

    def get_sitemap_urls(self, request=None):
        return []  # a results page is not content: noindex (search_page.html) and out of the sitemap

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        context["query"] = query
        words = search_words(query)
        results = self.search(words) if words else []
        context["results"] = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        treatment_index = TreatmentIndexPage.objects.live().filter(locale=self.locale).first()
        context["treatments_url"] = treatment_index.url if treatment_index else f"/{self.locale.language_code}/"
        return context

    def search(self, query):
        """Pages, then FAQs, of this page's language, through the search backend of that language. Lazy: the
        paginator counts each part and fetches only the results of the page shown."""
        locale = self.locale
        backend = backend_for_language(locale.language_code)
        page_results = [
            model.objects.live().public().filter(locale=locale).search(query, backend=backend)
            for model in (TreatmentPage, ConditionPage, StandardPage, TreatmentIndexPage)
        ]
        faq_results = FAQ.objects.filter(locale=locale, live=True).search(query, backend=backend)
        faq_page = FAQPage.objects.live().filter(locale=locale).first()
        return ConcatenatedResults(
            [(results, page_result) for results in page_results] + [(faq_results, partial(faq_result, faq_page))]
        )


def page_result(page):
    return {"title": page.title, "url": page.url, "summary": page.meta_description}


def faq_result(faq_page, faq):
    return {
        "title": faq.question,
        # The answer is shown in the result itself; the link opens it on the FAQ page.
        "url": f"{faq_page.url}#faq-answer-{faq.pk}" if faq_page else "",
        "answer": faq.answer,
    }


class ConcatenatedResults:
    """Several search results one after the other, for Django's Paginator: `count()` adds up the parts' counts
    and a slice reads only the rows it covers, each turned into a result by its part's function."""

    def __init__(self, parts):
        self.parts = parts
        self._counts = None

    def count(self):
        if self._counts is None:
            self._counts = [results.count() for results, _shape in self.parts]
        return sum(self._counts)

    def __getitem__(self, window):
        """Django's Paginator asks only for `[bottom:top]`."""
        total = self.count()
        start, stop = window.start or 0, total if window.stop is None else window.stop
        found, offset = [], 0
        for (results, shape), size in zip(self.parts, self._counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                found += [shape(item) for item in results[low:high]]
            offset += size
        return found


def search_words(query):
    """The words of a patient's query, nothing else: quotes, operators and NUL characters mean something to the
    SQLite and PostgreSQL full-text engines (a lone `"` was a server error), and no patient means them."""
    return " ".join(re.findall(r"\w+", query))


def faq_page_data(faqs):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(faq.answer)},
            }
            for faq in faqs
        ],
    }
