"""What each staff group is for, said where an administrator assigns people to groups."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class GroupDescription(models.Model):
    """Django's groups have only a name; an administrator choosing a role for a new colleague needs to know what
    each gives and withholds. Shown in Settings → Groups; the clinic's roles get theirs from editorial/roles.py."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="description", verbose_name=_("group"))
    description = models.TextField(_("description"), help_text=_("What members of this group may and may not do."))

    class Meta:
        verbose_name = _("group description")

    def __str__(self):
        # The clinic's own role descriptions are in the catalogues (editorial/roles.py): shown in the user's language.
        return gettext(self.description)
