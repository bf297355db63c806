"""The addresses a place's and a country's get_absolute_url() name, for tests that run
before the site has those pages."""

from django.http import HttpResponse
from django.urls import path


def page(request, **kwargs):
    return HttpResponse()


urlpatterns = [
    path("cities/<slug:slug>/", page, name="place_detail"),
    path("countries/<str:iso>/", page, name="country_detail"),
]
