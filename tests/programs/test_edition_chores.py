"""The secretariat's chores on editions: copy for next year, participants from a CSV file."""

import datetime as dt
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from reversion.models import Version

from programs.models import Country, Edition, Participant
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db

JOINT = "joint-workshop-smart-sustainable-cities-e-government"


@pytest.fixture
def workshop(seed):
    return Edition.objects.get(program__slug=JOINT, slug="2018")


def copy_action(client, edition, **choice):
    return client.post(
        reverse("admin:programs_edition_changelist"),
        {"action": "copy_for_next_year", ACTION_CHECKBOX_NAME: [edition.pk], **choice},
    )


def test_copy_for_next_year_from_the_admin(editor_client, workshop):
    response = copy_action(editor_client, workshop, copy_to="next")
    copy = Edition.objects.get(program__slug=JOINT, slug="2019")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:programs_edition_change", args=[copy.pk])
    assert copy.title == "Joint Workshop for Smart Sustainable Cities & e-Government 2019"
    assert (copy.start_date, copy.end_date) == (dt.date(2019, 7, 9), dt.date(2019, 7, 12))
    assert copy.status == PublicationStatus.DRAFT
    edited = editor_client.get(response["Location"]).content.decode()
    assert "(9–12 July 2019)" in edited  # dates read as everywhere on the site
    assert copy.venue_city == "Jeju Island"
    assert list(copy.topics.values_list("position", "title")) == list(
        workshop.topics.values_list("position", "title")
    )
    assert copy.topics.count() == 6
    assert set(copy.co_organisers.all()) == set(workshop.co_organisers.all())
    assert copy.co_organisers.count() == 4
    assert set(copy.contacts.all()) == set(workshop.contacts.all())
    # What happened at the 2018 workshop stays with it.
    assert not copy.participants.exists()
    assert not copy.site_visits.exists()
    assert copy.participant_count is None
    # The public does not see the draft.
    assert editor_client.get(copy.get_absolute_url()).status_code == 404
    # Its history says where it came from.
    (first,) = Version.objects.get_for_object(copy)
    comment = f"Copied from {workshop.title} for 2019."
    assert first.revision.comment == comment
    history = editor_client.get(reverse("admin:programs_edition_history", args=[copy.pk]))
    assert escape(comment) in history.content.decode()


def test_a_copy_whose_dates_are_past_is_offered_the_next_year_ahead(editor_client, workshop):
    today = timezone.localdate()
    ahead = workshop.next_future_year(today)
    assert ahead > 2019 and dt.date(ahead, 7, 9) >= today > dt.date(ahead - 1, 7, 9)

    warning = copy_action(editor_client, workshop)
    html = warning.content.decode()
    assert warning.status_code == 200
    assert f"would be copied to 2019; the next year still ahead is {ahead}" in html
    assert not Edition.objects.filter(program__slug=JOINT, slug="2019").exists()

    copy_action(editor_client, workshop, copy_to="ahead")
    copy = Edition.objects.get(program__slug=JOINT, slug=str(ahead))
    assert copy.title.endswith(str(ahead))
    assert (copy.start_date, copy.end_date) == (dt.date(ahead, 7, 9), dt.date(ahead, 7, 12))


def test_a_copy_ahead_of_today_needs_no_warning(editor_client, workshop):
    start = timezone.localdate() - dt.timedelta(days=300)
    Edition.objects.filter(pk=workshop.pk).update(
        start_date=start, end_date=start + dt.timedelta(days=3)
    )
    workshop.refresh_from_db()
    response = copy_action(editor_client, workshop)
    assert response.status_code == 302


def test_copying_again_into_a_year_the_program_has_an_edition_in_asks_first(
    editor_client, workshop
):
    """Go pressed twice makes no second copy: a page names the edition of that year,
    with a link to it, and copies only when told to."""
    copy_action(editor_client, workshop, copy_to="next")
    (copy,) = Edition.objects.filter(program=workshop.program, start_date__year=2019)

    asked = copy_action(editor_client, workshop, copy_to="next")
    html = re.sub(r"\s+", " ", asked.content.decode())
    assert asked.status_code == 200
    assert Edition.objects.filter(program=workshop.program, start_date__year=2019).count() == 1
    link = reverse("admin:programs_edition_change", args=[copy.pk])
    assert (
        f"{escape(workshop.program.title)} has an edition in 2019 already: "
        f'<a href="{link}">{escape(copy.title)}</a> (9–12 July 2019, draft).'
    ) in html
    assert 'name="copy_to" value="next"' in html  # the year chosen before is kept
    assert f'<a href="{reverse("admin:programs_edition_changelist")}">Editions</a>' in html

    copy_action(editor_client, workshop, copy_to="next", copy_again="yes")
    assert Edition.objects.filter(program=workshop.program, start_date__year=2019).count() == 2


def test_copying_twice_never_clashes(workshop):
    first = workshop.copy_for_next_year()
    second = workshop.copy_for_next_year()
    assert (first.slug, second.slug) == ("2019", "2019-2")


