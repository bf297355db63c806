"""Where the training has reached: the map and table of every place that took part
(/cities/), a page per place (/cities/<slug>/) and per country (/countries/<iso>/)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from programs.models import Country, Place


class PlaceListView(TemplateView):
    template_name = "places/place_list.html"


class PlaceDetailView(DetailView):
    template_name = "places/place_detail.html"
    context_object_name = "place"

    def get_queryset(self):
        return Place.objects.took_part().select_related("country")


class CountryDetailView(TemplateView):
    """A country by its ISO 3166 alpha-2 code in lower case (/countries/ph/); the
    upper-case address is not the page's (404), so each country has one address."""

    template_name = "places/country_detail.html"

    def get_context_data(self, **kwargs):
        iso = self.kwargs["iso"]
        if iso != iso.lower():
            raise Http404("Country addresses are in lower case.")
        country = get_object_or_404(Country.objects.order_by("pk"), code=iso.upper())
        return super().get_context_data(country=country, **kwargs)
