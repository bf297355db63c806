from django.urls import path

from programs import views

app_name = "programs"

# The programs app's own pages, with fixed paths. The section is completed in
# pages/program_urls.py, which adds the program and edition pages (`<slug:slug>/` ...)
# after these, so no program slug can hide them; Program.clean() also refuses the
# reserved slugs ("kind", "archive").
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    path("kind/<slug:kind>/", views.ProgramKindView.as_view(), name="program_kind"),
    path("archive/", views.EditionArchiveView.as_view(), name="edition_archive"),
    path("archive/<int:year>/", views.EditionArchiveView.as_view(), name="edition_archive_year"),
]
