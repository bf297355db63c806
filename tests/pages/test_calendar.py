"""iCalendar files: one per edition and one of every published edition."""

import datetime as dt

import icalendar
import pytest
from django.template.loader import render_to_string
from django.urls import resolve, reverse

from programs.models import Edition
from tests.hidden_content import HIDDEN_WORD, make_hidden_content

pytestmark = pytest.mark.django_db

JEJU = {"program_slug": "joint-workshop-smart-sustainable-cities-e-government", "slug": "2018"}


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, icalendar.Calendar.from_ical(response.content)


def test_the_jeju_edition_is_an_all_day_event_with_an_exclusive_end(client, seed):
    response, calendar = get_calendar(client, reverse("programs:edition_ical", kwargs=JEJU))
    assert response["Content-Disposition"] == (
        'attachment; filename="joint-workshop-smart-sustainable-cities-e-government-2018.ics"'
    )
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//WeGO//Training Programs//EN"
    [event] = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is dt.date and start == dt.date(2018, 7, 9)
    assert type(end) is dt.date and end == dt.date(2018, 7, 13)  # the day after 12 July
    assert b"DTSTART;VALUE=DATE:20180709" in response.content
    assert b"DTEND;VALUE=DATE:20180713" in response.content
    edition = Edition.objects.get(slug="2018")
    assert str(event["UID"]) == (
        "edition-joint-workshop-smart-sustainable-cities-e-government-2018@testserver"
    )
    assert (
        str(event["SUMMARY"]) == "Joint Workshop for Smart Sustainable Cities & e-Government 2018"
    )
    assert str(event["LOCATION"]) == "Jeju Island, Korea"
    assert str(event["URL"]) == f"http://testserver{edition.get_absolute_url()}"
    assert str(event["DESCRIPTION"]) == edition.summary
    assert event.decoded("DTSTAMP") == edition.updated_at


def test_the_calendar_feed_holds_the_nine_published_editions(client, seed):
    response, calendar = get_calendar(client, reverse("programs:calendar"))
    assert response["Content-Disposition"] == 'inline; filename="wego-training-programs.ics"'
    events = calendar.walk("VEVENT")
    assert len(events) == 9
    assert len({str(event["UID"]) for event in events}) == 9
    by_start = {event.decoded("DTSTART"): event for event in events}
    assert by_start[dt.date(2018, 7, 9)].decoded("DTEND") == dt.date(2018, 7, 13)
    # 29 May – 6 June 2012 ends, exclusively, on 7 June.
    assert by_start[dt.date(2012, 5, 29)].decoded("DTEND") == dt.date(2012, 6, 7)
    assert str(by_start[dt.date(2011, 9, 5)]["LOCATION"]) == "Seoul, Korea"


def test_the_same_edition_keeps_the_same_uid(client, seed):
    first = client.get(reverse("programs:edition_ical", kwargs=JEJU)).content
    _, feed = get_calendar(client, reverse("programs:calendar"))
    [event] = icalendar.Calendar.from_ical(first).walk("VEVENT")
    assert str(event["UID"]) in {str(e["UID"]) for e in feed.walk("VEVENT")}


def test_hidden_editions_stay_out_of_the_calendars(client, seed):
    hidden = make_hidden_content()
    response, calendar = get_calendar(client, reverse("programs:calendar"))
    assert len(calendar.walk("VEVENT")) == 9
    assert HIDDEN_WORD.encode() not in response.content
    for edition in hidden["editions"]:
        url = reverse(
            "programs:edition_ical",
            kwargs={"program_slug": edition.program.slug, "slug": edition.slug},
        )
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "kwargs",
    [
        {"program_slug": JEJU["program_slug"], "slug": "1999"},
        {"program_slug": "wego-shrdc-training-program", "slug": "2018"},  # another program's
        {"program_slug": "no-such-program", "slug": "2018"},
    ],
)
def test_an_unknown_edition_calendar_is_a_404(client, seed, kwargs):
    assert client.get(reverse("programs:edition_ical", kwargs=kwargs)).status_code == 404


def test_the_calendar_feed_is_not_taken_for_a_program_page():
    assert resolve("/programs/calendar.ics").url_name == "calendar"
    assert resolve("/programs/calendar/").url_name == "program_detail"
    match = resolve("/programs/joint-workshop/2018/calendar.ics")
    assert match.url_name == "edition_ical"


def test_the_add_to_calendar_link_points_at_the_edition_file(seed):
    edition = Edition.objects.get(slug="2018")
    html = render_to_string("includes/edition_calendar_link.html", {"edition": edition})
    assert f'href="{reverse("programs:edition_ical", kwargs=JEJU)}"' in html
    assert "Add to calendar" in html
