from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .launch import BeforeLaunchPanel, missing_facts
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


@hooks.register("construct_homepage_panels")
def add_before_launch_panel(request, panels):
    """What the clinic must still fill in, for the staff who can fill it in; gone once nothing is missing."""
    if not (request.user.is_superuser or request.user.has_perm("home.change_clinicsettings")):
        return
    facts = missing_facts()
    if facts:
        panels.append(BeforeLaunchPanel(facts))
