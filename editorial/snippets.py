"""Snippet admin pieces for the clinic's editors: new content starts in the source language, labels follow the
user's language, and medical snippets are published by their review, not by an editor's "Publish"."""

from django.conf import settings
from django.utils.functional import cached_property, lazy
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin, WorkflowMixin
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CreateView
from wagtail.snippets.widgets import AdminSnippetChooser


def _interpolated(message, name):
    return gettext(message) % {"object": name}


# Wagtail builds "Choose %(object)s" with `%` on a lazy string, which translates it at once: in whatever language
# was active when the widget was made (at start-up, Dutch). This defers it to rendering, in the user's language.
_lazy_interpolated = lazy(_interpolated, str)


class TranslatedSnippetChooser(AdminSnippetChooser):
    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        # The msgids are Wagtail's own: its catalogues translate them.
        self.choose_one_text = _lazy_interpolated("Choose %(object)s", name)
        self.choose_another_text = _lazy_interpolated("Choose another %(object)s", name)
        self.link_to_chosen_text = _lazy_interpolated("Edit this %(object)s", name)


class TranslatedLabelsChooserViewSet(SnippetChooserViewSet):
    @cached_property
    def widget_class(self):
        return TranslatedSnippetChooser(model=self.model, icon=self.icon)


class SourceLanguageCreateView(CreateView):
    """ "Add" starts in the language the clinic writes in (English), not in the site's default language (Dutch),
    and the title says which language the new object is in."""

    def get_locale(self):
        if not self.i18n_enabled or self.request.GET.get("locale"):
            return super().get_locale()
        return Locale.objects.filter(language_code=settings.SOURCE_LANGUAGE_CODE).first() or super().get_locale()

    def get_page_subtitle(self):
        subtitle = super().get_page_subtitle()
        if self.locale is None:
            return subtitle
        # The language's name in the editor's language ("anglais" for a French editor), not in its own ("English").
        language = get_language_info(self.locale.language_code)["name_translated"]
        return _("%(type)s in %(language)s") % {"type": subtitle, "language": language}


def publishing_requires_review(instance_or_model, locale=None):
    """A medical snippet in the source language is published by its review; translations by Marketing."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    if not (issubclass(model, WorkflowMixin) and issubclass(model, TranslatableMixin)):
        return False
    if model.get_default_workflow() is None:
        return False
    if locale is None:
        locale = getattr(instance_or_model, "locale", None)
    return locale is None or locale.language_code == settings.SOURCE_LANGUAGE_CODE
