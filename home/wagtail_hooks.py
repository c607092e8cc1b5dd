from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Disclaimer, Footer, Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    list_display = ["title", "handle", "locale"]
    list_filter = ["locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "doc-full"
    list_display = ["__str__", "locale"]


class DisclaimerViewSet(SnippetViewSet):
    model = Disclaimer
    icon = "warning"
    list_display = ["title", "handle", "locale"]
    list_filter = ["locale"]


register_snippet(MenuViewSet)
register_snippet(FooterViewSet)
register_snippet(DisclaimerViewSet)
