"""Testimonials of former participants, all of them or one year's."""

from django.http import Http404
from django.views.generic import ListView

from programs.views import valid_year
from testimonials.models import Testimonial


class TestimonialListView(ListView):
    template_name = "testimonials/testimonial_list.html"
    context_object_name = "testimonials"

    def get_queryset(self):
        testimonials = Testimonial.objects.published()
        if "year" in self.kwargs:
            testimonials = testimonials.filter(year=valid_year(self.kwargs["year"]))
        return testimonials

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Evaluating the list here (not with .exists()) keeps it to one query.
        if "year" in self.kwargs and not context["testimonials"]:
            raise Http404("No testimonials for that year.")
        context["year"] = self.kwargs.get("year")
        years = Testimonial.objects.published().order_by("year").values_list("year", flat=True)
        context["years"] = sorted(set(years))
        return context
