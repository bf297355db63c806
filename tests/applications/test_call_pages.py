"""Where visitors meet a call: landing, program and edition pages, JSON-LD, iCalendar,
and the page cache that follows the call's clock."""

import datetime as dt
import json
import re

import icalendar
import pytest
from django.utils import timezone

from tests.applications.factories import ApplicationFactory, CallFactory, ContactFactory
from tests.factories import ProgramFactory
from tests.site.test_query_budget import QUERY_BUDGET
from wego_site.core.date_text import moment_text
from wego_site.pagecache import generation

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_moments_read_with_their_zone_named():
    moment = dt.datetime(2027, 1, 31, 9, 0, tzinfo=dt.UTC)
    assert moment_text(moment, "Asia/Seoul") == "31 January 2027, 18:00 Seoul time (UTC+9)"
    assert moment_text(moment, "Asia/Kolkata") == "31 January 2027, 14:30 Kolkata time (UTC+5:30)"
    assert moment_text(moment, "UTC") == "31 January 2027, 09:00 UTC"


def test_a_calls_moments_are_also_given_in_utc_for_applicants_anywhere():
    moment = dt.datetime(2027, 1, 5, 20, 18, tzinfo=dt.UTC)
    assert (
        moment_text(moment, "Asia/Seoul", with_utc=True)
        == "6 January 2027, 05:18 Seoul time (UTC+9) — 5 January, 20:18 UTC"
    )
    new_year = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)
    assert (
        moment_text(new_year, "Asia/Seoul", with_utc=True)
        == "1 January 2027, 03:00 Seoul time (UTC+9) — 31 December 2026, 18:00 UTC"
    )
    # A zone at UTC that day is not given twice.
    assert moment_text(moment, "UTC", with_utc=True) == "5 January 2027, 20:18 UTC"
    assert moment_text(moment, "Europe/London", with_utc=True) == (
        "5 January 2027, 20:18 London time (UTC)"
    )


def test_the_calls_deadline_reads_in_its_zone_and_in_utc_marked_up_as_a_time(call):
    call.closes_at = dt.datetime(2027, 1, 5, 20, 18, tzinfo=dt.UTC)
    call.time_zone = "Asia/Seoul"
    deadline = "6 January 2027, 05:18 Seoul time (UTC+9) — 5 January, 20:18 UTC"
    assert call.closes_text == deadline
    # The day with its time, and the zone, each hold on one line (the date never parts
    # from its time); the UTC equivalent is a span of its own, so each place can set it
    # as a second line.
    assert call.closes_html == (
        '<time datetime="2027-01-06T05:18+09:00"><span class="nowrap">6 January 2027, 05:18</span> '
        '<span class="nowrap">Seoul time (UTC+9)</span>'
        '<span class="moment__sep">\N{NO-BREAK SPACE}— </span>'
        '<span class="moment__utc">5 January, 20:18 UTC</span></time>'
    )


def test_the_state_follows_the_clock(call):
    now = timezone.now()
    assert call.state(now) == "open"
    assert call.state(call.opens_at - dt.timedelta(seconds=1)) == "upcoming"
    assert call.state(call.closes_at) == "closed"
    assert call.state_text(call.opens_at - dt.timedelta(1)).startswith("Opens on ")
    assert call.state_text(now).startswith("Open until ")
    assert call.state_text(call.closes_at).startswith("Closed on ")


def test_the_edition_page_shows_the_call_and_the_apply_button(client, call):
    html = html_of(client, call.edition.get_absolute_url())
    assert "Call for applications" in html
    assert "City officials working on e-government." in html
    assert "WeGO covers the stay" in html and "In person" in html
    assert f'href="{call.get_absolute_url()}"' in html
    assert "reviewer@example.org" in html


def test_an_open_call_says_the_day_it_opened_and_only_the_deadline_to_the_minute(client, call):
    """The day it opened is a term of the call (the first), not a note beside its badge."""
    html = html_of(client, call.edition.get_absolute_url())
    assert re.search(
        f'<dl class="call__details">\\s*<div><dt>Open since</dt><dd><time datetime="[^"]+">'
        f"{call.opened_on_text}</time></dd></div>",
        html,
    )
    kicker = re.search(r'<p class="call__kicker">(.*?)</p>', html)[1]
    assert "since" not in kicker
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", call.opened_on_text)
    assert call.opens_text not in html
    assert call.closes_html in html


