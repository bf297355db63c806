"""Emails are data: what an applicant types arrives in every email exactly as typed, and
no address the form accepts can fail in the email queue."""

from email.utils import getaddresses

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from post_office.models import Email

from applications.models import Application
from tests.applications.factories import (
    ApplicationFactory,
    CallFactory,
    ContactFactory,
    form_data,
)
from tests.applications.helpers import send_the_queue
from tests.applications.pdfs import upload
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

TEMPLATE_NAMES = [
    "{% lorem 3 w %}",
    "{{ 7|add:1 }}",
    "{% url 'admin:index' %}",
    '{% include "base.html" %}',
    "{{",
    "{% debug %}",
    "{{ contacts }} {% now 'Y' %}",
]


def apply(client, call, **overrides):
    data = {**form_data(**overrides), "document": upload()}
    return client.post(call.get_absolute_url(), data)


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_syntax_in_a_name_is_sent_as_typed(client, call, name):
    response = apply(client, call, name=name, honorific="")
    assert response.status_code == 302
    send_the_queue()
    (message,) = mail.outbox
    assert f"Dear {name}," in message.body
    assert reverse("admin:index") not in message.body or "url" not in name
    assert "lorem ipsum" not in message.body.lower()


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_syntax_in_a_name_is_sent_as_typed_in_decisions(
    editor_client, call, decision_texts, name
):
    application = ApplicationFactory(call=call, name=name, email="decided@example.org")
    application.change_status("accepted")
    changelist = reverse("admin:applications_application_changelist")
    selected = {"action": "send_decision_emails", "_selected_action": [application.pk]}
    preview = editor_client.post(changelist, selected)
    assert preview.status_code == 200
    editor_client.post(changelist, {**selected, "confirm": "send"})
    send_the_queue()
    (message,) = mail.outbox
    assert f"Dear {name}," in message.body
    assert "lorem ipsum" not in message.body.lower()


def test_a_secretariat_text_cannot_reach_a_template_file(editor_client, decision_texts):
    from applications.models import DecisionEmail

    template = DecisionEmail.objects.get(name="decision-accepted")
    url = reverse("admin:applications_decisionemail_change", args=[template.pk])
    response = editor_client.post(
        url, {"status": "accepted", "subject": "Hello", "content": '{% include "base.html" %}'}
    )
    assert "cannot be filled in" in response.content.decode()


@pytest.fixture
def yearly_call(call):
    """A call whose edition is titled as the seed titles yearly editions."""
    edition = call.edition
    edition.program.title = "WeGO–SHRDC Training Program"
    edition.program.save()
    edition.title = "Training Program, March 2027"
    edition.save()
    return call


def test_the_confirmation_names_the_program_and_the_edition(client, yearly_call):
    assert apply(client, yearly_call).status_code == 302
    send_the_queue()
    (message,) = mail.outbox
    reference = Application.objects.get().reference
    full_title = "WeGO–SHRDC Training Program, March 2027"
    assert message.subject == f"Your application to {full_title}: {reference}"
    assert f"Thank you for applying to {full_title} (" in message.body


def test_the_decision_names_the_program_and_the_edition(editor_client, yearly_call, decision_texts):
    application = ApplicationFactory(call=yearly_call, email="decided@example.org")
    application.change_status("declined")
    changelist = reverse("admin:applications_application_changelist")
    selected = {"action": "send_decision_emails", "_selected_action": [application.pk]}
    editor_client.post(changelist, {**selected, "confirm": "send"})
    send_the_queue()
    (message,) = mail.outbox
    full_title = "WeGO–SHRDC Training Program, March 2027"
    assert message.subject == f"Your application to {full_title} ({application.reference})"
    assert f"Thank you for applying to {full_title}." in message.body


