"""A patient's input is data everywhere it travels: escaped in the inbox and in e-mails, text in spreadsheets,
and never a header of an e-mail."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from contact.models import QuoteRequest
from contact.notifications import deliver_notifications
from tests.quote_helpers import INBOX, QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;"


@pytest.fixture
def desk_client(django_user_model):
    user = django_user_model.objects.create_user("desk", "desk@faceclinic.be", "not-a-real-password-123")
    user.groups.add(Group.objects.get(name="Front desk"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def post(django_capture_on_commit_callbacks, language="en", **overrides):
    treatment = make_treatment()
    with django_capture_on_commit_callbacks(execute=True):
        return Client().post(QUOTE_FORM[language], patient_post(language, treatment[language], **overrides))


def test_a_script_in_every_text_field_is_stored_as_text_and_escaped_in_the_inbox(
    django_capture_on_commit_callbacks, desk_client
):
    response = post(
        django_capture_on_commit_callbacks, name=f"Alex {SCRIPT}", message=f"Hello {SCRIPT}\n<img src=x onerror=1>"
    )
    assert response.status_code == 303
    request = QuoteRequest.objects.get()
    assert SCRIPT in request.name

    pages = {url: desk_client.get(url) for url in (INBOX, f"{INBOX}edit/{request.pk}/")}
    pages["patient data"] = desk_client.post(f"{INBOX}patient/", {"email": "alex@example.com"})
    for url, response in pages.items():
        page = response.content.decode()
        assert SCRIPT not in page and "<img src=x" not in page, url
        assert ESCAPED in page, url


def test_a_script_in_a_field_reaches_no_e_mail_at_all(django_capture_on_commit_callbacks, mailbox):
    post(django_capture_on_commit_callbacks, name=f"Alex {SCRIPT}")

    assert len(mailbox.messages) == 2
    for message in mailbox.messages:
        for kind in ("plain", "html"):
            content = message.get_body((kind,)).get_content()
            assert SCRIPT not in content and ESCAPED not in content and "Alex" not in content


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formulas_in_a_request_stay_text_in_csv_and_xlsx_exports(
    django_capture_on_commit_callbacks, desk_client, formula
):
    assert post(django_capture_on_commit_callbacks, name=formula).status_code == 303

    response = desk_client.get(INBOX, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["Name"] == "'" + formula
    assert rows[0]["Phone"] == "+32 2 123 45 67", "a stored phone number (E.164) is no formula: kept as dialled"

    response = desk_client.get(INBOX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index("Name") + 1)
    assert cell.value == formula and cell.data_type == "s"


@pytest.mark.parametrize("field", ["name", "email", "phone", "preferred_contact_time"])
@pytest.mark.parametrize("injection", ["Alex\r\nBcc: victim@example.org", "Alex\nSubject: hi", "Alex\rX-Evil: 1"])
def test_a_line_break_in_any_field_is_a_form_error_and_nothing_is_stored_or_sent(
    django_capture_on_commit_callbacks, mailbox, field, injection
):
    response = post(django_capture_on_commit_callbacks, **{field: injection})

    assert response.status_code == 200
    assert not QuoteRequest.objects.exists()
    assert not mailbox.messages


def test_even_a_stored_name_with_a_line_break_cannot_add_a_header_or_recipient(
    django_capture_on_commit_callbacks, mailbox
):
    """Defence in depth: were a line break ever stored, no e-mail puts a patient's text in a header."""
    with django_capture_on_commit_callbacks(execute=True):
        post(django_capture_on_commit_callbacks)
    request = QuoteRequest.objects.get()
    mailbox.messages.clear()
    QuoteRequest.objects.filter(pk=request.pk).update(
        name="Alex\r\nBcc: victim@example.org",
        staff_notified_at=None,
        patient_notified_at=None,
        notification_status="failed",
    )

    deliver_notifications(request.pk)

    recipients = {address for message in mailbox.messages for address in message.envelope_recipients}
    assert recipients == {"frontdesk@faceclinic.be", "alex@example.com"}
    for message in mailbox.messages:
        assert message["Bcc"] is None
    (confirmation,) = mailbox.to("alex@example.com")
    assert confirmation["Subject"] == "Your quote request to Face Clinic Belgium"
