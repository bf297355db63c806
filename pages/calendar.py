"""iCalendar (.ics) files of editions: one per edition, and one of all published editions.

An edition with a published call for applications also carries the call's deadline,
as an event of its own at that moment: editions and calls together, so composed here.

Editions are all-day events: DTSTART is the first day and DTEND the day after the last
(RFC 5545: an all-day event's end date is exclusive). UIDs are stable, built from the
program's and edition's slugs and the site's host, so a calendar that subscribed to the
feed updates events instead of duplicating them.
"""

import datetime as dt

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.views.generic import View
from django.views.generic.detail import SingleObjectMixin

from pages.program_pages import public_call
from programs.models import Edition

PRODID = "-//WeGO//Training Programs//EN"


def edition_event(edition, request):
    host = split_domain_port(request.get_host())[0] or "localhost"
    event = icalendar.Event()
    event.add("uid", f"edition-{edition.program.slug}-{edition.slug}@{host}")
    event.add("dtstamp", edition.updated_at.astimezone(dt.UTC))
    event.add("last-modified", edition.updated_at.astimezone(dt.UTC))
    event.add("dtstart", edition.start_date)
    event.add("dtend", edition.end_date + dt.timedelta(days=1))
    event.add("summary", edition.full_title)
    location = ", ".join(
        part for part in [edition.venue_city, str(edition.venue_country or "")] if part
    )
    if location:
        event.add("location", location)
    event.add("url", request.build_absolute_uri(edition.get_absolute_url()))
    if edition.summary:
        event.add("description", edition.summary)
    return event


def deadline_event(edition, call, request):
    """The call's deadline, as a moment (not a day): when applications close."""
    host = split_domain_port(request.get_host())[0] or "localhost"
    event = icalendar.Event()
    event.add("uid", f"call-deadline-{edition.program.slug}-{edition.slug}@{host}")
    event.add("dtstamp", call.updated_at.astimezone(dt.UTC))
    event.add("dtstart", call.closes_at.astimezone(dt.UTC))
    event.add("dtend", call.closes_at.astimezone(dt.UTC))
    event.add("summary", f"Application deadline: {edition.full_title}")
    event.add("description", f"Applications close {call.closes_text}.")
    event.add("url", request.build_absolute_uri(call.get_absolute_url()))
    return event


def calendar_response(editions, request, *, name, filename, disposition):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for edition in editions:
        calendar.add_component(edition_event(edition, request))
        call = public_call(edition)
        if call is not None:
            calendar.add_component(deadline_event(edition, call, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _public_editions():
    return Edition.objects.published().select_related("program", "venue_country", "call")


class EditionCalendarView(SingleObjectMixin, View):
    """`/programs/<program>/<edition>/calendar.ics`: one edition, to add to a calendar."""

    def get_queryset(self):
        return _public_editions().filter(program__slug=self.kwargs["program_slug"])

    def get(self, request, *args, **kwargs):
        edition = self.get_object()
        return calendar_response(
            [edition],
            request,
            name=edition.full_title,
            filename=f"{edition.program.slug}-{edition.slug}.ics",
            disposition="attachment",
        )


class CalendarFeedView(View):
    """`/programs/calendar.ics`: every published edition, to subscribe to."""

    def get_queryset(self):
        return _public_editions().order_by("start_date", "pk")

    def get(self, request, *args, **kwargs):
        return calendar_response(
            self.get_queryset(),
            request,
            name=settings.SITE_NAME,
            filename="wego-training-programs.ics",
            disposition="inline",
        )
