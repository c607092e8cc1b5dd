"""Hypothesis throws generated posts at the quote form and generated queries at the search: never a server error,
and nothing stored that the form would not accept from a person.

`make test` runs a few hundred examples; `make stress` runs FUZZ_FORM_EXAMPLES=10000 and FUZZ_SEARCH_EXAMPLES=2000.
"""

import os
import re

import pytest
from django.core.validators import validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.forms import FORBIDDEN_IN_LINE, FORBIDDEN_IN_TEXT, NAME_MAX_LENGTH, PHONE_PATTERN
from contact.models import QuoteRequest
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

FORM_EXAMPLES = int(os.environ.get("FUZZ_FORM_EXAMPLES", "150"))
SEARCH_EXAMPLES = int(os.environ.get("FUZZ_SEARCH_EXAMPLES", "60"))
FUZZ = dict(
    deadline=None,
    database=None,  # nothing written to .hypothesis/ in CI
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIGURES = {}

# Any Unicode a browser could send (no lone surrogates: they cannot be encoded), control characters included.
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
long_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=100, max_size=5000)
hostile = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "Alex\r\nBcc: victim@example.org",
        '=HYPERLINK("http://evil.example")',
        "'; DROP TABLE contact_quoterequest; --",
        "\x00",
        "\u202eevil",
        "\ufffd",
        "%00",
        "../../etc/passwd",
        "{name}{treatment}{0}%s%(x)s",
        "9" * 40,
        "-1",
        "0",
        "",
        " ",
    ]
)
plausible = {
    "name": st.sampled_from(["Camille Dubois", "Jan Peeters", "Zoë D'Hondt"]),
    "email": st.sampled_from(["camille@example.be", "jan.peeters@example.com", "not-an-email", "a@b"]),
    "phone": st.sampled_from(["+32 2 123 45 67", "02 123 45 67", "123", "+32 (0)2/123.45.67"]),
    "treatment": st.sampled_from(["", "7", "21", "22", "999999", "abc"]),
    "preferred_language": st.sampled_from(["nl", "fr", "en", "de", ""]),
    "preferred_contact_time": st.sampled_from(["morning", "afternoon", "evening", "midnight", ""]),
    "message": st.sampled_from(["I would like to know more.", ""]),
    "consent": st.sampled_from(["on", "", "off", "true"]),
    "website": st.sampled_from(["", "", "", "http://spam.example"]),
}


def field_value(name):
    value = st.one_of(plausible[name], any_text, hostile, long_text)
    return st.one_of(value, st.lists(value, min_size=2, max_size=3))


FIELDS = [*plausible, "form_started"]


def fuzzed_value(name):
    if name == "form_started":
        return st.one_of(any_text, hostile)
    return field_value(name)


# A patient's valid post with up to three fields replaced by generated values and up to two left out, plus
# up to three keys the form does not know: most posts are refused, some are valid and must be stored intact.
mutations = st.tuples(
    st.lists(st.sampled_from(FIELDS), max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({name: fuzzed_value(name) for name in names})
    ),
    st.lists(st.sampled_from(FIELDS), max_size=2, unique=True),
    st.dictionaries(
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20), any_text, max_size=3
    ),
)


def assert_acceptable(stored):
    """What a stored request must be, however odd the post that made it."""
    assert len(stored.name) <= NAME_MAX_LENGTH and not FORBIDDEN_IN_LINE.search(stored.name)
    if stored.email:
        validate_email(stored.email)
        assert not FORBIDDEN_IN_LINE.search(stored.email)
    if stored.phone:  # optional on the clinic's form
        assert PHONE_PATTERN.match(stored.phone) and 8 <= len(re.sub(r"\D", "", stored.phone)) <= 15
    for answer in stored.answers:
        if isinstance(answer["value"], str):
            assert not FORBIDDEN_IN_TEXT.search(answer["value"])
    assert stored.consent_version


@pytest.fixture
def no_rate_limit(settings):
    settings.QUOTE_RATE_LIMIT = 0


def test_generated_quote_posts_never_cause_a_server_error_or_store_invalid_input(client, no_rate_limit):
    counts = {"posts": 0, "stored": 0, "refused": 0, "spam": 0}
    treatment = make_treatment()

    @settings(max_examples=FORM_EXAMPLES, **FUZZ)
    @given(mutation=mutations, language=st.sampled_from(sorted(QUOTE_FORM)))
    def post_anything(mutation, language):
        replaced, removed, unknown = mutation
        data = {**unknown, **patient_post(language, treatment[language]), **replaced}
        for name in removed:
            data.pop(name, None)
        before = QuoteRequest.objects.count()
        response = client.post(QUOTE_FORM[language], data)
        after = QuoteRequest.objects.count()
        counts["posts"] += 1

        assert response.status_code < 500, (response.status_code, data)
        if response.status_code == 303:
            if after == before:
                counts["spam"] += 1
                assert data.get("website"), "only the honeypot answers success without storing"
            else:
                counts["stored"] += 1
                assert after == before + 1
                assert_acceptable(QuoteRequest.objects.order_by("-pk").first())
        else:
            counts["refused"] += 1
            assert response.status_code in (200, 400), response.status_code
            assert after == before, f"stored from a refused post: {data!r}"

    post_anything()
    FIGURES["quote form"] = counts
    print(f"\nfuzz quote form: {counts}")
    assert counts["posts"] >= FORM_EXAMPLES * 0.9
    assert counts["stored"] and counts["refused"], "the fuzzing reached both sides of the form"


def test_generated_search_queries_never_cause_a_server_error(client):
    from treatments.models import SearchPage

    urls = [page.url for page in SearchPage.objects.live()]
    counts = {"queries": 0}

    @settings(max_examples=SEARCH_EXAMPLES, **FUZZ)
    @given(
        url=st.sampled_from(urls),
        params=st.dictionaries(
            st.sampled_from(["q", "page", "lang", "q[]", "\x00"]),
            st.one_of(any_text, hostile, long_text),
            max_size=3,
        ),
    )
    def search_anything(url, params):
        response = client.get(url, params)
        counts["queries"] += 1
        assert response.status_code < 500, (response.status_code, params)

    search_anything()
    print(f"\nfuzz search: {counts}")
    assert counts["queries"] >= SEARCH_EXAMPLES * 0.9
