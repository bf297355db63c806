"""The site's sitemap: the landing and list pages, the grouped pages (by year, tag or
kind), plus each app's own sections for its objects.

Every section lists only what `.published()` returns. To add a section: for objects,
write a `Sitemap` in the app's `sitemaps.py` whose `items()` starts from `.published()`;
for pages that group objects, add a `GroupSitemap` here. Then add it to `SITEMAPS`.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import ExtractYear
from django.urls import reverse
from taggit.models import Tag

from news.models import Post
from news.sitemaps import PostSitemap
from pages.places import public_places
from programs.models import Edition, Program
from programs.sitemaps import EditionSitemap, ProgramSitemap
from testimonials.models import Testimonial
from wego_site.pagecache.generation import per_generation


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
        news = _latest_update(Post.objects.published())
        testimonials = _latest_update(Testimonial.objects.published())
        everything = max(filter(None, [programs, news, testimonials]), default=None)
        return [
            ("landing", everything),
            ("programs:program_list", programs),
            ("programs:edition_archive", programs),
            ("news:post_list", news),
            ("testimonials:testimonial_list", testimonials),
            ("place_list", everything),
            # The open data: its page and the API's documentation hold all of the above.
            ("opendata:datasets", everything),
            ("opendata:api_docs", everything),
        ]

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


class GroupSitemap(Sitemap):
    """Pages that each show the public objects sharing one value (a year, a tag, a kind).

    One query: the distinct values among the `published()` rows, each dated by the
    newest `updated_at` of its group. `group_by` is a field name or an expression.
    """

    def __init__(self, url_name, url_kwarg, published, group_by):
        self.url_name, self.url_kwarg = url_name, url_kwarg
        self.published, self.group_by = published, group_by

    def items(self):
        rows, group_by = self.published(), self.group_by
        if not isinstance(group_by, str):
            rows = rows.annotate(group=group_by)
            group_by = "group"
        return rows.values(group_by).annotate(lastmod=Max("updated_at")).order_by(group_by)

    def location(self, item):
        value = next(value for key, value in item.items() if key != "lastmod")
        return reverse(self.url_name, kwargs={self.url_kwarg: value})

    def lastmod(self, item):
        return item["lastmod"]


class PostTagSitemap(Sitemap):
    """The news-by-tag pages of tags that public posts carry."""

    def items(self):
        return (
            Tag.objects.filter(news_taggedpost_items__content_object__in=Post.objects.published())
            .annotate(lastmod=Max("news_taggedpost_items__content_object__updated_at"))
            .order_by("name")
        )

    def location(self, tag):
        return reverse("news:post_tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.lastmod


def _places_lastmod():
    dates = [
        _latest_update(Edition.objects.published()),
        _latest_update(Testimonial.objects.published()),
    ]
    return max(filter(None, dates), default=None)


class PlaceSitemap(Sitemap):
    """The pages of the places that published content names. A place's page shows its
    editions and testimonials, so it is dated by the newest change among those (of the
    whole site, once per content generation, rather than a MAX() per place)."""

    def items(self):
        return public_places().order_by("slug").only("slug")

    def location(self, place):
        return place.get_absolute_url()

    def lastmod(self, _item):
        return per_generation("sitemap-places-lastmod", _places_lastmod)


class CountrySitemap(PlaceSitemap):
    """The pages of the countries of those places, dated as the places are."""

    def items(self):
        return (
            public_places()
            .exclude(country__code="")
            .values_list("country__code", flat=True)
            .distinct()
            .order_by("country__code")
        )

    def location(self, code):
        return reverse("country_detail", args=[code.lower()])


SITEMAPS = {
    "pages": PageSitemap,
    "program-kinds": GroupSitemap(
        "programs:program_kind", "kind", Program.objects.published, "kind"
    ),
    "programs": ProgramSitemap,
    "editions": EditionSitemap,
    "edition-years": GroupSitemap(
        "programs:edition_archive_year",
        "year",
        Edition.objects.published,
        ExtractYear("start_date"),
    ),
    "news": PostSitemap,
    "news-years": GroupSitemap(
        "news:post_year", "year", Post.objects.published, ExtractYear("published_at")
    ),
    "news-tags": PostTagSitemap,
    "testimonial-years": GroupSitemap(
        "testimonials:by_year", "year", Testimonial.objects.published, "year"
    ),
    "places": PlaceSitemap,
    "countries": CountrySitemap,
}