ACCEPTED = {
    "ſam@example.org": "sam@example.org",
    "ＦＵＬＬ@ＥＸＡＭＰＬＥ.org": "full@example.org",
    "user@bücher.example": "user@xn--bcher-kva.example",
    "o'brien+news@example.co.uk": "o'brien+news@example.co.uk",
}
REFUSED = {
    '"<x>"@example.org': "before “@”",
    '"quoted"@example.org': "before “@”",
    "ı@example.org": "before “@”",
    "jörg@example.org": "before “@”",
    "user@аpple.com": "different alphabets",
    "user@xn--pple-43d.com": "different alphabets",  # the same, as browsers send it
    "a@[127.0.0.1]": "not a domain",
    "a@localhost": "not a domain",
    "a@example..org": "not a domain",
    "a@" + "x" * 64 + ".org": "not a domain",
    "no-at-sign.example.org": "not an email address",
    "a@example.org\nBcc: b@example.org": "before “@”",
}


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED.items())
def test_an_accepted_address_is_stored_normalised_and_sent(client, call, typed, stored):
    assert apply(client, call, email=typed).status_code == 302
    assert Application.objects.get().email == stored
    send_the_queue()
    assert [m.to for m in mail.outbox] == [[stored]]
    assert Email.objects.get().status == 0  # sent


@pytest.mark.parametrize(("typed", "message"), REFUSED.items())
def test_an_undeliverable_address_is_refused_with_a_message(client, call, typed, message):
    response = apply(client, call, email=typed)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists() and not Email.objects.exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("sam@example.org", "ſam@example.org"),
        ("user@bücher.example", "user@xn--bcher-kva.example"),
        ("user@xn--bcher-kva.example", "USER@BÜCHER.example"),
        ("full@example.org", "ｆｕｌｌ@example.org"),
    ],
)
def test_look_alike_addresses_count_as_one_person(client, call, first, second):
    assert apply(client, call, email=first).status_code == 302
    response = apply(client, call, email=second)
    assert "has been received already" in response.content.decode()
    assert Application.objects.count() == 1


def test_decisions_and_confirmations_are_answered_to_the_calls_contacts(
    client, editor_client, call, decision_texts
):
    second = ContactFactory(name="Second Officer", email="second@example.org")
    call.contacts.add(second)
    apply(client, call)
    application = Application.objects.get()
    application.change_status("accepted")
    changelist = reverse("admin:applications_application_changelist")
    selected = {"action": "send_decision_emails", "_selected_action": [application.pk]}
    editor_client.post(changelist, {**selected, "confirm": "send"})
    send_the_queue()
    confirmation, decision = mail.outbox
    for message in (confirmation, decision):
        replies = {address for _name, address in getaddresses([message.message()["Reply-To"]])}
        assert replies == {"reviewer@example.org", "second@example.org"}
        assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_call_without_contacts_is_answered_to_the_sites_asked_once(client):
    """No contact on the call, its edition or its program: the confirmation names the
    public programs' contacts and answers to them, read once for the two."""
    ProgramFactory().contacts.add(ContactFactory(name="Site Secretariat", email="site@example.org"))
    call = CallFactory()
    assert call.question_contacts_with_source()[1] == "site"
    with CaptureQueriesContext(connection) as queries:
        assert apply(client, call).status_code == 302
    asked = [query["sql"] for query in queries if 'DISTINCT "programs_contact"' in query["sql"]]
    assert len(asked) == 1, asked
    send_the_queue()
    (message,) = mail.outbox
    assert "site@example.org" in message.message()["Reply-To"]
    assert "Site Secretariat <site@example.org>" in message.body


def test_a_second_text_for_a_status_is_a_form_error(editor_client, decision_texts):
    from applications.models import DecisionEmail

    url = reverse("admin:applications_decisionemail_add")
    response = editor_client.post(
        url, {"status": "declined", "subject": "Plain subject", "content": "Plain body {{ name }}"}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"status": ["There is a text for this status already; change that one."]}
    assert DecisionEmail.objects.filter(name="decision-declined").count() == 1


def test_the_sending_log_and_attachments_are_never_added_by_hand(superuser_client):
    index = superuser_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:post_office_email_changelist") in index
    assert reverse("admin:post_office_log_add") not in index
    assert reverse("admin:post_office_attachment_add") not in index
    assert superuser_client.get(reverse("admin:post_office_log_add")).status_code == 403
