from wagtail import hooks

from . import retention
from .views import QuoteRequestViewSet


@hooks.register("register_admin_viewset")
def register_quote_request_inbox():
    return QuoteRequestViewSet()


@hooks.register("construct_main_menu")
def hide_form_submissions_menu(request, menu_items):
    """Quote requests are stored in the inbox, not as Wagtail form submissions: an empty 'Forms' menu misleads."""
    menu_items[:] = [item for item in menu_items if item.name != "forms"]


@hooks.register("register_log_actions")
def register_quote_request_log_actions(actions):
    """Views, exports and erasures of a patient's request, shown in its History and in Reports → Site history."""
    retention.register_actions(actions)
