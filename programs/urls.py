from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    path("<slug:slug>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path(
        "<slug:program_slug>/<slug:slug>/",
        views.EditionDetailView.as_view(),
        name="edition_detail",
    ),
]
