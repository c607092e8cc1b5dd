"""Which search backend serves a language (the backends themselves: core/search_backends.py)."""

from django.conf import settings


def backend_for_language(language_code):
    """The name of the search backend for a language: its own where there is one (PostgreSQL), else the default."""
    return language_code if language_code in settings.WAGTAILSEARCH_BACKENDS else "default"
