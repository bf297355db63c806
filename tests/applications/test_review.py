"""The secretariat's side: who sees applications, status steps, decisions, participants,
the CSV export, the document download and retention."""

import csv
import datetime as dt
import importlib
import io
import re

import pytest
import reversion
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone
from post_office.models import Email
from reversion.models import Revision, Version

from applications.models import Application, DecisionEmail, StatusChange
from programs.models import Contact, Country, Participant
from tests import factories
from tests.applications.factories import ApplicationFactory, CallFactory, ContactFactory
from tests.applications.helpers import send_the_queue, stored_documents
from tests.applications.pdfs import pdf_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:applications_application_changelist"
# Sessions, user, permissions, counts, the filters' choices, the rows: however many rows.
QUERIES_OF_THE_LIST = 11


def run_action(client, action, applications, follow=False, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [a.pk for a in applications], **extra},
        follow=follow,
    )


def test_the_editor_finds_applications_per_call_with_filters_and_search(editor_client, call):
    ApplicationFactory(call=call, name="Findable Person", email="find@example.org")
    page = editor_client.get(reverse(CHANGELIST), {"call__id__exact": call.pk})
    assert page.status_code == 200 and "Findable Person" in page.content.decode()
    for params in (
        {"status__exact": "submitted"},
        {"q": "find@example"},
        {"country__exact": "KE"},
    ):
        assert editor_client.get(reverse(CHANGELIST), params).status_code == 200


def test_the_list_and_the_csv_name_the_zone_of_the_submission_time(editor_client, call):
    application = ApplicationFactory(call=call)
    application.submitted_at = dt.datetime(2026, 12, 6, 20, 19, tzinfo=dt.UTC)
    application.save()
    page = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert "7 December 2026, 05:19 Seoul time (UTC+9)" in page
    response = run_action(editor_client, "export_csv", [application])
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["Submitted, Seoul time (UTC+9)"] == "2026-12-07 05:19"


def test_the_list_names_each_calls_program_in_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries
):
    """Two programs' editions may share a title: the "call" column and the "By call"
    filter name the program too, with no query per row or per call."""

    def add_call(program_title):
        edition = factories.EditionFactory(
            program=factories.ProgramFactory(title=program_title),
            title="Training Program, March 2017",
        )
        return ApplicationFactory(call=CallFactory(edition=edition)).call.pk

    calls = {
        "SHRDC": add_call("WeGO–SHRDC Training Program"),
        "KOICA": add_call("WeGO–KOICA Training Program"),
    }
    with django_assert_num_queries(QUERIES_OF_THE_LIST):
        html = editor_client.get(reverse(CHANGELIST)).content.decode()
    for program in ("SHRDC", "KOICA"):
        name = f"WeGO–{program} Training Program, March 2017"
        assert f'<td class="field-applied_to">{name}</td>' in html
        assert f'exact={calls[program]}">{name}</a>' in html  # the "By call" filter
    add_call("WeGO–Seoul Training Program")
    with django_assert_num_queries(QUERIES_OF_THE_LIST):
        editor_client.get(reverse(CHANGELIST))


def test_the_by_call_filter_is_shown_once_there_are_two_calls(editor_client, call):
    """As docs/editing.md says: with one call there is nothing to choose between."""
    ApplicationFactory(call=call)
    assert " By call " not in editor_client.get(reverse(CHANGELIST)).content.decode()
    CallFactory()
    assert " By call " in editor_client.get(reverse(CHANGELIST)).content.decode()


def what_they_see(client, application):
    """Status codes of every way to an application: list, page, document, export."""
    return [
        client.get(reverse(CHANGELIST)).status_code,
        client.get(
            reverse("admin:applications_application_change", args=[application.pk])
        ).status_code,
        client.get(application.get_document_url()).status_code,
        run_action(client, "export_csv", [application]).status_code,
    ]