def test_copy_moves_29_february(workshop):
    workshop.start_date = dt.date(2020, 2, 29)
    workshop.end_date = dt.date(2020, 3, 1)
    assert workshop.copy_for_next_year().start_date == dt.date(2021, 2, 28)


def import_url(edition):
    return reverse("admin:programs_edition_import_participants", args=[edition.pk])


def upload(client, edition, text, name="participants.csv"):
    return client.post(
        import_url(edition),
        {"preview": "1", "file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")},
    )


def test_csv_import_with_a_bad_row_saves_nothing_and_says_why(editor_client, workshop):
    before = workshop.participants.count()
    text = (
        "name,country\n"
        "Nairobi,Kenyaa\n"
        ",India\n"
        "Chiang Mai,thailand\n"
        "Accra,Ghana\n"
        "Chiang Mai,Thailand\n"
    )
    response = upload(editor_client, workshop, text)
    assert response.status_code == 200
    html = response.content.decode()
    rows = {row.line: row.errors for row in response.context["rows"]}
    assert rows[2] == [
        "Unknown country “Kenyaa”: write its English name (“South Korea”) or its two-letter "
        "ISO code (“KR”)."
    ]
    assert rows[3] == ["The name is empty."]
    assert rows[4] == []
    assert rows[5] == ["Already listed as a participant of this edition."]
    assert rows[6] == ["The same as line 4."]
    assert "4 rows cannot be imported. Nothing has been saved." in html
    assert 'name="confirm"' not in html
    # Even a forced confirmation saves nothing while a row is wrong.
    editor_client.post(import_url(workshop), {"confirm": "1", "csv_text": text})
    assert workshop.participants.count() == before


def test_csv_import_refuses_control_characters_with_what_to_do(editor_client, workshop):
    before = workshop.participants.count()
    text = "name,country,city,notes\nSe\x00oul,KR,,\nSuwon,KR,Su\x07won,\nIncheon,KR,,a\x00b\n"
    response = upload(editor_client, workshop, text)
    assert response.status_code == 200
    rows = {row.line: row.errors for row in response.context["rows"]}
    help_text = (
        "an invisible control character (such as a NUL byte): retype it in your spreadsheet, "
        "save the file again and check it again."
    )
    assert rows[2] == [f"The name holds {help_text}"]
    assert rows[3] == [f"The city holds {help_text}"]
    assert rows[4] == [f"The line holds {help_text}"]
    html = response.content.decode()
    assert "3 rows cannot be imported. Nothing has been saved." in html
    assert 'name="confirm"' not in html
    assert workshop.participants.count() == before

    header = upload(editor_client, workshop, "na\x00me,country\nSeoul,KR\n")
    assert f"The first line holds {help_text}" in header.content.decode()


def test_csv_import_reads_countries_as_the_form_and_the_export_write_them(editor_client, workshop):
    korea = Country.objects.get(code="KR")
    text = "name,country\nSuwon,South Korea\nIncheon,KR\nBogotá,Colombia\nMedellín,co\n"
    response = upload(editor_client, workshop, text)
    assert response.context["error_count"] == 0
    html = response.content.decode()
    assert "(new: Colombia, CO, added under Countries)" in html
    assert not Country.objects.filter(code="CO").exists()  # nothing saved by a preview

    editor_client.post(import_url(workshop), {"confirm": "1", "csv_text": text})
    colombia = Country.objects.get(code="CO")
    assert colombia.name == "Colombia"
    added = {
        p.name: p.country
        for p in workshop.participants.filter(name__in=["Suwon", "Incheon", "Bogotá", "Medellín"])
    }
    assert added == {"Suwon": korea, "Incheon": korea, "Bogotá": colombia, "Medellín": colombia}


def test_csv_import_preview_then_confirm(editor_client, workshop):
    before = workshop.participants.count()
    text = "Name,Country\nChiang Mai,Thailand\nDa Nang,vietnam\n"
    response = upload(editor_client, workshop, text)
    assert response.context["error_count"] == 0
    assert 'name="confirm"' in response.content.decode()
    assert workshop.participants.count() == before  # nothing saved by the preview

    response = editor_client.post(import_url(workshop), {"confirm": "1", "csv_text": text})
    assert response.status_code == 302
    added = list(workshop.participants.order_by("-position")[:2])
    assert [(p.name, p.country.name, p.position) for p in reversed(added)] == [
        ("Chiang Mai", "Thailand", before + 1),
        ("Da Nang", "Vietnam", before + 2),
    ]


