from django.urls import path

from programs import calendar, views

app_name = "programs"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    # Discovery: iCalendar files (kept before `<slug:slug>/`, which never matches a dot).
    path("calendar.ics", calendar.CalendarFeedView.as_view(), name="calendar"),
    path(
        "<slug:program_slug>/<slug:slug>/calendar.ics",
        calendar.EditionCalendarView.as_view(),
        name="edition_ical",
    ),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path(
        "<slug:program_slug>/<slug:slug>/",
        views.EditionDetailView.as_view(),
        name="edition_detail",
    ),
]
