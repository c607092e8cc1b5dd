"""A French-speaking patient finds the PRP treatment, reads it in Dutch and asks for a quote, in Chromium."""

import re

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.browser import E2E
from tests.quote_helpers import TREATMENT_TITLES

pytestmark = E2E

STAFF_INBOX = "frontdesk@faceclinic.be"


def in_language(language, message):
    with translation.override(language):
        return gettext(message)


def test_french_patient_switches_to_dutch_and_asks_for_a_quote_that_reaches_the_front_desk(open_page, mailbox):
    page = open_page(locale="fr-BE")

    # A French browser on the bare domain lands on the French home page.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # Treatments, then the PRP page.
    page.locator("nav.menu--main").get_by_role("link", name="Traitements", exact=True).click()
    page.get_by_role("link", name=TREATMENT_TITLES["fr"]).first.click()
    expect(page).to_have_url(re.compile(r"/fr/traitements/prp-chute-de-cheveux/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TREATMENT_TITLES["fr"])

    # The language switcher leads to the same treatment in Dutch, not to the Dutch home page.
    page.get_by_role("navigation", name=in_language("fr", "Choose your language")).get_by_role(
        "link", name="Nederlands"
    ).click()
    expect(page).to_have_url(re.compile(r"/nl/behandelingen/prp-bij-haaruitval/$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text(TREATMENT_TITLES["nl"])

    # An FAQ opens on a click and shows its answer.
    faq = page.locator("details.faq").first
    answer = faq.locator(".faq__answer")
    expect(answer).to_be_hidden()
    faq.locator("summary").click()
    expect(faq).to_have_attribute("open", "")
    expect(answer).to_be_visible()

    # The quote button opens the Dutch form with this treatment already chosen.
    page.get_by_role("main").get_by_role(
        "link", name=in_language("nl", "Ask for a quote")
    ).first.click()  # the one in the "at a glance" box, near the top
    expect(page).to_have_url(re.compile(r"/nl/offerte-aanvragen/\?treatment=\d+$"))
    expect(page.locator("#id_treatment option:checked")).to_have_text(TREATMENT_TITLES["nl"])

    # A typo in the e-mail address: the form comes back with the Dutch error next to the field, answers kept.
    page.locator("#id_name").fill("Jan Peeters")
    page.locator("#id_email").fill("jan.peeters@example")
    page.locator("#id_phone").fill("+32 2 123 45 67")
    page.locator("#id_preferred_contact_time_0").check()
    page.locator("#id_message").fill("Hoeveel sessies zijn er nodig?")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=in_language("nl", "Send my request")).click()

    expect(page).to_have_title(re.compile(r"^Fout: "))
    email_error = page.locator("#id_email_error")
    expect(email_error).to_have_text(in_language("nl", "Enter a valid e-mail address."))
    expect(page.locator(".field--error")).to_have_count(1)
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name")).to_have_value("Jan Peeters")
    expect(page.locator("#id_treatment option:checked")).to_have_text(TREATMENT_TITLES["nl"])
    expect(page.locator("#id_consent")).to_be_checked()
    assert mailbox.messages == []

    # Corrected and sent: the thank-you page, then the alert in the front desk's mailbox.
    page.locator("#id_email").fill("jan.peeters@example.be")
    page.get_by_role("button", name=in_language("nl", "Send my request")).click()

    expect(page).to_have_url(re.compile(r"/nl/offerte-aanvragen/bedankt/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(in_language("nl", "Request sent"))
    staff_mail = mailbox.to(STAFF_INBOX)
    assert len(staff_mail) == 1
    assert staff_mail[0]["Subject"].startswith("Nieuwe offerteaanvraag (nr. ")
    assert TREATMENT_TITLES["nl"] not in staff_mail[0]["Subject"] and staff_mail[0]["Reply-To"] is None
    assert len(mailbox.to("jan.peeters@example.be")) == 1, "the patient's confirmation"
