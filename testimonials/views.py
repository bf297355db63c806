"""Testimonials of former participants, all of them or one year's."""

from django.http import Http404
from django.views.generic import ListView

from programs.views import valid_year
from testimonials.models import Testimonial
from wego_site.core.pagination import PaginatedListMixin
from wego_site.pagecache.generation import per_generation


class TestimonialListView(PaginatedListMixin, ListView):
    """All testimonials in pages of `paginate_by`, newest year first, or one year's on one
    page (a testimonial's own address is its year's page)."""

    template_name = "testimonials/testimonial_list.html"
    context_object_name = "testimonials"
    paginate_by = 24
    whole_when_narrowed_by = ("year",)

    def get_queryset(self):
        testimonials = Testimonial.objects.published()
        if "year" in self.kwargs:
            return testimonials.filter(year=valid_year(self.kwargs["year"]))
        return testimonials.order_by("-year", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Evaluating the list here (not with .exists()) keeps it to one query.
        if "year" in self.kwargs and not context["testimonials"]:
            raise Http404("No testimonials for that year.")
        context["year"] = self.kwargs.get("year")
        context["years"] = per_generation("testimonial-years", public_testimonial_years)
        return context


def public_testimonial_years():
    """Newest first, the order of the list the chips lead into."""
    years = Testimonial.objects.published().order_by("year").values_list("year", flat=True)
    return sorted(set(years), reverse=True)
