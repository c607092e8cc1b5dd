"""Where each page and translatable snippet stands in each language: missing, draft, out of date or up to date.

wagtail-localize's own report lists translation jobs; editors need the other view: per object and language,
what is left to do. Everything is read in a fixed number of queries (about a dozen, whatever the number of
objects), never per row, and models are found generically: pages, and every registered translatable snippet.

"Out of date" means the source changed after the translation was last applied (published, for pages; saved, for
snippets), judged by wagtail-localize's own records:

- the source changed: its `TranslationSource` was synced (`last_updated_at`), or the source page was published
  since, or the source snippet was edited since (Wagtail's log), whichever is latest;
- the translation was applied: the latest `TranslationLog` for that source and language, which wagtail-localize
  writes each time it saves the target (publish in the editor, sync with "publish immediately", PO import then
  publish, the content loader);
- or the translation was published with English fallbacks: some source segment has no translation in that language.

A translation made outside wagtail-localize (its translation stopped, or a page created by hand) has no log; a
page then compares the two pages' publish dates, a snippet counts as up to date.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Max, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, ModelLogEntry, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationLog, TranslationSource

MISSING = "missing"
NOT_TRANSLATED = "not_translated"
DRAFT = "draft"
OUT_OF_DATE = "out_of_date"
UP_TO_DATE = "up_to_date"
STATUSES = {
    MISSING: _("Missing"),
    NOT_TRANSLATED: _("Not translated yet"),
    DRAFT: _("Draft"),
    OUT_OF_DATE: _("Out of date"),
    UP_TO_DATE: _("Up to date"),
}
# The order editors work in: what patients cannot read at all comes first.
STATUS_ORDER = [MISSING, NOT_TRANSLATED, OUT_OF_DATE, DRAFT, UP_TO_DATE]
SNIPPET_EDIT_ACTIONS = ["wagtail.create", "wagtail.edit"]


@dataclass
class TranslatableItem:
    """One page or snippet in one language."""

    pk: object
    key: object
    locale_id: int
    content_type_id: int
    is_page: bool
    live: bool = True
    alias: bool = False
    published_at: datetime | None = None
    title: str = ""


@dataclass
class Row:
    """One object in one target language, as the report shows it."""

    title: str
    type_label: str
    type_name: str
    locale: Locale
    status: str
    source: TranslatableItem
    target: TranslatableItem | None
    source_changed_at: datetime | None
    translated_at: datetime | None
    translation_source_id: int | None

    @property
    def status_label(self):
        return STATUSES[self.status]

    @property
    def edit_url(self):
        """The translation's editor, or the source's when the translation does not exist yet."""
        return _edit_url(self.target or self.source, self.type_label)

    @property
    def translate_url(self):
        """wagtail-localize's "Translate" form for a missing translation."""
        if self.target is not None:
            return ""
        if self.source.is_page:
            return reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])
        app_label, model_name = self.type_label.split(".")
        return reverse(
            "wagtail_localize:submit_snippet_translation", args=[app_label, model_name, quote(self.source.pk)]
        )

    @property
    def sync_url(self):
        if self.status != OUT_OF_DATE or self.translation_source_id is None:
            return ""
        return reverse("wagtail_localize:update_translations", args=[self.translation_source_id])


def _edit_url(item, type_label):
    if item.is_page:
        return reverse("wagtailadmin_pages:edit", args=[item.pk])
    viewset = apps.get_model(type_label).snippet_viewset
    return reverse(viewset.get_url_name("edit"), args=[quote(item.pk)])


def translatable_snippet_models():
    """Every snippet model editors can translate: registered and `TranslatableMixin`."""
    return [
        model for model in get_snippet_models() if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
    ]


def _pages():
    rows = Page.objects.filter(depth__gt=1).values_list(
        "pk", "translation_key", "locale_id", "content_type_id", "live", "alias_of_id", "last_published_at", "title"
    )
    return [
        TranslatableItem(pk, key, locale_id, type_id, True, live, alias_of is not None, published_at, title)
        for pk, key, locale_id, type_id, live, alias_of, published_at, title in rows
    ]


def _snippets(source_locale_id):
    items = []
    for model in translatable_snippet_models():
        content_type_id = ContentType.objects.get_for_model(model).pk
        titles = {
            obj.pk: str(obj)
            for obj in model._default_manager.filter(locale_id=source_locale_id).select_related("locale")
        }
        live_field = ["live"] if issubclass(model, DraftStateMixin) else []
        for values in model._default_manager.values_list("pk", "translation_key", "locale_id", *live_field):
            pk, key, locale_id = values[:3]
            live = values[3] if live_field else True
            items.append(TranslatableItem(pk, key, locale_id, content_type_id, False, live, title=titles.get(pk, "")))
    return items


