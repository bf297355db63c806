from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path(
        "programs/<slug:program_slug>/<slug:slug>/apply/",
        views.ApplyView.as_view(),
        name="apply",
    ),
    path(
        "programs/<slug:program_slug>/<slug:slug>/apply/sent/",
        views.ConfirmationView.as_view(),
        name="sent",
    ),
    path("privacy/applications/", views.PrivacyView.as_view(), name="privacy"),
]
