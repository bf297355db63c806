"""Testimonials of former participants, all of them or one year's."""

from django.views.generic import ListView

from testimonials.models import Testimonial
from wego_site.core.dates import YearListMixin


class TestimonialListView(YearListMixin, ListView):
    """All testimonials in pages of `paginate_by`, newest year first, or one year's on one
    page (a testimonial's own address is its year's page)."""

    template_name = "testimonials/testimonial_list.html"
    context_object_name = "testimonials"
    paginate_by = 24
    year_lookup = "year"
    years_memo = "testimonial-years"

    def get_queryset(self):
        # Each card links to its source: its edition's or program's page.
        testimonials = Testimonial.objects.published().select_related("program", "edition__program")
        return self.narrowed_to_year(testimonials).order_by("-year", "pk")

    def public_years(self):
        """Newest first, the order of the list the chips lead into."""
        years = Testimonial.objects.published().order_by("year").values_list("year", flat=True)
        return sorted(set(years), reverse=True)
