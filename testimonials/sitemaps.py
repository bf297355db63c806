"""Sitemap section for the testimonials-by-year pages, dated by their newest edit."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from testimonials.models import Testimonial


class TestimonialYearSitemap(Sitemap):
    def items(self):
        return (
            Testimonial.objects.published()
            .values("year")
            .annotate(lastmod=Max("updated_at"))
            .order_by("year")
        )

    def location(self, item):
        return reverse("testimonials:by_year", kwargs={"year": item["year"]})

    def lastmod(self, item):
        return item["lastmod"]
