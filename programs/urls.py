from django.urls import path

from programs import calendar, views

app_name = "programs"

# The fixed paths come before the program and edition patterns, so no program slug can
# hide them; Program.clean() also refuses the reserved slugs ("kind", "archive").
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    # Discovery: iCalendar files (kept before `<slug:slug>/`, which never matches a dot).
    path("calendar.ics", calendar.CalendarFeedView.as_view(), name="calendar"),
    path(
        "<slug:program_slug>/<slug:slug>/calendar.ics",
        calendar.EditionCalendarView.as_view(),
        name="edition_ical",
    ),
    path("kind/<slug:kind>/", views.ProgramKindView.as_view(), name="program_kind"),
    path("archive/", views.EditionArchiveView.as_view(), name="edition_archive"),
    path("archive/<int:year>/", views.EditionArchiveView.as_view(), name="edition_archive_year"),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path(
        "<slug:program_slug>/<slug:slug>/",
        views.EditionDetailView.as_view(),
        name="edition_detail",
    ),
]
