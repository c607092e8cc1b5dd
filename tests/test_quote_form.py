"""The quote form a patient fills in: treatments of their language, errors next to the fields, no spam.

Bad input (too long, malformed, unreadable, oversized, robotic) gets a form error or a 400, never a 500,
and nothing is stored or sent.
"""

import pytest
from django.core import mail, signing

from contact.models import QuoteRequest
from contact.spam import fill_time_token
from tests.conftest import html
from tests.quote_helpers import QUOTE_FORM, TREATMENT_TITLES, make_treatment, patient_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment():
    return make_treatment()


def post(client, django_capture_on_commit_callbacks, language, data, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(QUOTE_FORM[language], data, **extra)


def assert_nothing_stored_or_sent():
    assert QuoteRequest.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_treatment_choice_lists_the_live_treatments_of_the_form_language(client, treatment, language):
    page = html(client.get(QUOTE_FORM[language]))

    options = {option["value"]: option.get_text() for option in page.select("select[name=treatment] option")}
    assert options.pop("") != ""
    assert options == {str(treatment[language].pk): TREATMENT_TITLES[language]}


def test_a_link_from_the_english_treatment_page_preselects_the_french_treatment(client, treatment):
    page = html(client.get(QUOTE_FORM["fr"], {"treatment": treatment["en"].pk}))

    selected = page.select_one("select[name=treatment] option[selected]")
    assert selected["value"] == str(treatment["fr"].pk)
    assert selected.get_text() == TREATMENT_TITLES["fr"]


@pytest.mark.parametrize("garbage", ["999999", "abc", "-1", "1" * 40, "%00", "2"])
def test_an_unknown_treatment_in_the_link_is_ignored(client, treatment, garbage):
    response = client.get(QUOTE_FORM["fr"], {"treatment": garbage})

    assert response.status_code == 200
    assert html(response).select_one("select[name=treatment] option[selected]")["value"] == ""


def test_quote_buttons_on_treatment_pages_lead_to_the_form_in_the_same_language(client, treatment):
    page = html(client.get(treatment["fr"].url))

    button = page.select_one(".price a.button")
    assert button.get_text() == "Demander un devis"
    assert button["href"] == f"{QUOTE_FORM['fr']}?treatment={treatment['fr'].pk}"


def test_posting_the_english_treatment_id_on_the_dutch_form_stores_the_dutch_treatment(
    client, django_capture_on_commit_callbacks, treatment
):
    response = post(client, django_capture_on_commit_callbacks, "nl", patient_post("nl", treatment["en"]))

    assert response.status_code == 303
    assert QuoteRequest.objects.get().treatment_id == treatment["nl"].pk


def test_errors_are_shown_next_to_each_field_in_french_and_answers_are_kept(
    client, django_capture_on_commit_callbacks, treatment
):
    data = patient_post("fr", treatment["fr"], email="camille(at)example", phone="12", consent=None)

    response = post(client, django_capture_on_commit_callbacks, "fr", data)

    assert response.status_code == 200
    page = html(response)
    email_input = page.select_one("input[name=email]")
    assert email_input["value"] == "camille(at)example"
    assert email_input["aria-invalid"] == "true"
    assert "id_email_error" in email_input["aria-describedby"].split()
    assert page.select_one("#id_email_error").get_text(strip=True) == "Saisissez une adresse e-mail valide."
    assert page.select_one("#id_phone_error").get_text(strip=True).startswith("Indiquez un numéro de téléphone")
    assert page.select_one("#id_consent_error").get_text(strip=True).startswith("Nous ne pouvons répondre")
    assert page.select_one("input[name=name]")["value"] == "Camille Dubois"
    assert page.select_one("textarea[name=message]").get_text(strip=True) == "I would like to know more."
    assert page.select_one(f"select[name=treatment] option[value='{treatment['fr'].pk}']").has_attr("selected")
    assert page.select_one("input[name=preferred_contact_time][value=morning]").has_attr("checked")
    assert page.select_one(".error-summary h2").get_text() == "Veuillez vérifier vos réponses"
    summary = {link["href"]: link.get_text(" ", strip=True) for link in page.select(".error-summary a")}
    assert summary["#id_email"] == "Adresse e-mail\u00a0: Saisissez une adresse e-mail valide."  # French colon spacing
    assert summary["#id_consent"].startswith("Nous ne pouvons répondre"), "the error, not the whole consent text"
    assert page.title.get_text().startswith("Erreur\u00a0:")
    assert_nothing_stored_or_sent()


@pytest.mark.parametrize(
    ("overrides", "field", "expected_error"),
    [
        ({"message": "x" * 2001}, "message", "Assurez-vous que cette valeur comporte au plus 2000 caractères"),
        ({"email": "not-an-address"}, "email", "Saisissez une adresse e-mail valide."),
        ({"email": "a@b.be\r\nBcc: x@y.be"}, "email", "Saisissez une adresse e-mail valide."),
        ({"phone": "call me maybe"}, "phone", "Indiquez un numéro de téléphone"),
        ({"consent": None}, "consent", "Nous ne pouvons répondre à votre demande qu'avec votre consentement."),
        ({"treatment": "999999"}, "treatment", "Choisissez un traitement dans la liste."),
        ({"treatment": "abc"}, "treatment", "Choisissez un traitement dans la liste."),
        ({"name": "Camille\x07Dubois"}, "name", "Ce champ contient des caractères illisibles."),
        ({"name": "Camille\nBcc: spam@example.com"}, "name", "Ce champ contient des caractères illisibles."),
        ({"message": "Bonjour\x00"}, "message", "Ce champ contient des caractères illisibles."),
        ({"message": "text \u202eevil"}, "message", "Ce champ contient des caractères illisibles."),
        ({"name": ""}, "name", "Ce champ est obligatoire."),
    ],
)
def test_bad_input_gets_a_french_error_next_to_its_field_and_nothing_is_stored(
    client, django_capture_on_commit_callbacks, treatment, overrides, field, expected_error
):
    response = post(client, django_capture_on_commit_callbacks, "fr", patient_post("fr", treatment["fr"], **overrides))

    assert response.status_code == 200
    error = html(response).select_one(f"#id_{field}_error")
    assert error is not None, f"no error shown next to {field}"
    assert expected_error in error.get_text(strip=True)
    assert_nothing_stored_or_sent()


def test_a_body_that_is_not_utf8_gets_a_form_error(client, django_capture_on_commit_callbacks, treatment):
    from urllib.parse import urlencode

    fields = patient_post("fr", treatment["fr"])
    fields.pop("name")
    body = urlencode(fields).encode() + b"&name=Camille+%FF%FE+Dubois"

    response = post(
        client,
        django_capture_on_commit_callbacks,
        "fr",
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert html(response).select_one("#id_name_error").get_text(strip=True).startswith("Ce champ contient")
    assert_nothing_stored_or_sent()


def test_a_one_megabyte_message_is_refused_with_a_form_error(client, django_capture_on_commit_callbacks, treatment):
    response = post(
        client, django_capture_on_commit_callbacks, "nl", patient_post("nl", treatment["nl"], message="a" * 1_048_576)
    )

    assert response.status_code == 200
    assert (
        html(response)
        .select_one("#id_message_error")
        .get_text(strip=True)
        .startswith("Zorg dat deze waarde niet meer dan 2000 tekens bevat")
    )
    assert_nothing_stored_or_sent()


def test_a_body_over_the_upload_limit_is_a_413(client, django_capture_on_commit_callbacks, treatment):
    response = post(
        client, django_capture_on_commit_callbacks, "nl", patient_post("nl", treatment["nl"], message="a" * 3_000_000)
    )

    assert response.status_code == 413
    assert "Wat u verstuurde, is groter dan deze pagina aanvaardt" in html(response).get_text()
    assert_nothing_stored_or_sent()


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(
    client, django_capture_on_commit_callbacks, treatment
):
    data = patient_post("en", treatment["en"], website="https://spam.example")

    response = post(client, django_capture_on_commit_callbacks, "en", data)

    assert response.status_code == 303
    assert_nothing_stored_or_sent()


def test_a_form_sent_within_three_seconds_is_refused_with_a_translated_message(
    client, django_capture_on_commit_callbacks, treatment
):
    data = patient_post("nl", treatment["nl"], form_started=fill_time_token())

    response = post(client, django_capture_on_commit_callbacks, "nl", data)

    assert response.status_code == 200
    summary = html(response).select_one(".error-summary").get_text(" ", strip=True)
    assert "Dat ging snel." in summary
    assert_nothing_stored_or_sent()


@pytest.mark.parametrize("token", ["", "forged:token", signing.dumps(0, salt="another-form")])
def test_a_form_without_a_valid_start_time_is_refused(client, django_capture_on_commit_callbacks, treatment, token):
    response = post(
        client, django_capture_on_commit_callbacks, "en", patient_post("en", treatment["en"], form_started=token)
    )

    assert response.status_code == 200
    assert "could not be checked" in html(response).select_one(".error-summary").get_text()
    assert_nothing_stored_or_sent()


def test_minimum_fill_time_is_at_most_three_seconds(settings):
    assert 0 < settings.QUOTE_MIN_FILL_SECONDS <= 3


def test_rate_limit_counts_accepted_requests_only_and_explains_itself_in_the_page_language(
    client, django_capture_on_commit_callbacks, treatment, settings
):
    settings.QUOTE_RATE_LIMIT = 2
    for _attempt in range(3):  # typos never count
        assert (
            post(client, django_capture_on_commit_callbacks, "fr", patient_post("fr", email="typo")).status_code == 200
        )
    for _accepted in range(2):
        assert post(client, django_capture_on_commit_callbacks, "fr", patient_post("fr")).status_code == 303

    refused = post(client, django_capture_on_commit_callbacks, "fr", patient_post("fr"))

    assert refused.status_code == 429
    assert "Nous avons reçu plusieurs demandes depuis votre connexion" in refused.content.decode()
    assert QuoteRequest.objects.count() == 2
    other_visitor = post(client, django_capture_on_commit_callbacks, "fr", patient_post("fr"), REMOTE_ADDR="10.0.0.9")
    assert other_visitor.status_code == 303


def test_every_input_has_a_label_and_the_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = html(client.get(QUOTE_FORM["en"]))
    form = page.select_one("form.quote-form")

    for element in form.select("input:not([type=hidden]), select, textarea"):
        assert form.select_one(f"label[for='{element['id']}']") is not None, element
    honeypot = form.select_one("input[name=website]")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(attrs={"aria-hidden": "true"}) is not None
    radio_group = form.select_one("input[name=preferred_contact_time]").find_parent("fieldset")
    assert radio_group.legend.get_text(strip=True) == "When can we best reach you?"


def test_consent_box_links_to_the_privacy_policy_in_the_page_language(client):
    consent_label = html(client.get(QUOTE_FORM["nl"])).select_one("label[for=id_consent]")

    assert consent_label.a["href"] == "/nl/privacybeleid/"
    assert consent_label.get_text(" ", strip=True).startswith("Ik geef Face Clinic Belgium uitdrukkelijk toestemming")


def test_the_form_page_is_never_cached_by_a_shared_cache(client):
    response = client.get(QUOTE_FORM["fr"])

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_thank_you_page_exists_only_under_its_own_language_word(client):
    assert client.get(QUOTE_FORM["fr"] + "merci/").status_code == 200
    assert client.get(QUOTE_FORM["fr"] + "bedankt/").status_code == 404
    assert client.get(QUOTE_FORM["fr"] + "thank-you/").status_code == 404