def staff_with(django_user_model, *codenames):
    user = django_user_model.objects.create_user("helper", password="pw-helper-1", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_the_country_filter_lists_only_the_countries_applied_from(editor_client, call):
    ApplicationFactory(call=call, country="NR")
    ApplicationFactory(call=call, country="KE")
    ApplicationFactory(call=call, country="KE")
    html = editor_client.get(reverse(CHANGELIST)).content.decode()
    offered = re.findall(r'href="\?country(?:__exact)?=([A-Z]{2})"', html)
    assert offered == ["KE", "NR"]
    assert ">Kenya</a>" in html and ">Nauru</a>" in html
    only_nauru = editor_client.get(reverse(CHANGELIST), {"country": "NR"})
    assert [a.country.code for a in only_nauru.context["cl"].result_list] == ["NR"]


def test_one_permission_decides_who_sees_applications(client, call, django_user_model):
    application = ApplicationFactory(call=call)
    reviewer = staff_with(django_user_model, "review_application")  # given directly
    client.force_login(reviewer)
    assert what_they_see(client, application) == [200, 200, 200, 200]

    reviewer.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_application", "change_application", "delete_application"]
        )
    )
    client.force_login(reviewer.__class__.objects.get(pk=reviewer.pk))
    seen = what_they_see(client, application)
    assert 200 not in seen and set(seen) <= {302, 403}


def test_editors_see_applications_through_their_group_only_while_it_has_the_permission(
    editor_client, editor, call
):
    application = ApplicationFactory(call=call)
    assert what_they_see(editor_client, application) == [200, 200, 200, 200]
    group = editor.groups.get()
    group.permissions.remove(Permission.objects.get(codename="review_application"))
    seen = what_they_see(editor_client, application)
    assert 200 not in seen


def test_the_document_opens_for_reviewers_only(client, editor_client, call, django_user_model):
    application = ApplicationFactory(call=call)
    url = application.get_document_url()
    response = editor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == pdf_bytes()

    editor_client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    user = django_user_model.objects.create_user("other", password="pw-other-1", is_staff=True)
    client.force_login(user)
    assert client.get(url).status_code == 403


def test_behind_nginx_the_document_is_sent_by_nginx_after_the_same_check(
    client, editor_client, call, settings
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    application = ApplicationFactory(call=call)
    url = application.get_document_url()
    response = editor_client.get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{application.document.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="application-{application.reference}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    editor_client.logout()
    assert not client.get(url).has_header("X-Accel-Redirect")


def test_status_steps_are_recorded_with_who_and_when(editor_client, editor, call):
    application = ApplicationFactory(call=call)
    run_action(editor_client, "mark_under_review", [application])
    run_action(editor_client, "mark_accepted", [application])
    refused = run_action(editor_client, "mark_under_review", [application], follow=True)
    assert "0 marked as under review. 1 left as they were" in refused.content.decode()
    application.refresh_from_db()
    assert application.status == "accepted"
    steps = list(StatusChange.objects.filter(application=application))
    assert [(s.from_status, s.to_status) for s in steps] == [
        ("submitted", "under-review"),
        ("under-review", "accepted"),
    ]
    assert all(step.changed_by == editor and step.changed_at for step in steps)
    change = editor_client.get(
        reverse("admin:applications_application_change", args=[application.pk])
    )
    assert "History of the status" in change.content.decode()


def test_a_step_that_does_not_follow_is_refused(call):
    application = ApplicationFactory(call=call)
    application.change_status("withdrawn")
    assert not application.change_status("accepted")
    assert application.status == "withdrawn"


def test_decision_emails_are_previewed_then_queued(editor_client, call, decision_texts):
    accepted = ApplicationFactory(call=call, name="Chosen Person", email="chosen@example.org")
    accepted.change_status("accepted")
    pending = ApplicationFactory(call=call, email="pending@example.org")
    preview = run_action(editor_client, "send_decision_emails", [accepted, pending])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Dear Chosen Person" in html and accepted.reference in html
    assert pending.reference in html  # left out: no text for "submitted"
    assert not Email.objects.exists()

    run_action(editor_client, "send_decision_emails", [accepted, pending], confirm="send")
    (email,) = Email.objects.all()
    assert email.to == ["chosen@example.org"]
    send_the_queue()
    assert "accepted" in mail.outbox[0].body and accepted.reference in mail.outbox[0].subject
    accepted.refresh_from_db()
    assert accepted.decision_emailed_at is not None


def test_the_decision_preview_counts_in_words(editor_client, call, decision_texts):
    accepted = ApplicationFactory(call=call)
    accepted.change_status("accepted")
    pending = ApplicationFactory(call=call)

    def said(applications):
        html = run_action(editor_client, "send_decision_emails", applications).content.decode()
        return re.sub(r"\s+", " ", html[html.index('<div id="content"') :])

    assert "The selected application will get the email written for its status." in said([accepted])
    assert "The selected application will get no email." in said([pending])
    assert "1 of the 2 selected applications will get" in said([accepted, pending])
    other = ApplicationFactory(call=call)
    other.change_status("declined")
    assert "All 2 selected applications will get" in said([accepted, other])


def test_the_decision_preview_says_who_was_emailed_before_and_gets_nothing_unless_ticked(
    editor_client, call, decision_texts
):
    emailed = ApplicationFactory(call=call, name="Emailed Before", email="before@example.org")
    fresh = ApplicationFactory(call=call, name="Never Emailed", email="fresh@example.org")
    for application in (emailed, fresh):
        application.change_status("accepted")
    run_action(editor_client, "send_decision_emails", [emailed], confirm="send")

    html = run_action(editor_client, "send_decision_emails", [emailed, fresh]).content.decode()
    content = re.sub(r"\s+", " ", html[html.index('<div id="content"') :])
    assert "All 2 selected" not in content
    assert (
        "1 of the 2 selected applications will get the email written for their status; "
        "1 was emailed a decision before and gets nothing unless you tick "
        "“Email this applicant again” below." in content
    )
    # The preview of the one emailed before is there, marked as not sent unless ticked,
    # after the one that will be sent.
    assert content.index("Never Emailed") < content.index("Emailed Before")
    previews = re.findall(r'<section class="decision-email[^"]*">.*?</section>', content)
    assert len(previews) == 2
    assert "Not sent unless" not in previews[0] and "Never Emailed" in previews[0]
    assert "Emailed Before" in previews[1]
    assert "decision-email--not-sent" in previews[1]
    assert "Not sent unless you tick “Email this applicant again” below" in previews[1]

    only_before = run_action(editor_client, "send_decision_emails", [emailed]).content.decode()
    assert (
        re.sub(r"\s+", " ", only_before).count(
            "The selected application was emailed a decision before: it gets nothing unless you "
            "tick “Email this applicant again” below."
        )
        == 1
    )


def test_the_decision_preview_leads_back_to_the_applications(editor_client, call, decision_texts):
    application = ApplicationFactory(call=call)
    application.change_status("accepted")
    html = run_action(editor_client, "send_decision_emails", [application]).content.decode()
    crumbs = re.sub(r"\s+", " ", html.split('<div class="breadcrumbs">')[1].split("</div>")[0])
    assert f'<a href="{reverse(CHANGELIST)}">Applications</a> › Email the decision' in crumbs
    assert f'<a href="{reverse("admin:app_list", args=["applications"])}">' in crumbs


DECISION_TEXTS_UPDATE = "applications.migrations.0009_accepted_email_stands_on_its_own"


def test_the_default_accepted_email_promises_nothing_that_does_not_follow(decision_texts):
    text = DecisionEmail.objects.get(name="decision-accepted").content
    assert "follow." not in text
    assert (
        "The secretariat will write to you with the program and the practical arrangements." in text
    )
    assert text == importlib.import_module(DECISION_TEXTS_UPDATE).NEW_CONTENT


def test_the_old_default_accepted_text_is_brought_up_to_date_and_an_edited_one_kept(
    decision_texts,
):
    migration = importlib.import_module(DECISION_TEXTS_UPDATE)
    accepted = DecisionEmail.objects.get(name="decision-accepted")
    accepted.content = migration.OLD_CONTENT
    accepted.save()
    migration.forwards(apps, None)
    accepted.refresh_from_db()
    assert accepted.content == migration.NEW_CONTENT

    edited = migration.OLD_CONTENT.replace("WeGO Training Programs", "The WeGO secretariat")
    accepted.content = edited
    accepted.save()
    migration.forwards(apps, None)
    accepted.refresh_from_db()
    assert accepted.content == edited


def test_the_decision_preview_shows_the_plain_text_exactly(editor_client, decision_texts):
    contact = ContactFactory(name="Alexandra Sidorova", email="alexandra@we-gov.org")
    call = ApplicationFactory().call
    call.contacts.set([contact])
    name = "Ana <i>Italic</i> {{ reference }} Test"
    application = ApplicationFactory(call=call, name=name, email="ana@example.org")
    application.change_status("accepted")
    preview = run_action(editor_client, "send_decision_emails", [application]).content.decode()
    body = preview.split('<pre class="decision-preview">')[1].split("</pre>")[0]
    assert "Dear Ana &lt;i&gt;Italic&lt;/i&gt; {{ reference }} Test," in body
    assert "Ms. Alexandra Sidorova &lt;alexandra@we-gov.org&gt;" in body
    assert "<i>" not in preview
    _, text = DecisionEmail.objects.get(name="decision-accepted").render(application)
    assert type(text) is str  # not marked safe for HTML: it is plain text


def test_a_decision_emailed_before_is_shown_with_its_date_and_sent_again_only_if_ticked(
    editor_client, call, decision_texts
):
    application = ApplicationFactory(call=call, email="twice@example.org")
    application.change_status("accepted")
    run_action(editor_client, "send_decision_emails", [application], confirm="send")
    application.refresh_from_db()
    emailed = timezone.localtime(application.decision_emailed_at)
    preview = run_action(editor_client, "send_decision_emails", [application]).content.decode()
    assert "Emailed a decision before" in preview
    assert f"a decision was emailed on {formats.date_format(emailed, 'DATETIME_FORMAT')}" in preview
    assert 'name="send_again"' in preview

    again = run_action(
        editor_client, "send_decision_emails", [application], confirm="send", follow=True
    )
    assert (
        "No decision email queued. 1 applicant who had a decision email before was not emailed again."
        in again.content.decode()
    )
    assert Email.objects.count() == 1
    run_action(
        editor_client, "send_decision_emails", [application], confirm="send", send_again="yes"
    )
    assert Email.objects.count() == 2


def test_the_secretariat_edits_the_decision_texts(editor_client, decision_texts):
    template = DecisionEmail.objects.get(name="decision-declined")
    url = reverse("admin:applications_decisionemail_change", args=[template.pk])
    broken = editor_client.post(url, {"status": "declined", "subject": "{% if %}", "content": "x"})
    assert "cannot be filled in" in broken.content.decode()
    template.refresh_from_db()
    assert template.subject != "{% if %}"


def test_accepted_applicants_become_the_editions_participants(client, editor_client, call):
    first = ApplicationFactory(call=call, organisation="Harbour City Council")
    second = ApplicationFactory(call=call, organisation="Harbour City Council")
    declined = ApplicationFactory(call=call, organisation="Declined Town")
    for application in (first, second):
        application.change_status("accepted")
    declined.change_status("declined")
    listed = run_action(
        editor_client, "make_participants", [first, second, declined], follow=True, post="yes"
    )
    # One body: listed once, the second applicant from it counted as already listed.
    assert "1 listed as a participating city or body" in listed.content.decode()
    assert "1 already listed, left as they were." in listed.content.decode()
    assert "1 skipped: only accepted or confirmed" in listed.content.decode()
    again = run_action(
        editor_client, "make_participants", [first, declined], follow=True, post="yes"
    )
    # Twice: still one, and the message says so rather than counting it listed again.
    message = again.content.decode()
    assert "0 listed as participating" in message
    assert "1 already listed, left as they were." in message
    assert "1 skipped: only accepted or confirmed" in message
    (participant,) = Participant.objects.filter(edition=call.edition)
    assert participant.name == "Harbour City Council"
    page = client.get(call.edition.get_absolute_url())
    assert "Harbour City Council" in page.content.decode()
    assert "Declined Town" not in page.content.decode()
    assert "Stored Applicant" not in page.content.decode()  # never a person's name


def test_listing_first_shows_what_will_be_published_and_publishes_nothing(
    client, editor_client, call
):
    """The first press only shows, per edition, each body's name and country as the
    edition's page will show them, escaped, with the bodies it lists already."""
    typed = ApplicationFactory(call=call, organisation="<b>-2+3</b> {% debug %}", country="KE")
    listed_before = ApplicationFactory(call=call, organisation="Harbour City Council")
    declined = ApplicationFactory(call=call, organisation="Declined Town")
    for application in (typed, listed_before):
        application.change_status("accepted")
    declined.change_status("declined")
    listed_before.make_participant()
    participants = Participant.objects.count()

    preview = run_action(editor_client, "make_participants", [typed, listed_before, declined])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert Participant.objects.count() == participants
    typed.refresh_from_db()
    assert typed.participant is None
    assert "&lt;b&gt;-2+3&lt;/b&gt; {% debug %}</strong> — Kenya" in html
    assert "<b>-2+3</b>" not in html
    assert "-2+3" not in client.get(call.edition.get_absolute_url()).content.decode()
    assert call.edition.full_title in html
    already = html.split("Listed already, left as they are")[1]
    assert "Harbour City Council" in already and "-2+3" not in already
    assert f"{declined.reference} (Declined)" in html and "Declined Town" not in html
    assert 'value="Publish these on the edition pages"' in html
    assert 'name="post" value="yes"' in html
    for application in (typed, listed_before, declined):
        assert f'name="_selected_action" value="{application.pk}"' in html
    crumbs = re.sub(r"\s+", " ", html.split('<div class="breadcrumbs">')[1].split("</div>")[0])
    assert f'<a href="{reverse(CHANGELIST)}">Applications</a> › List on the edition pages' in crumbs

    confirmed = run_action(
        editor_client,
        "make_participants",
        [typed, listed_before, declined],
        follow=True,
        post="yes",
    )
    message = confirmed.content.decode()
    assert "1 listed as a participating city or body of its edition." in message
    assert "1 already listed, left as they were." in message
    assert "1 skipped: only accepted or confirmed" in message
    assert Participant.objects.filter(edition=call.edition, name=typed.organisation).exists()


def test_listing_a_selection_with_nothing_to_publish_says_so(editor_client, call):
    declined = ApplicationFactory(call=call, organisation="Declined Town")
    declined.change_status("declined")
    participants = Participant.objects.count()
    html = run_action(editor_client, "make_participants", [declined]).content.decode()
    assert "Nothing to publish" in html
    assert "Publish these on the edition pages" not in html
    assert Participant.objects.count() == participants


def test_listing_is_refused_without_the_review_permission(client, call, django_user_model):
    application = ApplicationFactory(call=call, organisation="Harbour City Council")
    application.change_status("accepted")
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(staff)
    participants = Participant.objects.count()
    refused = run_action(client, "make_participants", [application], post="yes")
    assert refused.status_code == 403
    assert Participant.objects.count() == participants


def test_a_body_already_on_the_edition_page_is_counted_as_already_listed(editor_client, call):
    """As docs/editing.md says: a body the edition lists already (from an earlier
    applicant, an import or by hand) is left as it was and counted so."""
    first = ApplicationFactory(call=call, organisation="Intendencia de Montevideo", country="UY")
    first.change_status("accepted")
    run_action(editor_client, "make_participants", [first], post="yes")
    second = ApplicationFactory(call=call, organisation="Intendencia de Montevideo", country="UY")
    second.change_status("accepted")
    listed = run_action(editor_client, "make_participants", [second], follow=True, post="yes")
    message = listed.content.decode()
    assert "0 listed as participating cities or bodies" in message
    assert "1 already listed, left as they were." in message
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.participant == first.participant  # shown as on the edition page
    assert Participant.objects.filter(edition=call.edition).count() == 1


def test_listing_maps_the_iso_country_to_the_sites_row_or_adds_it(editor_client, call, seed):
    korea = Country.objects.get(code="KR")
    from_korea = ApplicationFactory(call=call, organisation="Seoul Office", country="KR")
    from_bhutan = ApplicationFactory(call=call, organisation="Thimphu Office", country="BT")
    assert not Country.objects.filter(code="BT").exists()
    for application in (from_korea, from_bhutan):
        application.change_status("accepted")
    run_action(editor_client, "make_participants", [from_korea, from_bhutan], post="yes")
    listed = {p.name: p.country for p in Participant.objects.filter(edition=call.edition)}
    assert listed["Seoul Office"] == korea  # the site's own “Korea”, not a second row
    assert (listed["Thimphu Office"].name, listed["Thimphu Office"].code) == ("Bhutan", "BT")


def test_the_csv_export_holds_the_selected_applications(editor_client, call):
    ApplicationFactory(call=call, name="=HYPERLINK(1)", email="csv@example.org")
    response = run_action(editor_client, "export_csv", Application.objects.all())
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Reference,Status")
    assert "csv@example.org" in text
    assert "'=HYPERLINK(1)" in text  # a formula is written as text


def test_exports_and_status_changes_are_in_the_history(editor_client, call):
    application = ApplicationFactory(call=call)
    run_action(editor_client, "export_csv", [application])
    run_action(editor_client, "mark_under_review", [application])
    messages = list(
        LogEntry.objects.filter(object_id=str(application.pk)).values_list(
            "change_message", flat=True
        )
    )
    assert "Exported in a CSV file." in messages
    assert "Marked as under review." in messages


@pytest.mark.parametrize(
    "typed",
    ["+598 2 1950 1234", "+82 (2) 123-4567", "(02) 123.4567", "010-1234-5678"],
)
def test_the_csv_export_writes_a_phone_number_as_typed(editor_client, call, typed):
    ApplicationFactory(call=call, phone=typed)
    response = run_action(editor_client, "export_csv", Application.objects.all())
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["Phone"] == typed


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://x","y")',
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "+1 2\t3",
        "++1 2",
    ],
)
def test_the_csv_export_keeps_a_formula_as_text(editor_client, call, typed):
    ApplicationFactory(call=call, phone=typed)
    response = run_action(editor_client, "export_csv", Application.objects.all())
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["Phone"] == "'" + typed