def test_a_calls_times_are_valid_html_times_even_with_seconds_stored(client, seed, call):
    """HTML's time values take at most three digits of a second; a moment set by code
    (the demo's, a factory's) carries microseconds."""
    call.opens_at = timezone.now().replace(microsecond=123456) - dt.timedelta(days=1)
    call.save()
    for url in ("/", call.edition.get_absolute_url(), call.get_absolute_url()):
        times = re.findall(r'datetime="([^"]+)"', html_of(client, url))
        assert times, url
        assert not [value for value in times if re.search(r"\.\d{4,}", value)], url


def test_the_program_page_applies_with_the_calls_own_button(client, call):
    html = html_of(client, call.edition.program.get_absolute_url())
    assert f'<a class="button button--large" href="{call.get_absolute_url()}">Apply' in html


def test_a_closed_call_shows_dated_without_the_button(client, call):
    call.opens_at = timezone.now() - dt.timedelta(days=9)
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    html = html_of(client, call.edition.get_absolute_url())
    assert "Closed on" in html
    assert f'href="{call.get_absolute_url()}"' not in html


def test_a_draft_call_is_nowhere(client, call):
    call.status = "draft"
    call.save()
    for url in ["/", call.edition.get_absolute_url(), call.edition.program.get_absolute_url()]:
        assert call.get_absolute_url() not in html_of(client, url)


def test_the_landing_page_starts_with_the_open_call(client, seed, call):
    html = html_of(client, "/")
    hero = html[html.index('class="hero"') : html.index('id="programs-heading"')]
    card = hero[hero.index('class="call-card"') :]
    assert "Call for applications" in card and "Deadline" in card
    assert call.closes_html in card, "the deadline with its zone, and in UTC"
    assert call.closes_text.endswith(" UTC")
    assert f'class="button button--large" href="{call.get_absolute_url()}"' in card
    assert f'href="{call.edition.get_absolute_url()}#call-heading">Read the call' in card


def test_without_a_call_the_hero_says_how_to_take_part_and_whom_to_write_to(client, seed):
    html = html_of(client, "/")
    hero = html[html.index('class="hero"') : html.index('id="programs-heading"')]
    assert "How to take part" in hero and "call-card" in hero
    assert 'href="mailto:andrew@we-gov.org"' in hero
    assert "Apply" not in hero


def test_the_hero_names_the_next_edition_when_it_has_no_call(client, seed, call):
    call.status = "draft"
    call.save()
    html = html_of(client, "/")
    hero = html[html.index('class="hero"') : html.index('id="programs-heading"')]
    assert f'href="{call.edition.get_absolute_url()}">{call.edition.label}</a>' in hero


def test_the_2018_announcement_is_shown_as_past(client, seed):
    # The landing page does not present it as current news: it links to the program...
    html = html_of(client, "/")
    assert "Next year’s Joint Workshop will take place in Seoul" not in html
    # ...whose page shows it dated, after the edition it followed.
    program = html_of(client, "/programs/joint-workshop-smart-sustainable-cities-e-government/")
    record = program[program.index('<aside class="announcement announcement--past"') :]
    record = record[: record.index("</aside>")]
    assert "<details>" in record and "<details open" not in record  # closed until asked for
    assert "Past announcement" in record
    assert 'made after the <time datetime="2018-07-12">July 2018</time> edition' in record
    assert "Next year’s Joint Workshop will take place in Seoul" in record
    assert '<a href="mailto:andrew@we-gov.org">andrew@we-gov.org</a>' in record


def test_the_program_page_says_how_to_take_part(client, call):
    html = html_of(client, call.edition.program.get_absolute_url())
    assert "How to take part" in html
    assert "Open until" in html and f'href="{call.get_absolute_url()}"' in html
    # An open call leads the page, before the program's editions, in the tinted panel
    # (without a call the section is a note).
    assert html.index('id="take-part-heading"') < html.index('id="editions-heading"')
    assert '<section class="take-part" aria-labelledby="take-part-heading">' in html


