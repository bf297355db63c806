"""The site's figures: how many public editions have taken place since which year, with
participants from how many cities and public bodies in how many countries (the landing
page states them). An upcoming edition is not counted until it has ended, and sample content
(`load_demo`'s program) never is.

The cities and bodies are the places that took part (programs.models.places): those of
the participants, and of the testimonials (a testimonial names a participant's city), each
place once, an organisation with no city included; a participant not yet linked to a place
counts by its name within its country. The countries are those of all of them.

Each figure is an aggregate over *every* public edition or participant, whatever a page
lists. `SiteFigures.annotations()` gives the four as uncorrelated scalar subqueries: the
database computes each once per query, not once per row, so a page that lists editions
anyway gets the figures with them instead of spending a query of its own (the landing
page makes one query per kind of row it lists, nine in all). `SiteFigures.of(rows)`
reads them back; it is zero for a site without editions.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Min, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from programs.models import Country, Edition, Participant, Place
from programs.models.places import counted_edition_q
from wego_site.core.aggregates import scalar_aggregate

PREFIX = "site_figure_"


@dataclass(frozen=True)
class SiteFigures:
    program_total: int
    edition_count: int = 0
    first_year: int | None = None
    body_count: int = 0
    country_count: int = 0

    @staticmethod
    def annotations(today=None):
        """The figures as annotations, named ``site_figure_*``, to add to any queryset."""
        today = today or timezone.localdate()
        editions = Edition.objects.filter(counted_edition_q(today=today))
        places = Place.objects.took_part(today)
        unplaced = Participant.objects.filter(
            counted_edition_q("edition__", today), place__isnull=True
        )
        # A participant with no place is a name within a country: "Seoul|12".
        unplaced_body = Concat("name", Value("|"), Cast("country_id", models.CharField()))
        countries = Country.objects.filter(
            Q(pk__in=places.values("country")) | Q(pk__in=unplaced.values("country"))
        )
        figures = {
            "edition_count": scalar_aggregate(editions, Count("pk")),
            "first_start": scalar_aggregate(editions, Min("start_date")),
            "body_count": Coalesce(scalar_aggregate(places, Count("pk")), 0)
            + Coalesce(scalar_aggregate(unplaced, Count(unplaced_body, distinct=True)), 0),
            "country_count": scalar_aggregate(countries, Count("pk")),
        }
        return {PREFIX + name: expression for name, expression in figures.items()}

    @classmethod
    def of(cls, rows, program_total):
        """The figures carried by `rows` (annotated with `annotations()`); every row
        carries the same ones."""
        if not rows:
            return cls(program_total=program_total)
        row = rows[0]
        first_start = getattr(row, PREFIX + "first_start")
        return cls(
            program_total=program_total,
            edition_count=getattr(row, PREFIX + "edition_count"),
            first_year=first_start.year if first_start else None,
            body_count=getattr(row, PREFIX + "body_count") or 0,
            country_count=getattr(row, PREFIX + "country_count") or 0,
        )