@pytest.mark.parametrize(
    ("separator", "named"), [(",", "commas"), (";", "semicolons"), ("\t", "tabs")]
)
def test_csv_import_reads_commas_semicolons_or_tabs_and_says_which(
    editor_client, workshop, separator, named
):
    # As a spreadsheet saves it: a cell holding a comma is quoted.
    text = f'name{separator}country\nChiang Mai{separator}Thailand\n"Accra, Old Town"{separator}Ghana\n'
    response = upload(editor_client, workshop, text)
    assert f"Read as values separated by {named}." in response.content.decode()
    rows = response.context["rows"]
    assert [(row.name, row.country_name) for row in rows] == [
        ("Chiang Mai", "Thailand"),
        ("Accra, Old Town", "Ghana"),
    ]
    assert response.context["error_count"] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\n\n", "The file is empty."),
        (b"city;nation\nAccra;Ghana\n", "The first line must name the columns"),
        (b"name,country\n", "The file has column names but no participants."),
        ("name,country\nZürich,Korea\n".encode("latin-1"), "The file is not UTF-8 text."),
    ],
)
def test_csv_import_refuses_unreadable_files(editor_client, workshop, content, message):
    before = Participant.objects.count()
    response = editor_client.post(
        import_url(workshop), {"preview": "1", "file": SimpleUploadedFile("p.csv", content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Participant.objects.count() == before


def test_csv_import_needs_permission(client, django_user_model, workshop):
    staff = django_user_model.objects.create_user("staff", password="pw-staff-1", is_staff=True)
    client.force_login(staff)
    assert client.get(import_url(workshop)).status_code == 403


def test_edition_change_page_links_to_import(editor_client, workshop):
    html = editor_client.get(reverse("admin:programs_edition_change", args=[workshop.pk])).content
    assert import_url(workshop) in html.decode()
    assert editor_client.get(import_url(workshop)).status_code == 200


def test_new_topics_without_position_go_at_the_end(editor_client, seed):
    program = Edition.objects.get(slug="2018").program
    response = editor_client.post(
        reverse("admin:programs_edition_add"),
        {
            "program": program.pk,
            "title": "Joint Workshop 2030",
            "slug": "2030",
            "start_date": "2030-07-01",
            "end_date": "2030-07-03",
            "attendance": "offline",
            "status": "draft",
            "published_at_0": "2030-01-01",
            "published_at_1": "09:00",
            "topics-TOTAL_FORMS": "3",
            "topics-INITIAL_FORMS": "0",
            "topics-0-title": "First",
            "topics-0-position": "",
            "topics-1-title": "Second",
            "topics-1-position": "",
            "topics-2-title": "Numbered",
            "topics-2-position": "5",
            "site_visits-TOTAL_FORMS": "0",
            "site_visits-INITIAL_FORMS": "0",
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    edition = Edition.objects.get(slug="2030")
    assert list(edition.topics.values_list("position", "title")) == [
        (5, "Numbered"),
        (6, "First"),
        (7, "Second"),
    ]


def edition_form(program, **overrides):
    data = {
        "program": program.pk,
        "title": "Joint Workshop 2031",
        "slug": "2031",
        "start_date": "2031-07-01",
        "end_date": "2031-07-03",
        "attendance": "offline",
        "status": "draft",
        "published_at_0": "2031-01-01",
        "published_at_1": "09:00",
    }
    for prefix in ["topics", "site_visits", "participants"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_duplicate_edition_slug_in_a_program_gets_a_plain_message(editor_client, workshop):
    response = editor_client.post(
        reverse("admin:programs_edition_add"), edition_form(workshop.program, slug="2018")
    )
    assert response.status_code == 200
    assert "This program already has an edition with this web address (slug)." in (
        response.content.decode()
    )


def test_program_document_must_be_a_pdf_and_replaced_ones_stay_for_the_history(
    editor_client, workshop, media_root, django_capture_on_commit_callbacks
):
    add_url = reverse("admin:programs_edition_add")
    fake = SimpleUploadedFile("program.pdf", b"<html>not a pdf</html>")
    response = editor_client.post(add_url, edition_form(workshop.program, program_document=fake))
    assert "This file is not a PDF." in response.content.decode()
    assert not Edition.objects.filter(slug="2031").exists()
    assert not list(media_root.rglob("*.pdf"))

    first = SimpleUploadedFile("first.pdf", b"%PDF-1.4 first")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            add_url, edition_form(workshop.program, program_document=first)
        )
    assert response.status_code == 302
    edition = Edition.objects.get(slug="2031")
    second = SimpleUploadedFile("second.pdf", b"%PDF-1.4 second")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:programs_edition_change", args=[edition.pk]),
            edition_form(workshop.program, program_document=second),
        )
    assert Edition.objects.get(pk=edition.pk).program_document.name.endswith("second.pdf")
    # The first document stays: the edition's first version links to it.
    assert sorted(path.name for path in media_root.rglob("*.pdf")) == ["first.pdf", "second.pdf"]


def test_edition_ending_before_it_starts_gets_a_plain_message(editor_client, seed):
    edition = Edition.objects.get(
        program__slug="joint-workshop-smart-sustainable-cities-e-government"
    )
    url = reverse("admin:programs_edition_change", args=[edition.pk])
    form = editor_client.get(url).context["adminform"].form
    data = _form_data(form)
    data.update(start_date="2018-07-12", end_date="2018-07-09")
    data.update(_empty_inlines())
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    edition.refresh_from_db()
    assert edition.end_date == dt.date(2018, 7, 12)


def _form_data(form):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or isinstance(value, FieldFile):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    split = form.initial.get("published_at")
    if split:
        local = timezone.localtime(split)
        data["published_at_0"] = local.date().isoformat()
        data["published_at_1"] = local.time().isoformat()
    return data


def _empty_inlines():
    data = {}
    for prefix in ["topics", "site_visits", "participants"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data
