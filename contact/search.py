"""Finding a request the way the front desk types it: phone numbers in any notation, names without accents,
treatments by their title in any language.

Phone numbers are stored in E.164 (`phonenumbers`, Google's libphonenumber, Belgian default region), so
"0470 12 34 56", "0470123456" and "+32 470 12 34 56" are one value and one indexed equality. Everything else a
person searches for is folded (lower case, no accents) into one `search_text` column when a request is stored;
on PostgreSQL a trigram index answers `LIKE '%…%'` on it without scanning the table (migration 0003).
"""

import re
import unicodedata

import phonenumbers

DEFAULT_REGION = "BE"
PHONE_LIKE = re.compile(r"^\+?[\d\s./()-]{6,}$")


def fold(text):
    """Lower case without accents: 'Loës Françoise' -> 'loes francoise'."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


def parse_phone(raw):
    try:
        number = phonenumbers.parse(str(raw or ""), DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def e164(raw):
    """'0470 12 34 56' -> '+32470123456'; what cannot be read as a number stays as typed."""
    number = parse_phone(raw)
    if number is None:
        return str(raw or "").strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def readable_phone(stored):
    """'+32470123456' -> '+32 470 12 34 56': how staff read and dial it."""
    fast = _readable_from_template(stored)
    if fast is not None:
        return fast
    number = parse_phone(stored)
    if number is None:
        return stored or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Formatting a number costs ~50 µs, most of an export row: numbers of one country, length and first digits share
# their grouping, so it is worked out once per such prefix ("+32 ### ## ## ##") and the digits filled in.
_PHONE_TEMPLATES = {}
_MAX_TEMPLATES = 10_000


def _readable_from_template(stored):
    if not stored or stored[0] != "+" or not stored[1:].isdigit():
        return None
    for length in (1, 2, 3):
        country_code, national = int(stored[1 : 1 + length]), stored[1 + length :]
        if country_code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE and national and national[0] != "0":
            break
    else:
        return None
    key = (country_code, len(national), national[:4])
    template = _PHONE_TEMPLATES.get(key)
    if template is None:
        number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
        formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        prefix = f"+{country_code} "
        rest = formatted[len(prefix) :]
        template = (
            prefix + re.sub(r"\d", "#", rest)
            if formatted.startswith(prefix) and re.sub(r"\D", "", rest) == national
            else ""
        )
        if len(_PHONE_TEMPLATES) < _MAX_TEMPLATES:
            _PHONE_TEMPLATES[key] = template
    if not template:
        return None
    digits = iter(national)
    return "".join(next(digits) if character == "#" else character for character in template)


def search_text(name="", email="", phone="", treatment_titles=()):
    """The folded words a request is found by."""
    digits = re.sub(r"\D", "", phone or "")
    national = ""
    number = parse_phone(phone)
    if number is not None:
        national = re.sub(r"\D", "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    parts = [fold(name), fold(email), digits, national, *(fold(title) for title in treatment_titles)]
    return " ".join(part for part in parts if part)


def treatment_titles(treatment_key):
    """The treatment's title in every language it is translated into."""
    if treatment_key is None:
        return []
    from wagtail.models import Page

    return list(Page.objects.filter(translation_key=treatment_key).values_list("title", flat=True))


def filter_by_query(queryset, query):
    """Requests matching every word of `query`; a query that reads as a phone number matches the number."""
    query = (query or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL in a string
    if not query:
        return queryset
    if PHONE_LIKE.match(query):
        number = parse_phone(query)
        if number is not None:
            return queryset.filter(phone=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        return queryset.filter(search_text__contains=re.sub(r"\D", "", query))
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset
