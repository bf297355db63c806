"""Every program and edition has a history from its first state; reverting brings the whole
thing back, the edition's topics, participants and links included."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from programs.models import Edition, Program
from tests.admin_session import sign_in

JEJU_TOPIC = "Cybersecurity and Privacy for Effective Data Management"
JEJU_PARTICIPANT = "Hebron Municipality"


@pytest.mark.django_db
def test_every_seeded_row_has_a_first_version(seed):
    for model in [Program, Edition]:
        for obj in model.objects.all():
            versions = Version.objects.get_for_object(obj)
            assert versions.count() == 1, obj
            assert versions[0].revision.get_comment() == "First recorded version."


@pytest.mark.django_db
def test_seeding_again_adds_no_version(seed):
    from django.core.management import call_command

    before = Version.objects.count()
    call_command("load_seed", verbosity=0)
    assert Version.objects.count() == before


@pytest.mark.django_db
def test_reverting_an_edition_restores_its_links_and_parts(editor_client, seed):
    edition = Edition.objects.get(slug="2018")
    first = Version.objects.get_for_object(edition).get()
    co_organisers = set(edition.co_organisers.all())
    topic_count = edition.topics.count()
    edition.co_organisers.clear()
    edition.contacts.clear()
    edition.topics.first().delete()
    edition.participants.filter(name=JEJU_PARTICIPANT).delete()

    url = reverse("admin:programs_edition_revision", args=[edition.pk, first.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert Edition.objects.get(pk=edition.pk).topics.count() == topic_count - 1  # GET saves nothing
    first.revision.revert(delete=True)
    assert set(edition.co_organisers.all()) == co_organisers
    assert edition.contacts.count() == 2
    assert edition.topics.count() == topic_count
    assert edition.participants.filter(name=JEJU_PARTICIPANT).exists()


@pytest.mark.django_db
def test_compare_shows_the_parts_of_an_edition(editor_client, seed):
    edition = Edition.objects.get(slug="2018")
    first = Version.objects.get_for_object(edition).get()
    with reversion.create_revision():
        edition.topics.filter(title=JEJU_TOPIC).delete()
        edition.summary = "A shorter summary."
        edition.save()
    second = Version.objects.get_for_object(edition).order_by("-pk").first()
    response = editor_client.get(
        reverse("admin:programs_edition_compare", args=[edition.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert JEJU_TOPIC in html  # the removed topic is listed among the changes
    # The summary's diff: what was removed and what was added (how finely it is cut
    # depends on the texts compared).
    summary = html[html.index(">summary</h2>") :]
    assert "<del>With high demand f" in summary
    assert "<ins>A sh" in summary


# --- In the browser, as an editor ------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_undo_the_first_change_to_a_seeded_program(live_server, page, editor, seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    sign_in(page, live_server)
    page.goto(live_server.url + reverse("admin:programs_program_change", args=[program.pk]))
    page.get_by_label("Title").fill("A wrong title")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    program.refresh_from_db()
    assert program.title == "A wrong title"

    page.goto(live_server.url + reverse("admin:programs_program_change", args=[program.pk]))
    page.get_by_role("link", name="History").click()
    history = page.locator("#change-history").inner_text()
    assert "First recorded version." in history
    assert "Changed Title." in history
    assert "None" not in history
    # The oldest version is the last row: open it and save to bring it back.
    page.locator("#change-history tbody tr").last.locator("th a").click()
    assert page.get_by_label("Title").input_value() == "WeGO–SHRDC Training Program"
    page.get_by_role("button", name="Save", exact=True).click()
    program.refresh_from_db()
    assert program.title == "WeGO–SHRDC Training Program"

    page.goto(live_server.url + program.get_absolute_url())
    assert page.locator("h1").inner_text() == "WeGO–SHRDC Training Program"


def inline_row(page, inline_id, text):
    """The inline form row whose text input holds `text`."""
    rows = page.locator(f"#{inline_id} tr.form-row")
    for index in range(rows.count()):
        row = rows.nth(index)
        inputs = row.locator("input[type=text]")
        if any(inputs.nth(i).input_value() == text for i in range(inputs.count())):
            return row
    raise AssertionError(f"no row with {text!r} in {inline_id}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_deleted_topic_and_participant_come_back_with_a_revert(live_server, page, editor, seed):
    edition = Edition.objects.get(slug="2018")
    public_url = live_server.url + edition.get_absolute_url()
    sign_in(page, live_server)
    page.goto(live_server.url + reverse("admin:programs_edition_change", args=[edition.pk]))
    inline_row(page, "topics-group", JEJU_TOPIC).locator("input[name$='-DELETE']").check()
    inline_row(page, "participants-group", JEJU_PARTICIPANT).locator(
        "input[name$='-DELETE']"
    ).check()
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(public_url)
    text = page.locator("main").inner_text()
    assert JEJU_TOPIC not in text
    assert JEJU_PARTICIPANT not in text

    page.goto(live_server.url + reverse("admin:programs_edition_history", args=[edition.pk]))
    assert "Deleted topic" in page.locator("#change-history").inner_text()
    page.locator("#change-history tbody tr").last.locator("th a").click()
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was reverted to its version of" in page.locator(".messagelist").inner_text()

    page.goto(public_url)
    text = page.locator("main").inner_text()
    assert JEJU_TOPIC in text
    assert JEJU_PARTICIPANT in text
    assert edition.topics.count() == 6
    assert edition.participants.count() == 18
