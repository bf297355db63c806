"""The programs section, /programs/, in one namespace (`programs`): the programs app's
own pages with fixed paths first, then the pages composed here from programs and the
apps above it (pages/program_pages.py, pages/calendar.py), whose paths are a program's
and an edition's slugs."""

from django.urls import path

from pages import calendar, program_pages
from programs import urls as programs_urls

app_name = programs_urls.app_name

urlpatterns = [
    *programs_urls.urlpatterns,
    # Discovery: iCalendar files (`<slug:slug>/` never matches a dot).
    path("calendar.ics", calendar.CalendarFeedView.as_view(), name="calendar"),
    path(
        "<slug:program_slug>/<slug:slug>/calendar.ics",
        calendar.EditionCalendarView.as_view(),
        name="edition_ical",
    ),
    path("<slug:slug>/", program_pages.ProgramDetailView.as_view(), name="program_detail"),
    path(
        "<slug:program_slug>/<slug:slug>/",
        program_pages.EditionDetailView.as_view(),
        name="edition_detail",
    ),
]