def test_retention_anonymises_old_applications_and_their_emails(
    call, private_root, settings, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(call=call, email="old@example.org")
    Email.objects.create(to="old@example.org", from_email="a@example.org", subject="x")
    Email.objects.create(to="bold@example.org", from_email="a@example.org", subject="y")
    edition = call.edition
    edition.end_date = timezone.localdate() - dt.timedelta(days=800)
    edition.start_date = edition.end_date
    edition.save()
    call_command("purge_applications", "--dry-run", stdout=io.StringIO())
    assert Application.objects.get().name == "Stored Applicant"
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_applications", stdout=out)
    assert "1 application(s) anonymised" in out.getvalue()
    application.refresh_from_db()
    assert application.name == "" and application.email.endswith("@invalid")
    assert not application.document and not stored_documents(private_root)
    assert list(Email.objects.values_list("to", flat=True)) == [["bold@example.org"]]
    settings.APPLICATION_RETENTION_MONTHS = 40
    assert not Application.objects.due_for_retention(months=40).exists()


def test_retention_leaves_no_name_in_the_admins_history_or_versions(editor_client, call):
    application = ApplicationFactory(call=call, name="Amina Wanjiru", email="amina@example.org")
    url = reverse("admin:applications_application_change", args=[application.pk])
    form = {
        **{field: getattr(application, field) for field in Application.APPLICANT_FIELDS},
        "motivation": "m",
        "plans": "p",
        "reviewer_notes": "Strong profile.",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    assert editor_client.post(url, form).status_code == 302
    editor_client.get(url)  # shows (and so uses up) the "changed successfully" message
    # The secretariat also added her as a contact of the edition, with a version.
    with reversion.create_revision():
        contact = Contact.objects.create(name="Amina Wanjiru", email="amina@example.org")
        reversion.set_comment("Added Amina Wanjiru")
    other = ContactFactory(email="kept@example.org", name="Kept Person", role="Met Amina Wanjiru")
    with reversion.create_revision():
        other.save()  # mentions her inside other text: not her row, its history stays
    assert LogEntry.objects.filter(object_repr__contains="Amina").exists()
    assert Version.objects.get_for_object(contact).exists()

    edition = call.edition
    edition.start_date = edition.end_date = timezone.localdate() - dt.timedelta(days=800)
    edition.save()
    call_command("purge_applications", stdout=io.StringIO())

    for entry in LogEntry.objects.all():
        assert "Amina" not in entry.object_repr + entry.change_message
    assert not Version.objects.get_for_object(contact).exists()
    assert not Version.objects.filter(serialized_data__contains='"Amina Wanjiru"').exists()
    assert not Revision.objects.filter(comment__contains="Amina").exists()
    assert Version.objects.get_for_object(other).exists()  # others' history stays
    log = editor_client.get(reverse("admin:index")).content.decode()
    assert "Amina" not in log and application.reference in log


def test_recent_applications_are_kept(call):
    ApplicationFactory(call=call)
    call_command("purge_applications", stdout=io.StringIO())
    assert Application.objects.get().anonymised_at is None


def test_the_csv_names_each_calls_program_and_dates(editor_client, call):
    """The committee's spreadsheet tells apart two programs' editions of the same title."""
    application = ApplicationFactory(call=call)
    response = run_action(editor_client, "export_csv", [application])
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    edition = call.edition
    assert row["Call"] == f"Call for applications: {edition.label}"
    assert edition.program.title in row["Call"]
