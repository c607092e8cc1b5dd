"""Form data for the Wagtail admin's edit views, built from an existing object: what an editor's browser posts
when they open a page, change one thing and press a button. Wagtail ships the pieces (`wagtail.test.utils.
form_data`) but not the inverse of a stored StreamField, which these helpers provide. `form_data` reads
the form a response shows: every field with the value the page shows, as a browser posts it."""

from bs4 import BeautifulSoup
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.test.utils.form_data import inline_formset, rich_text


def block_form_data(block, value):
    if isinstance(block, blocks.StreamBlock):
        data = {
            str(index): {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
            for index, child in enumerate(value)
        }
        data["count"] = str(len(value))
        return data
    if isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks)
        data = {
            str(index): {
                "value": block_form_data(block.child_block, item.value),
                "deleted": "",
                "order": str(index),
                "id": item.id or "",
            }
            for index, item in enumerate(items)
        }
        data["count"] = str(len(items))
        return data
    if isinstance(block, ImageBlock):
        return {
            "image": str(value.pk),
            "decorative": "on" if value.decorative else "",
            "alt_text": value.contextual_alt_text or "",
        }
    if isinstance(block, blocks.StructBlock):
        return {name: block_form_data(child, value[name]) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source)
    if isinstance(block, blocks.ChooserBlock):
        return str(value.pk) if value is not None else ""
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    return "" if value is None else str(value)


def page_form_data(page, fields, **changes):
    """The edit form of `page` as posted: `fields` from the page (StreamFields and rich text converted), then
    `changes` (already in form format), with an empty comments formset."""
    data = {}
    for name in fields:
        field = page._meta.get_field(name)
        value = getattr(page, field.attname)  # a foreign key as its id
        if isinstance(field, StreamField):
            data[name] = block_form_data(field.stream_block, getattr(page, name))
        elif isinstance(field, RichTextField):
            data[name] = rich_text(value)
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    data["comments"] = inline_formset([])
    data.update(changes)
    return data


def form_data(response, selector="form[method=post]"):
    form = BeautifulSoup(response.content, "html.parser").select_one(selector)
    assert form is not None, f"no {selector} on the page"
    data = {}
    for element in form.select("input, textarea, select"):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        kind = element.get("type", "text")
        if element.name == "textarea":
            # Django writes a new line after <textarea>, which browsers drop.
            data[name] = element.text.removeprefix("\n")
        elif element.name == "select":
            chosen = [option.get("value", option.text) for option in element.select("option[selected]")]
            if element.has_attr("multiple"):
                data[name] = chosen
            else:
                first = element.select_one("option")
                data[name] = chosen[0] if chosen else (first.get("value", "") if first else "")
        elif kind in ("checkbox", "radio"):
            if element.has_attr("checked"):
                data.setdefault(name, []).append(element.get("value", "on"))
        elif kind not in ("submit", "button", "file", "image", "reset"):
            data[name] = element.get("value", "")
    return data
