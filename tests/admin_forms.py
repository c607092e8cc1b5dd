"""What a browser would post from an admin form: every field with the value the page shows."""

from bs4 import BeautifulSoup


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
