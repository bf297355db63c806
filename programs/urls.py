from django.urls import path

from programs import views

app_name = "programs"

# The fixed paths come before the program and edition patterns, so no program slug can
# hide them; Program.clean() also refuses the reserved slugs ("kind", "archive").
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
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