def _snippet_edit_times(items):
    """When each snippet was last created or edited in the admin, from Wagtail's log: one query."""
    type_ids = {item.content_type_id for item in items if not item.is_page}
    entries = (
        ModelLogEntry.objects.filter(content_type_id__in=type_ids, action__in=SNIPPET_EDIT_ACTIONS)
        .values_list("content_type_id", "object_id")
        .annotate(last=Max("timestamp"))
    )
    return {(type_id, object_id): last for type_id, object_id, last in entries}


def _translated_segment_counts(target_locales):
    """{(source id, locale id): segments translated}, and {source id: segments}: one query per language."""
    totals = dict(StringSegment.objects.values("source_id").annotate(n=Count("pk")).values_list("source_id", "n"))
    done = {}
    for locale in target_locales:
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale.pk,
            has_error=False,
        )
        counts = (
            StringSegment.objects.filter(Exists(translated))
            .values("source_id")
            .annotate(n=Count("pk"))
            .values_list("source_id", "n")
        )
        for source_id, count in counts:
            done[(source_id, locale.pk)] = count
    return totals, done


def translation_rows():
    """Every translatable object, once per language other than its source language."""
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    default_source = next(
        (locale for locale in locales.values() if locale.language_code == settings.SOURCE_LANGUAGE_CODE), None
    )
    if default_source is None:
        return []

    items = _pages() + _snippets(default_source.pk)
    by_key = defaultdict(dict)
    for item in items:
        by_key[(item.content_type_id, item.key) if not item.is_page else ("page", item.key)][item.locale_id] = item

    sources = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.only("pk", "object_id", "locale_id", "last_updated_at")
    }
    source_locale_of = {object_id: locale_id for object_id, locale_id in sources}
    enabled = set(Translation.objects.filter(enabled=True).values_list("source_id", "target_locale_id"))
    applied = dict(
        ((source_id, locale_id), last)
        for source_id, locale_id, last in TranslationLog.objects.values_list("source_id", "locale_id")
        .annotate(last=Max("created_at"))
        .values_list("source_id", "locale_id", "last")
    )
    snippet_edits = _snippet_edit_times(items)
    totals, done = _translated_segment_counts(list(locales.values()))
    type_names = {}

    rows = []
    for (_kind, key), per_locale in by_key.items():
        source_locale_id = source_locale_of.get(key)
        if source_locale_id not in per_locale:
            source_locale_id = default_source.pk if default_source.pk in per_locale else min(per_locale)
        source = per_locale[source_locale_id]
        if source.alias:
            continue
        if source.content_type_id not in type_names:
            model = ContentType.objects.get_for_id(source.content_type_id).model_class()
            if model is None:
                continue
            type_names[source.content_type_id] = (model._meta.label_lower, model._meta.verbose_name)
        type_label, type_name = type_names[source.content_type_id]
        translation_source = sources.get((key, source_locale_id))
        changed_at = _latest(
            translation_source.last_updated_at if translation_source else None,
            source.published_at if source.is_page else snippet_edits.get((source.content_type_id, str(source.pk))),
        )
        for locale_id, locale in locales.items():
            if locale_id == source_locale_id:
                continue
            target = per_locale.get(locale_id)
            translated_at = None
            segments_done = done.get((translation_source.pk, locale_id), 0) if translation_source is not None else None
            if target is None or target.alias:
                status, target = MISSING, None
            elif segments_done == 0 and totals.get(translation_source.pk, 0) > 0:
                # wagtail-localize made the copy, nobody has translated a word of it yet: not "out of date".
                status = NOT_TRANSLATED
            elif not target.live:
                status = DRAFT
            elif translation_source is not None and (translation_source.pk, locale_id) in enabled:
                translated_at = applied.get((translation_source.pk, locale_id))
                complete = segments_done >= totals.get(translation_source.pk, 0)
                stale = translated_at is None or (changed_at is not None and changed_at > translated_at)
                status = OUT_OF_DATE if stale or not complete else UP_TO_DATE
            else:
                translated_at = target.published_at
                stale = translated_at and source.published_at and source.published_at > translated_at
                status = OUT_OF_DATE if stale else UP_TO_DATE
            rows.append(
                Row(
                    title=source.title or f"{type_name} {source.pk}",
                    type_label=type_label,
                    type_name=type_name,
                    locale=locale,
                    status=status,
                    source=source,
                    target=target,
                    source_changed_at=changed_at,
                    translated_at=translated_at,
                    translation_source_id=translation_source.pk if translation_source else None,
                )
            )
    rows.sort(key=lambda row: (STATUS_ORDER.index(row.status), str(row.type_name), row.title, row.locale.language_code))
    return rows


def _latest(*moments):
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def status_counts(rows):
    counts = Counter(row.status for row in rows)
    return [(status, STATUSES[status], counts.get(status, 0)) for status in STATUS_ORDER]
