from django.contrib import admin
from django.urls import include, path

from wego_site import views

urlpatterns = [
    path("", views.LandingView.as_view(), name="landing"),
    path("programs/", include("programs.urls")),
    path("news/", include("news.urls")),
    path("testimonials/", include("testimonials.urls")),
    path("admin/", admin.site.urls),
]
