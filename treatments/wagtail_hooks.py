"""FAQs and practitioners in the admin's Snippets menu: editable, and translatable with wagtail-localize.

wagtail-localize offers "Translate" and "Sync translated snippets" only for registered snippets, so an unregistered
translatable model could be translated by the content loader but never by an editor.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.snippets import SourceLanguageCreateView, TranslatedLabelsChooserViewSet

from .models import FAQ, Practitioner


class FAQViewSet(SnippetViewSet):
    model = FAQ
    icon = "help"
    menu_label = _("FAQs")
    list_display = ["question", "sort_order", "locale"]
    list_filter = ["locale"]
    ordering = ["sort_order", "pk"]
    add_view_class = SourceLanguageCreateView
    chooser_viewset_class = TranslatedLabelsChooserViewSet


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    list_display = ["name", "professional_title", "locale"]
    list_filter = ["locale"]
    add_view_class = SourceLanguageCreateView
    chooser_viewset_class = TranslatedLabelsChooserViewSet


register_snippet(FAQViewSet)
register_snippet(PractitionerViewSet)
