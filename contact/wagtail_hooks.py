from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import exports, retention
from .models import QuoteRequest
from .views import (
    DASHBOARD_COUNT_CAP,
    QuoteRequestViewSet,
    capped_count,
    count_label,
    waiting_requests,
)


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
    exports.register_actions(actions)


class FrontDeskPanel(Component):
    """The front desk's start of the day: what is new, what is theirs, what has waited too long; each a link."""

    name = "front_desk"
    order = 10
    template_name = "contact/admin/front_desk_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        inbox = reverse("quote_requests:index")
        requests = QuoteRequest.objects.all()
        return {
            "inbox_url": inbox,
            "items": [
                (kind, count_label(capped_count(queryset, DASHBOARD_COUNT_CAP), DASHBOARD_COUNT_CAP), url)
                for kind, queryset, url in self.lists(requests, inbox)
            ],
        }

    def lists(self, requests, inbox):
        return [
            ("new", requests.filter(status=QuoteRequest.Status.NEW), f"{inbox}?status=new"),
            # As the inbox counts them: spam stays out unless asked for.
            (
                "mine",
                requests.filter(assignee=self.user).exclude(status=QuoteRequest.Status.SPAM),
                f"{inbox}?assignee=me",
            ),
            ("waiting", waiting_requests(requests), f"{inbox}?waiting=1"),
        ]


@hooks.register("construct_homepage_panels")
def add_front_desk_panel(request, panels):
    if request.user.has_perm("contact.change_quoterequest"):
        panels.insert(0, FrontDeskPanel(request.user))
