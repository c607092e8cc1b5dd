"""One PostgreSQL search backend per language, so Dutch is stemmed as Dutch and French as French.

Wagtail's database backend takes one text search configuration (`SEARCH_CONFIG`) per backend, and every backend
writes into the same index table. A single `simple` backend for three languages loses stemming ("behandelingen"
misses "behandeling"); three plain backends would each overwrite the others' entries with their own stemming.
So each language's backend indexes only the objects in its language (a page or snippet's `locale`), and the
default backend only what has no language (images, documents). foundation.mozilla.org keeps one backend per
language the same way; the search page asks the backend of the reader's language (`backend_for_language`).
The configurations `clinic_dutch`, `clinic_french` and `clinic_english` add `unaccent` before stemming, so
"alopecie" finds "alopécie" (migration core 0001).
"""

from wagtail.search.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

_language_of_locale = {}


def language_of(obj):
    """The language code of a translatable object, or None for objects that have none."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    if locale_id not in _language_of_locale:
        from wagtail.models import Locale

        _language_of_locale.update(Locale.objects.values_list("pk", "language_code"))
    return _language_of_locale.get(locale_id)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        language = self.backend.language_code
        mine = [obj for obj in objs if language_of(obj) == language]
        if mine:
            super().add_items(model, mine)


class LanguageSearchBackend(PostgresSearchBackend):
    """The database backend for the objects of one language (`LANGUAGE_CODE`; None: objects without a language)."""

    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_code = params.get("LANGUAGE_CODE")


SearchBackend = LanguageSearchBackend
