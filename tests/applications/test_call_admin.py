"""Calls in the admin: times in the call's own zone; whom applicants write to."""

import datetime as dt

import pytest
from django.urls import reverse

from applications.models import Call
from programs.models import Contact
from tests.applications.factories import CallFactory, ContactFactory
from tests.factories import EditionFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_times_are_read_in_the_zone_chosen_for_the_call(editor_client):
    edition = EditionFactory(program=ProgramFactory())
    response = editor_client.post(
        reverse("admin:applications_call_add"),
        {
            "edition": edition.pk,
            "opens_at_0": "2027-01-10",
            "opens_at_1": "09:00:00",
            "closes_at_0": "2027-01-31",
            "closes_at_1": "18:00:00",
            "time_zone": "Asia/Kolkata",
            "eligibility": "City officials.",
            "languages": "English",
            "costs": "None.",
            "documents": "A CV.",
            "status": "draft",
            "published_at_0": "2026-01-01",
            "published_at_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    call = Call.objects.get()
    assert call.opens_at == dt.datetime(2027, 1, 10, 3, 30, tzinfo=dt.UTC)
    assert call.closes_text == (
        "31 January 2027, 18:00 Kolkata time (UTC+5:30) — 31 January, 12:30 UTC"
    )
    change = editor_client.get(reverse("admin:applications_call_change", args=[call.pk]))
    html = change.content.decode()
    assert 'value="09:00:00"' in html


def test_the_zone_list_has_one_name_per_zone_and_keeps_a_calls_own(editor_client):
    """The drop-down lists the zones by country without the database's old aliases; a
    call given one of those keeps it when edited."""
    add = editor_client.get(reverse("admin:applications_call_add")).content.decode()
    assert 'value="Asia/Kolkata"' in add
    assert 'value="America/Argentina/Buenos_Aires"' in add
    for alias in ("Asia/Calcutta", "Africa/Asmera", "America/Buenos_Aires"):
        assert f'value="{alias}"' not in add
    call = CallFactory(time_zone="Asia/Calcutta")
    change = editor_client.get(reverse("admin:applications_call_change", args=[call.pk]))
    assert 'value="Asia/Calcutta" selected' in change.content.decode()


def test_a_deadline_before_the_opening_is_refused(editor_client):
    edition = EditionFactory(program=ProgramFactory())
    response = editor_client.post(
        reverse("admin:applications_call_add"),
        {
            "edition": edition.pk,
            "opens_at_0": "2027-01-10",
            "opens_at_1": "09:00:00",
            "closes_at_0": "2027-01-09",
            "closes_at_1": "09:00:00",
            "time_zone": "Asia/Seoul",
            "eligibility": "x",
            "languages": "English",
            "costs": "x",
            "documents": "x",
            "status": "draft",
            "published_at_0": "2026-01-01",
            "published_at_1": "00:00:00",
        },
    )
    assert response.status_code == 200
    assert "The deadline is before the opening" in response.content.decode()
    assert not Call.objects.exists()


def call_form(edition, **overrides):
    return {
        "edition": edition.pk,
        "opens_at_0": "2027-01-10",
        "opens_at_1": "09:00:00",
        "closes_at_0": "2027-01-31",
        "closes_at_1": "18:00:00",
        "time_zone": "Asia/Seoul",
        "eligibility": "City officials.",
        "languages": "English",
        "costs": "None.",
        "documents": "A CV.",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "00:00:00",
        **overrides,
    }


def test_a_call_with_nobody_to_write_to_cannot_be_published(editor_client, empty_site):
    edition = EditionFactory()
    assert not Contact.objects.exists()
    response = editor_client.post(reverse("admin:applications_call_add"), call_form(edition))
    assert response.status_code == 200
    assert "Name at least one contact before publishing" in response.content.decode()
    assert not Call.objects.exists()

    draft = editor_client.post(
        reverse("admin:applications_call_add"), call_form(edition, status="draft")
    )
    assert draft.status_code == 302  # a draft may wait for its contacts
    contact = ContactFactory()
    published = editor_client.post(
        reverse("admin:applications_call_change", args=[Call.objects.get().pk]),
        call_form(edition, contacts=[contact.pk]),
    )
    assert published.status_code == 302
    assert Call.objects.get().is_published


def test_the_publish_action_leaves_a_call_with_nobody_to_write_to_a_draft(
    editor_client, empty_site
):
    edition = EditionFactory()
    editor_client.post(reverse("admin:applications_call_add"), call_form(edition, status="draft"))
    call = Call.objects.get()
    response = editor_client.post(
        reverse("admin:applications_call_changelist"),
        {"action": "publish", "_selected_action": [call.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Not published:" in page
    assert "Name at least one contact before publishing" in page
    call.refresh_from_db()
    assert call.status == "draft"

    call.contacts.add(ContactFactory())
    editor_client.post(
        reverse("admin:applications_call_changelist"),
        {"action": "publish", "_selected_action": [call.pk]},
    )
    call.refresh_from_db()
    assert call.status == "published"


def test_the_call_says_whose_contacts_applicants_write_to(editor_client, empty_site):
    program_contact = ContactFactory(email="program@example.org", name="Program Person")
    call = CallFactory()
    call.edition.program.contacts.add(program_contact)
    page = editor_client.get(reverse("admin:applications_call_change", args=[call.pk]))
    assert "Program Person" in page.content.decode()
    assert "the program&#x27;s contacts (the call and the edition name none)" in (
        page.content.decode()
    )
