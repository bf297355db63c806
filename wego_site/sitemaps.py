"""The site's sitemap: the landing and list pages, plus each app's own sections.

Every section lists only what `.published()` returns. To add a section (e.g. news by
year or tag, the program archive): write a `Sitemap` in the app's `sitemaps.py` whose
`items()` starts from `.published()`, and add one line to `SITEMAPS`.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import Post
from news.sitemaps import PostSitemap
from programs.models import Edition, Program
from programs.sitemaps import EditionSitemap, ProgramSitemap
from testimonials.models import Testimonial
from testimonials.sitemaps import TestimonialYearSitemap


def _latest_update(queryset):
    return queryset.aggregate(latest=Max("updated_at"))["latest"]


class PageSitemap(Sitemap):
    """The landing page and the list pages, each dated by the newest item it shows."""

    def items(self):
        programs = max(
            filter(
                None,
                [
                    _latest_update(Program.objects.published()),
                    _latest_update(Edition.objects.published()),
                ],
            ),
            default=None,
        )
        news = _latest_update(Post.objects.published().prefetch_related(None))
        testimonials = _latest_update(Testimonial.objects.published())
        everything = max(filter(None, [programs, news, testimonials]), default=None)
        return [
            ("landing", everything),
            ("programs:program_list", programs),
            ("news:post_list", news),
            ("testimonials:testimonial_list", testimonials),
        ]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "pages": PageSitemap,
    "programs": ProgramSitemap,
    "editions": EditionSitemap,
    "news": PostSitemap,
    "testimonial-years": TestimonialYearSitemap,
}
