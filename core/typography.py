"""French typography for everything the site sends in French: one filter over the HTML, not hand-typed spaces.

French sets a space before ? ! ; : % » and after «. Typed as a plain space, a lone "?" wraps onto the next line
on a phone. The filter turns the space an author typed into the no-break kind French uses (Imprimerie nationale,
as in most French publishing today): a narrow no-break space (U+202F) before ? ! ;, a no-break space (U+00A0)
before : % » and after «. It only replaces spaces that are there, so URLs, times ("09:00") and "PRP?" without a
space are left alone, and it never touches tags, attributes, scripts, styles or preformatted text.
"""

import re

NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"

# Tags, comments and the raw-text elements whose content is not prose.
_MARKUP = re.compile(
    r"(<!--.*?-->|<(script|style|textarea|pre|code)\b.*?</\2\s*>|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)
_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;)+"
_RULES = [
    (re.compile(_SPACE + r"([?!;])"), NARROW_NO_BREAK_SPACE + r"\1"),
    (re.compile(_SPACE + r"([:%»])"), NO_BREAK_SPACE + r"\1"),
    (re.compile(r"«" + _SPACE), "«" + NO_BREAK_SPACE),
]


# Most text between tags has none of these: it is returned as it is, without running the rules.
_PUNCTUATION = re.compile(r"[?!;:%»«]")


def french_text(text):
    if not _PUNCTUATION.search(text):
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_typography(html):
    """`html` with French spacing in its text; markup and raw-text elements unchanged."""
    parts = []
    position = 0
    for match in _MARKUP.finditer(html):
        parts.append(french_text(html[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(french_text(html[position:]))
    return "".join(parts)


class FrenchTypographyMiddleware:
    """Applies `french_typography` to every HTML page served in French, before the page cache stores it.

    A page the cache holds is answered above this middleware (config/settings/base.py), already typeset."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "LANGUAGE_CODE", "") == "fr"
            and not request.path.startswith("/admin/")
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and response.status_code != 304
        ):
            charset = response.charset or "utf-8"
            response.content = french_typography(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
