"""Testimonials of former participants, all of them or one year's."""

from django.urls import reverse
from django.views.generic import ListView

from testimonials.models import Testimonial
from wego_site.core.dates import YearListMixin
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb, collection


class TestimonialListView(BreadcrumbsMixin, YearListMixin, ListView):
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        context["collection"] = collection(
            f"Testimonials of {year}" if year else "Testimonials of former participants",
            context["testimonials"],
            label=lambda t: t.full_name,
            url=lambda t: f"#testimonial-{t.pk}",
        )
        return context

    def get_breadcrumbs(self, context):
        crumbs = [Crumb("Testimonials", reverse("testimonials:testimonial_list"))]
        if "year" in self.kwargs:
            crumbs.append(Crumb(str(self.kwargs["year"]), self.request.path))
        return crumbs
