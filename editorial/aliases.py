"""An alias in another language is the source page's text under that language's URL: never a live translation.

wagtail-localize makes such aliases when a child is translated before its parent (Wagtail's
`copy_for_translation(copy_parents=True)` aliases each untranslated parent), and Wagtail republishes every alias
whenever its source is published. Kept as drafts here, they hold the tree together without ever being served as
a French page with English text; translating the parent later turns the alias into a real (draft) translation.
"""

from wagtail.models import Page


def keep_translation_aliases_unpublished(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.alias_of_id or not instance.live:
        return
    if update_fields is not None and "live" not in update_fields:
        return
    source_locale_id = Page.objects.filter(pk=instance.alias_of_id).values_list("locale_id", flat=True).first()
    if source_locale_id is not None and source_locale_id != instance.locale_id:
        instance.live = False
