"""How the clinic's own content gets into the database, in English and in its Dutch and French translations.

Each app keeps its share in `<app>/content.py`: functions decorated with `@content_builder(order)` that build
the English source objects through a `ContentLoader`. Their translations live beside them as one PO file per
object and language (`<app>/content_translations/<lang>/<key>.po`), the way a translation agency delivers
them, and are imported through wagtail-localize exactly as an editor's PO upload is. So every Dutch and French
page is a real wagtail-localize translation: linked by translation key, editable and syncable afterwards.
"""

import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from core.public_address import site_address

_BUILDERS = []
# Ids in PO contexts must be stable: an entry's context names the block or child object it belongs to.
_STABLE_NAMESPACE = uuid.UUID("6f1c2a43-5d7e-4c39-9a55-1e0f3b7c9d21")
PO_FOLDER = "content_translations"


def content_builder(order):
    """Register a function that builds part of the clinic content; lower `order` runs first."""

    def register(builder):
        _BUILDERS.append((order, builder))
        return builder

    return register


def stable_uuid(name):
    """The same UUID for the same name on every database: PO contexts name block ids and child objects' keys."""
    return uuid.uuid5(_STABLE_NAMESPACE, name)


def stream(key, blocks):
    """StreamField data with block ids derived from `key`, so PO contexts match on every fresh database.

    List items get stable ids too: wagtail-localize only extracts list items stored in block format.
    """
    return [
        {
            "type": block_type,
            "value": _with_list_item_ids(value, f"{key}:{position}"),
            "id": str(stable_uuid(f"{key}:{position}")),
        }
        for position, (block_type, value) in enumerate(blocks)
    ]


def _with_list_item_ids(value, key):
    if isinstance(value, dict):
        return {name: _with_list_item_ids(child, f"{key}.{name}") for name, child in value.items()}
    if isinstance(value, list):
        return [
            {
                "type": "item",
                "value": _with_list_item_ids(item, f"{key}.{index}"),
                "id": str(stable_uuid(f"{key}.{index}")),
            }
            for index, item in enumerate(value)
        ]
    return value


@dataclass
class TranslatedObject:
    """A source object and where its PO files live."""

    instance: object
    app_label: str
    key: str

    def po_path(self, language_code):
        app_path = Path(apps.get_app_config(self.app_label).path)
        return app_path / PO_FOLDER / language_code / f"{self.key}.po"


