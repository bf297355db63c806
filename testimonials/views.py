from django.http import Http404
from django.views.generic import ListView

from testimonials.models import Testimonial


class TestimonialListView(ListView):
    template_name = "testimonials/testimonial_list.html"
    context_object_name = "testimonials"

    def get_queryset(self):
        testimonials = Testimonial.objects.published()
        if "year" in self.kwargs:
            testimonials = testimonials.filter(year=self.kwargs["year"])
            if not testimonials.exists():
                raise Http404("No testimonials for that year.")
        return testimonials
