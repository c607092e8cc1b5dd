"""Multi-line text that keeps its translations: one line ending everywhere, and one translation segment a line.

Browsers submit a textarea's line breaks as CRLF. Stored as typed, the first admin save of a source page turned
every "\\n" into "\\r\\n"; wagtail-localize then saw new strings, and the Dutch and French texts fell back to
English. `LineEndingsCharField` stores "\\n" only, for every TextField in Wagtail's admin forms.

wagtail-localize offers a whole TextField as one segment, with its line breaks as literal `<br/>` for the
translator to copy. `MultiLineTextField` offers one segment per line instead (wagtail-localize's
`get_translatable_segments` / `restore_translated_segments` field hooks): no markup, and the translation keeps
the source's lines.
"""

from django import forms
from django.db import models
from wagtail_localize.segments import StringSegmentValue


def normalise_line_endings(text):
    return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


class LineEndingsCharField(forms.CharField):
    def to_python(self, value):
        return normalise_line_endings(super().to_python(value))


class MultiLineTextField(models.TextField):
    """A TextField whose lines are translated one by one (choice labels, an e-mail's text)."""

    def deconstruct(self):
        # Stored exactly as a TextField: migrations need not know the difference (and none is needed).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LineEndingsCharField, **kwargs})

    def get_translatable_segments(self, value):
        return [
            StringSegmentValue(str(number), line)
            for number, line in enumerate(normalise_line_endings(value or "").split("\n"))
            if line.strip()
        ]

    def restore_translated_segments(self, value, segments):
        translated = {segment.path: segment.render_text() for segment in segments}
        lines = normalise_line_endings(value or "").split("\n")
        return "\n".join(translated.get(str(number), line) for number, line in enumerate(lines))
