"""Settings → Groups with each group's description beside its name."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.views import groups


def group_description(group):
    description = getattr(group, "description", None)
    return str(description) if description is not None else ""


class GroupIndexView(groups.IndexView):
    columns = [*groups.IndexView.columns, Column("description", label=_("Description"), accessor=group_description)]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("description")


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
