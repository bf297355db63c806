from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wego_site import views

urlpatterns = [
    path("", views.LandingView.as_view(), name="landing"),
    path("programs/", include("programs.urls")),
    path("news/", include("news.urls")),
    path("testimonials/", include("testimonials.urls")),
    # Production serving (issue 5): health check, and the admin under DJANGO_ADMIN_URL.
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]
