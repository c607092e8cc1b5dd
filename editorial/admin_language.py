"""Wagtail 7.4 translates a few admin labels once, when its modules are imported, with `gettext` instead of
`gettext_lazy`. At that moment no user is active, so Django uses LANGUAGE_CODE, which is Dutch here: an English
or French editor then reads "Kies", "Zoeken" and "Opmerking" in their own admin. (Wagtail has fixed such calls
one by one upstream, e.g. wagtail/wagtail#10539; these are the ones left in 7.4.)

`restore_lazy_admin_labels()` puts the lazy strings back, with Wagtail's own msgids, so its catalogues translate
them for each user when the page renders. It runs in `EditorialConfig.ready()`, before the admin's viewsets and
forms are built. Remove an entry once the pinned Wagtail declares that label lazily itself;
tests/test_admin_language.py says whether every user still reads their own language."""

from functools import wraps

from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy

# The class attributes Wagtail declares with a non-lazy gettext, and their msgids.
CHOOSER_VIEWSET_LABELS = {
    "choose_one_text": "Choose",
    "choose_another_text": "Choose another",
    "edit_item_text": "Edit",
    "search_tab_label": "Search",
    "create_action_label": "Create",
}
IMAGE_INSERTION_LABELS = {"format": "Format", "image_is_decorative": "Image is decorative", "alt_text": "Alt text"}
REDIRECT_EXPORT_HEADINGS = {"old_path": "From", "site": "Site", "link": "To", "get_is_permanent_display": "Type"}


def restore_lazy_admin_labels():
    _chooser_viewsets()
    _page_chooser_widget()
    _workflow_comment_form()
    _image_insertion_form()
    _redirects_report()


def _chooser_viewsets():
    """Every chooser modal: its title ("Choose"), its "Search" tab, its "Create" button."""
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    for attribute, msgid in CHOOSER_VIEWSET_LABELS.items():
        setattr(ChooserViewSet, attribute, gettext_lazy(msgid))


def _page_chooser_widget():
    """ "Choose a page (Treatment page)": Wagtail appends the model's name with `+=`, which translates the lazy
    "Choose a page" at once, in the language active when the form class is built (once per process)."""
    from wagtail.admin.widgets.chooser import AdminPageChooser

    if getattr(AdminPageChooser.__init__, "keeps_labels_lazy", False):
        return
    original_init = AdminPageChooser.__init__

    @wraps(original_init)
    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        models = getattr(self, "target_models", [])
        if len(models) == 1 and models[0]._meta.model_name != "page":
            self.choose_one_text = format_lazy(
                "{} ({})", gettext_lazy("Choose a page"), capfirst(models[0]._meta.verbose_name)
            )

    __init__.keeps_labels_lazy = True
    AdminPageChooser.__init__ = __init__


def _workflow_comment_form():
    """The "Comment" box of a workflow action (the doctor's approval or request for changes)."""
    from wagtail.forms import TaskStateCommentForm

    TaskStateCommentForm.base_fields["comment"].label = gettext_lazy("Comment")


def _image_insertion_form():
    """Inserting an image into rich text: format, "decorative", alt text."""
    from wagtail.images.forms import ImageInsertionForm

    for field_name, msgid in IMAGE_INSERTION_LABELS.items():
        ImageInsertionForm.base_fields[field_name].label = gettext_lazy(msgid)


def _redirects_report():
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
    from wagtail.contrib.redirects.views import IndexView

    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = gettext_lazy("Type")
    kind.extra["choices"] = ((True, gettext_lazy("Permanent")), (False, gettext_lazy("Temporary")))
    kind.extra["empty_label"] = gettext_lazy("All")
    IndexView.export_headings = {field: gettext_lazy(msgid) for field, msgid in REDIRECT_EXPORT_HEADINGS.items()}