def test_the_program_page_without_a_call_says_whom_to_write_to(client, seed):
    html = html_of(client, "/programs/joint-workshop-smart-sustainable-cities-e-government/")
    assert "How to take part" in html and "No call for applications is open now" in html
    assert "andrew@we-gov.org" in html


def test_json_ld_event_carries_the_offer(client, call):
    html = html_of(client, call.edition.get_absolute_url())
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    event = next(data for data in map(json.loads, blocks) if data.get("@type") == "Event")
    offer = event["offers"]
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["validThrough"] == call.closes_at.isoformat()
    assert offer["url"].endswith(call.get_absolute_url())


def test_the_icalendar_file_holds_the_deadline(client, call):
    edition = call.edition
    response = client.get(f"{edition.get_absolute_url()}calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    deadline = next(
        event
        for event in calendar.walk("VEVENT")
        if str(event["summary"]).startswith("Application deadline")
    )
    assert deadline.decoded("dtstart") == call.closes_at.replace(microsecond=0)


def test_the_page_cache_turns_over_when_a_call_opens_or_closes(call):
    assert generation.compute_next_publication() == call.closes_at
    later = CallFactory(opens_at=timezone.now() + dt.timedelta(hours=2))
    assert generation.compute_next_publication() == later.opens_at


def test_an_application_does_not_retire_cached_pages_but_a_call_does(call, country):
    before = generation.current_state()
    ApplicationFactory(call=call)
    assert generation.current_state()[0] == before[0]
    call.places = 30
    call.save()
    assert generation.current_state()[0] != before[0]


def test_personal_data_is_in_no_public_page(client, seed, call, settings):
    settings.PAGE_CACHE_ENABLED = True
    ApplicationFactory(call=call, name="Secretive Applicant", email="secret@example.org")
    for url in [
        "/",
        call.edition.get_absolute_url(),
        call.get_absolute_url(),
        "/sitemap.xml",
        "/search/?q=Secretive",
        "/news/feed/rss/",
        "/programs/calendar.ics",
    ]:
        body = client.get(url).content.decode()
        # The search page repeats its query, so look for the whole name.
        assert "Secretive Applicant" not in body and "secret@example.org" not in body, url


def test_the_edition_page_with_a_call_stays_within_the_query_budget(
    client, call, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(call.edition.get_absolute_url())
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(call.edition.program.get_absolute_url())


@pytest.mark.parametrize("whose", ["edition", "program", "site"])
def test_every_message_names_whom_to_write_to_falling_back_visibly(client, whose, settings):
    settings.APPLICATION_RATE = "1/h"
    person = ContactFactory(email=f"{whose}-person@example.org", name=f"{whose} person")
    call = CallFactory()  # no contacts of its own
    edition, program = call.edition, call.edition.program
    {"edition": edition.contacts, "program": program.contacts}.get(whose, program.contacts).add(
        person
    )
    if whose == "site":  # the program has none; another public program has one
        program.contacts.clear()
        ProgramFactory().contacts.add(person)
    url = call.get_absolute_url()
    pages = {
        "the call on the edition page": client.get(edition.get_absolute_url()),
        "the form": client.get(url),
        "a robot's form": client.post(url, {"website_address": "http://spam.example"}),
        "too many forms": client.post(url, {}),  # the second in an hour, with 1/h
    }
    assert pages["too many forms"].status_code == 429
    for what, response in pages.items():
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        assert person.email in main, what  # not only in the footer
        assert "confirmation email you received" not in main, what


def test_a_late_applicant_is_told_the_deadline_and_whom_to_write_to(client, call, contact):
    client.get(call.get_absolute_url())
    call.closes_at = timezone.now() - dt.timedelta(minutes=5)
    call.save()
    response = client.post(call.get_absolute_url(), {"name": "Late Applicant"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f"The deadline was {call.closes_html}" in html
    assert call.closes_text.endswith(" UTC")  # given in UTC too
    assert contact.email in html
    assert "confirmation email" not in html  # they never got one
