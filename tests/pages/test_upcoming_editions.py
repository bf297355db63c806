"""An edition still to come is listed as upcoming, never among past editions or in the
figures of what has taken place."""

import datetime as dt

import pytest
from django.utils import timezone

from programs.models import Edition, Program
from tests.factories import EditionFactory
from wego_site.core.templatetags.wego import unbroken_names

pytestmark = pytest.mark.django_db


def add_edition(program, start):
    return EditionFactory(
        program=program,
        title=f"{program.title} {start.year}",
        slug=str(start.year),
        start_date=start,
        days=4,
        venue_city="Seoul",
    )


def figures(client):
    return client.get("/").context["figures"]


def test_a_future_edition_is_upcoming_on_the_landing_page(client, seed):
    before = figures(client)
    program = Program.objects.get(slug="wego-shrdc-training-program")
    next_year = timezone.localdate().year + 1
    edition = add_edition(program, dt.date(next_year, 5, 3))

    response = client.get("/")
    html = response.content.decode()
    hero = html[html.index('class="hero"') : html.index('id="programs-heading"')]
    # Named by program and dates, as every edition link is, in the hero as the next one.
    assert f">{unbroken_names(edition.label)}</a>" in hero
    # The figures count what has taken place.
    assert response.context["figures"] == before
    assert before.edition_count == 9
    assert before.first_year == 2011


def test_an_edition_that_ended_counts(client, seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    before = figures(client).edition_count
    add_edition(program, timezone.localdate() - dt.timedelta(days=30))
    assert figures(client).edition_count == before + 1


def test_past_and_upcoming_querysets(seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    today = timezone.localdate()
    running = add_edition(program, today - dt.timedelta(days=2))  # ends in two days
    assert running in Edition.objects.upcoming()
    assert running not in Edition.objects.past()
    assert Edition.objects.past().count() == 9


def test_the_program_page_lists_it_as_upcoming(client, seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    edition = add_edition(program, dt.date(timezone.localdate().year + 1, 5, 3))
    context = client.get(program.get_absolute_url()).context
    assert context["upcoming_editions"] == [edition]
    assert edition not in context["past_editions"]


def hero_of(client):
    html = client.get("/").content.decode()
    return html[html.index('class="hero"') : html.index('id="programs-heading"')]


def test_the_next_edition_says_its_call_is_to_come_or_has_closed(client, seed):
    from tests.applications.factories import CallFactory

    program = Program.objects.get(slug="wego-shrdc-training-program")
    edition = add_edition(program, timezone.localdate() + dt.timedelta(days=90))
    assert "Its call for applications will be published on its page." in hero_of(client)

    # Its call ran and closed before the edition: the hero says so, not that it is to come.
    now = timezone.now()
    CallFactory(
        edition=edition, opens_at=now - dt.timedelta(days=20), closes_at=now - dt.timedelta(days=1)
    )
    hero = hero_of(client)
    assert "will be published" not in hero
    assert "Its call for applications closed on" in hero
    assert "Apply" not in hero
