"""Programs and editions: the rules their rows keep, and the helpers pages rely on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from programs.linked_data import event_json_ld
from programs.models import (
    Edition,
    Participant,
    Program,
    ProgramKind,
    SiteVisit,
    Topic,
    attach_parts,
)
from programs.models.editions import title_naming_program
from tests.factories import make_country, make_edition, make_program
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db


def test_attach_parts_loads_three_part_tables_in_one_query(django_assert_num_queries):
    program = make_program()
    first, second = make_edition(program), make_edition(program)
    korea, ghana = make_country(), make_country()
    Topic.objects.create(edition=first, position=2, title="Second topic")
    Topic.objects.create(edition=first, position=1, title="First topic")
    SiteVisit.objects.create(edition=first, position=1, name="Park", note="UNESCO")
    Participant.objects.create(edition=second, position=1, name="Accra", country=ghana)
    Participant.objects.create(edition=second, position=2, name="Goyang", country=korea)
    editions = list(Edition.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))

    with django_assert_num_queries(1):
        first_out, second_out = attach_parts(editions)

    assert [t.title for t in first_out.topic_list] == ["First topic", "Second topic"]
    assert [str(v) for v in first_out.site_visit_list] == ["Park (UNESCO)"]
    assert first_out.participant_list == []
    assert [(p.name, p.country.name) for p in second_out.participant_list] == [
        ("Accra", ghana.name),
        ("Goyang", korea.name),
    ]
    assert second_out.topic_list == []


def test_attach_parts_of_nothing_costs_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert attach_parts([]) == []


def test_participants_grouped_by_country_in_name_order():
    edition = make_edition(make_program())
    b_country, a_country = make_country(), make_country()
    b_country.name, a_country.name = "Beta", "Alpha"
    b_country.save()
    a_country.save()
    Participant.objects.create(edition=edition, position=1, name="B1", country=b_country)
    Participant.objects.create(edition=edition, position=2, name="A1", country=a_country)
    Participant.objects.create(edition=edition, position=3, name="B2", country=b_country)
    groups = (
        Edition.objects.prefetch_related("participants__country")
        .get(pk=edition.pk)
        .participants_by_country()
    )
    assert [(c.name, [p.name for p in ps]) for c, ps in groups] == [
        ("Alpha", ["A1"]),
        ("Beta", ["B1", "B2"]),
    ]


def test_event_json_ld_without_venue_or_organisers():
    edition = make_edition(
        make_program(title="Series"),
        start=dt.date(2020, 1, 1),
        days=0,
        venue_city="",
        venue_country=None,
    )
    data = event_json_ld(edition, "https://example.org/e/")
    assert data["startDate"] == data["endDate"] == "2020-01-01"
    assert "location" not in data
    assert data["organizer"][0]["name"] == "World Smart Sustainable Cities Organization"
    assert data["superEvent"]["name"] == "Series"


def test_an_edition_under_way_is_still_upcoming():
    today = dt.date(2024, 5, 10)
    assert Edition(start_date=dt.date(2024, 5, 8), end_date=today).is_upcoming(today)
    assert Edition(start_date=dt.date(2024, 6, 1), end_date=dt.date(2024, 6, 2)).is_upcoming(today)
    assert not Edition(start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 9)).is_upcoming(
        today
    )


def test_public_edition_counts_ignore_hidden_editions():
    program = make_program()
    make_edition(program)
    make_edition(program, status=PublicationStatus.DRAFT)
    make_edition(program, published_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    assert Program.objects.with_public_edition_counts().get(pk=program.pk).public_edition_count == 1


@pytest.mark.parametrize("slug", ["kind", "archive"])
def test_reserved_program_slugs_are_refused(slug):
    program = Program(title="Clash", slug=slug, kind=ProgramKind.MAIN)
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "taken by a fixed page" in error.value.message_dict["slug"][0]


def test_editions_of_a_draft_program_are_hidden():
    program = make_program(status=PublicationStatus.DRAFT)
    edition = make_edition(program)
    assert not Edition.objects.published().filter(pk=edition.pk).exists()
    assert not Edition.objects.select_related("program").get(pk=edition.pk).is_published
    program.status = PublicationStatus.PUBLISHED
    program.save()
    assert Edition.objects.published().filter(pk=edition.pk).exists()
    assert Edition.objects.select_related("program").get(pk=edition.pk).is_published


def test_database_refuses_an_edition_that_ends_before_it_starts():
    program = make_program()
    with pytest.raises(IntegrityError):
        Edition.objects.create(
            program=program,
            title="Backwards",
            slug="backwards",
            start_date=dt.date(2020, 5, 2),
            end_date=dt.date(2020, 5, 1),
        )


def test_has_information():
    assert not Program(title="x").has_information
    assert Program(title="x", announcement="Soon.").has_information


@pytest.mark.parametrize(
    ("title", "program", "shown"),
    [
        # The seed's titles leave their program out; pages name it.
        (
            "Training Program, May 2016",
            "WeGO–SHRDC Training Program",
            "WeGO–SHRDC Training Program, May 2016",
        ),
        # A title that names its program already is kept.
        ("Joint Workshop X 2018", "Joint Workshop X", "Joint Workshop X 2018"),
        ("Program 2019", "WeGO–SHRDC Training Program", "WeGO–SHRDC Training Program 2019"),
        # A title that shares no words with it follows the program's name.
        ("Autumn course", "Chengdu Program", "Chengdu Program: Autumn course"),
        (
            "Programming 2019",
            "WeGO–SHRDC Training Program",
            "WeGO–SHRDC Training Program: Programming 2019",
        ),
    ],
)
def test_an_editions_full_title_names_its_program(title, program, shown):
    assert title_naming_program(title, program) == shown
