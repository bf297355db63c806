"""Testimonials of former participants, all of them or one year's."""

from dataclasses import dataclass
from itertools import groupby

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db.models import F
from django.urls import reverse
from django.utils.text import capfirst
from django.views.generic import ListView

from testimonials.models import Testimonial
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb, collection
from wego_site.core.pagination import PaginatedListMixin
from wego_site.pagecache.generation import per_generation


def public_testimonial_years():
    """Newest first, the order of the list the chips lead into."""
    years = Testimonial.objects.published().order_by("year").values_list("year", flat=True)
    return sorted(set(years), reverse=True)


# The most cities a lede names; more are counted ("from 9 cities").
CITIES_NAMED = 5


def in_words(names):
    """“A”, “A and B”, “A, B and C”."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def testimonials_lede(testimonials):
    """Who speaks on a page of testimonials, from their fields alone: how many, the
    program they took part in (or “WeGO’s training programs” for several), their cities in
    the list's order, each once: “Four participants of the WeGO–SHRDC Training Program,
    from Bucharest, Barcelona, Muscat and Mexico City, on the training.”"""
    testimonials = list(testimonials)
    if not testimonials:
        return ""
    count = len(testimonials)
    programs = list(dict.fromkeys(t.related_program for t in testimonials if t.related_program))
    cities = list(dict.fromkeys(t.city for t in testimonials if t.city))
    if len(programs) == 1 and programs[0].is_published:
        of = f"the {programs[0].title}"
    else:
        of = "WeGO’s training programs"
    words = [f"{capfirst(apnumber(count))} participant{'s' if count > 1 else ''} of {of}"]
    if len(cities) > CITIES_NAMED:
        words.append(f"from {len(cities)} cities")
    elif cities:
        words.append(f"from {in_words(cities)}")
    return ", ".join(words) + ", on the training."


@dataclass
class SourceGroup:
    """Testimonials of one source (an edition or a program; None for those without a
    public one), with the heading's words: `program` (a small line naming an edition's
    program; empty for a program) and `title` (the rest: the edition's own words, "June
    2013")."""

    source: object
    program: str
    title: str
    testimonials: list


def by_source(testimonials):
    """The testimonials in their order, grouped where their sources follow each other."""
    groups = []
    for source, items in groupby(testimonials, key=lambda t: t.source):
        program, title = "", "Other testimonies"
        if source is not None:
            title = getattr(source, "full_title", source.title)
            lead = f"{source.program.title}, " if hasattr(source, "program") else ""
            if lead and title.startswith(lead):
                program, title = source.program.title, title[len(lead) :]
        groups.append(SourceGroup(source, program, title, list(items)))
    return groups


class TestimonialListMixin(BreadcrumbsMixin, PaginatedListMixin):
    template_name = "testimonials/testimonial_list.html"
    context_object_name = "testimonials"

    def get_queryset(self):
        # Grouped under their source (the edition's or program's page each group's heading
        # links to): newest year first, then an edition's together, the latest edition first.
        return (
            Testimonial.objects.published()
            .select_related("program", "edition__program")
            .order_by(
                "-year",
                F("edition__start_date").desc(nulls_last=True),
                "edition",
                "program",
                "pk",
            )
        )

    def list_is_paged(self, context):
        """Whether all the testimonials take more than one page: only then do the year
        chips help (a few testimonials are read at a glance)."""
        return context["paginator"].num_pages > 1

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            years=per_generation("testimonial-years", public_testimonial_years), **kwargs
        )
        context["offer_years"] = len(context["years"]) > 1 and self.list_is_paged(context)
        context["lede"] = testimonials_lede(context["testimonials"])
        context["groups"] = by_source(context["testimonials"])
        year = context.get("year")
        context["collection"] = collection(
            f"Testimonials of {year}" if year else "Testimonials of former participants",
            context["testimonials"],
            label=lambda t: t.full_name,
            url=lambda t: f"#testimonial-{t.pk}",
        )
        return context

    def get_breadcrumbs(self, context):
        return [Crumb("Testimonials", reverse("testimonials:testimonial_list"))]


class TestimonialListView(TestimonialListMixin, ListView):
    """All testimonials in pages of `paginate_by`, newest year first."""

    paginate_by = 24


class TestimonialYearView(TestimonialListMixin, ListView):
    """One year's testimonials on one page (a testimonial's own address is its year's
    page); a year without any is a 404. The year is that of the training, a number, not
    a date: a plain list rather than a date-based view."""

    allow_empty = False

    def get_queryset(self):
        return super().get_queryset().filter(year=self.kwargs["year"])

    def list_is_paged(self, context):
        # A year's page is whole: count all the testimonials, once per content generation.
        return per_generation(
            "testimonials-paged",
            lambda: Testimonial.objects.published().count() > TestimonialListView.paginate_by,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], **kwargs)

    def get_breadcrumbs(self, context):
        return [*super().get_breadcrumbs(context), Crumb(str(context["year"]), self.request.path)]