class ContentLoader:
    """Builds the source content idempotently, then translates what has no translation yet.

    With `update_po`, it writes the PO files instead of reading them (new entries empty, existing
    translations kept), for a developer who changed the English source.
    """

    def __init__(self, stdout=None, update_po=False):
        self.stdout = stdout
        self.update_po = update_po
        self.translated_objects = []
        # Pages other apps' builders want in the main menu (treatments, FAQ, contact), in order.
        self.main_menu_pages = []
        self.created = 0

    # Running

    def run(self):
        autodiscover_modules("content")
        self.ensure_locales()
        with transaction.atomic():
            for _order, builder in sorted(_BUILDERS, key=lambda entry: entry[0]):
                builder(self)
        for translated in self.translated_objects:
            if self.update_po:
                self.write_po_files(translated)
            else:
                self.translate(translated)

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # Locales and site

    @property
    def source_locale(self):
        return Locale.objects.get(language_code=settings.SOURCE_LANGUAGE_CODE)

    @property
    def target_locales(self):
        return Locale.objects.exclude(language_code=settings.SOURCE_LANGUAGE_CODE).order_by("language_code")

    def ensure_locales(self):
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def set_site_root(self, home_page):
        """Point the default site at the home page, removing Wagtail's placeholder 'Welcome' page.

        Its address is the public one, WAGTAILADMIN_BASE_URL (core/public_address.py).
        """
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        placeholder = site.root_page if site.pk else None
        site.root_page = home_page
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.hostname, site.port = site_address()
        site.save()
        if placeholder is not None and placeholder.specific_class is Page and placeholder.pk != home_page.pk:
            placeholder.delete()
        return site

    # Source objects

    def page(self, parent, model, slug, **fields):
        """The source-language page with this slug under `parent`, created and published if missing."""
        existing = parent.get_children().filter(slug=slug, locale=self.source_locale).first()
        if existing is not None:
            return existing.specific
        page = model(slug=slug, locale=self.source_locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        self.log(f"  created page {page.url_path}")
        return page

    def root_page(self, model, slug, **fields):
        """A page directly under Wagtail's root: the source-language home page."""
        root = Page.get_first_root_node()
        existing = model.objects.filter(depth=2, locale=self.source_locale).first()
        if existing is not None:
            return existing
        placeholder = root.get_children().filter(slug=slug).exclude(content_type__model=model._meta.model_name)
        for page in placeholder:  # Wagtail's 'Welcome' page holds the slug we want.
            page.slug = f"{slug}-placeholder"
            page.save()
        return self.page(root, model, slug, **fields)

    def snippet(self, model, lookup, **fields):
        """The source-language snippet matching `lookup`, created if missing."""
        existing = model.objects.filter(locale=self.source_locale, **lookup).first()
        if existing is not None:
            return existing
        instance = model(locale=self.source_locale, **lookup, **fields)
        instance.save()
        self.created += 1
        self.log(f"  created {model._meta.verbose_name} {instance}")
        return instance

    def translate_later(self, instance, key):
        """Queue `instance` for translation from `<its app>/content_translations/<lang>/<key>.po`."""
        self.translated_objects.append(TranslatedObject(instance, instance._meta.app_label, key))

    # Translations

    def translate(self, translated):
        instance = translated.instance
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        for locale in self.target_locales:
            if instance.get_translation_or_none(locale) is not None:
                continue  # Editors own existing translations; never overwrite their work.
            path = translated.po_path(locale.language_code)
            if not path.exists():
                raise CommandError(f"Missing translation file {path}. Run load_clinic_content --update-po.")
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            self.import_po(translation, path)
            translation.save_target(publish=True)
            self.log(f"  translated {translated.key} into {locale.language_code}")

    def import_po(self, translation, path):
        warnings = translation.import_po(polib.pofile(str(path)), translation_type="manual", tool_name="clinic")
        if warnings:
            raise CommandError(f"{path} does not match the source: {warnings}")
        total, translated = translation.get_progress()
        if total != translated:
            raise CommandError(
                f"{path} translates {translated} of {total} segments. Run load_clinic_content --update-po "
                "and translate the empty entries."
            )

    def write_po_files(self, translated):
        source, _created = TranslationSource.update_or_create_from_instance(translated.instance)
        for locale in self.target_locales:
            path = translated.po_path(locale.language_code)
            previous = polib.pofile(str(path)) if path.exists() else polib.POFile()
            known = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in previous if entry.msgstr}
            # A block that moved (another block inserted above it) gets a new context: the same English keeps
            # its translation.
            known_text = {entry.msgid: entry.msgstr for entry in previous if entry.msgstr}
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            po = translation.export_po()
            # The translation id is this database's; a PO file shipped in the repository serves every database.
            po.metadata.pop("X-WagtailLocalize-TranslationID", None)
            po.metadata.pop("POT-Creation-Date", None)
            po.metadata["Language"] = locale.language_code
            for entry in po:
                entry.msgstr = (
                    entry.msgstr or known.get((entry.msgctxt, entry.msgid)) or known_text.get(entry.msgid, "")
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            po[:] = [entry for entry in po if not entry.obsolete]
            po.save(str(path))
            self.log(f"  wrote {path}")


def generated_image(loader, title, draw):
    """An image the loader draws itself (`draw(canvas)`): no downloads, no stock photos of people."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PillowImage.new("RGB", (1600, 900), "#eef5f4")
    draw(canvas)
    buffer = BytesIO()
    canvas.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    name = f"{title.lower().replace(':', '').replace(' ', '-')}.jpg"
    image = image_model(title=title, file=ImageFile(buffer, name=name))
    image.save()
    return image
