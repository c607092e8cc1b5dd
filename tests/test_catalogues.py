"""Every string a patient reads exists in Dutch and French: an untranslated entry fails the suite."""

from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
TRANSLATED_LANGUAGES = ["nl", "fr"]
CATALOGUES = sorted(
    [path for language in TRANSLATED_LANGUAGES for path in (REPO / "locale" / language).rglob("*.po")]
    + [path for language in TRANSLATED_LANGUAGES for path in REPO.glob(f"*/content_translations/{language}/*.po")]
)


def test_catalogues_exist_for_every_language():
    for language in ["nl", "fr", "en"]:
        assert (REPO / "locale" / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(REPO)))
def test_catalogue_is_completely_translated(path):
    catalogue = polib.pofile(str(path))

    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert not missing, f"untranslated in {path.name}: {missing}"
    assert not fuzzy, f"fuzzy in {path.name}: {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(REPO)))
def test_translations_keep_the_placeholders_and_markup_of_the_source(path):
    import re

    token = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}|<[a-z0-9]+(?: id=\"[a-z0-9]+\")?>")
    for entry in polib.pofile(str(path)).translated_entries():
        # A plural entry's translations are its plural forms; each keeps the placeholders of the source.
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert sorted(token.findall(entry.msgid)) == sorted(token.findall(translation)), entry.msgid
