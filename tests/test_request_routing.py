"""Where quote requests go is a setting only administrators (and whom they allow) can change: no page field holds
recipients, so no role that edits pages can send patients' requests elsewhere. Through the admin's own views."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission, ModelLogEntry, Page
from wagtail.users.models import UserProfile

from contact.models import QuoteFormPage, QuoteRoutingSettings
from tests.admin_forms import form_data
from tests.quote_helpers import QUOTE_FORM, make_treatment, patient_post

pytestmark = pytest.mark.django_db

ROUTING = "/admin/settings/contact/quoteroutingsettings/"
ATTACKER = "collector@evil.example"


def moderators_group():
    """Wagtail's default "Moderators" (another helper may remove it): publish rights on every page."""
    group, created = Group.objects.get_or_create(name="Moderators")
    if created:
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        root = Page.get_first_root_node()
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.create(
                group=group, page=root, permission=Permission.objects.get(codename=codename)
            )
    return group


def staff_client(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@faceclinic.be", "not-a-real-password-123")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def routing_edit_url():
    return f"{ROUTING}{QuoteRoutingSettings.load().pk}/"


def publish_quote_form_with(client, **changes):
    """An editor opens the English quote form in the page editor, changes fields and publishes."""
    page = QuoteFormPage.objects.get(locale__language_code="en")
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(url), "form#page-edit-form")
    data.update(changes)
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def send_request(django_capture_on_commit_callbacks):
    treatment = make_treatment()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(QUOTE_FORM["en"], patient_post("en", treatment["en"]))
    assert response.status_code == 303


@pytest.mark.parametrize("group_name", ["Marketing", "Moderators"])
def test_marketing_and_moderators_cannot_change_where_requests_go(
    django_user_model, django_capture_on_commit_callbacks, mailbox, group_name
):
    group = moderators_group() if group_name == "Moderators" else Group.objects.get(name=group_name)
    editor = staff_client(django_user_model, "editor", group)

    # The page they may publish holds no recipients: what they add is ignored.
    published = publish_quote_form_with(editor, to_address=ATTACKER, from_address=ATTACKER)
    assert published.status_code == 302, "the editor may publish the form page itself"
    # The routing setting is closed to them.
    assert editor.get(routing_edit_url()).status_code in (302, 403)
    editor.post(routing_edit_url(), {"staff_recipients": ATTACKER, "reply_within_working_days": 2})
    assert QuoteRoutingSettings.load().recipients == ["frontdesk@faceclinic.be"]

    send_request(django_capture_on_commit_callbacks)

    recipients = {address for message in mailbox.messages for address in message.envelope_recipients}
    assert ATTACKER not in recipients
    assert "frontdesk@faceclinic.be" in recipients


def test_an_administrator_changes_where_requests_go_and_the_change_is_in_the_audit_log(
    admin_client, django_capture_on_commit_callbacks, mailbox
):
    url = routing_edit_url()
    data = form_data(admin_client.get(url))
    data["staff_recipients"] = "onthaal@faceclinic.be\nbalie@faceclinic.be"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert QuoteRoutingSettings.load().recipients == ["onthaal@faceclinic.be", "balie@faceclinic.be"]
    assert ModelLogEntry.objects.filter(action="wagtail.edit", content_type__model="quoteroutingsettings").exists()
    send_request(django_capture_on_commit_callbacks)
    assert len(mailbox.to("onthaal@faceclinic.be")) == 1 and len(mailbox.to("balie@faceclinic.be")) == 1
    assert not mailbox.to("frontdesk@faceclinic.be")


def test_an_invalid_address_is_refused_with_a_message(admin_client):
    url = routing_edit_url()
    data = form_data(admin_client.get(url))
    data["staff_recipients"] = "not an address"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert QuoteRoutingSettings.load().recipients == ["frontdesk@faceclinic.be"]


def test_the_front_desk_may_be_given_the_routing_setting_through_its_group(django_user_model):
    front_desk = Group.objects.get(name="Front desk")
    desk = staff_client(django_user_model, "desk", front_desk)
    assert desk.get(routing_edit_url()).status_code in (302, 403), "not by default"

    front_desk.permissions.add(Permission.objects.get(codename="change_quoteroutingsettings"))

    assert desk.get(routing_edit_url()).status_code == 200
