"""Where the training has reached: the map and table of every place that took part
(/cities/), a page per place (/cities/<slug>/) and per country (/countries/<iso>/).

Only published content counts: a place is on these pages when a public edition (of a
public program that is not sample content) names it, through a participant or as its
venue, when a public testimonial names it, or when it is a regional office's city. The
map and the table count what `Place.objects.with_participation()` counts: participants
and editions of the editions that have taken place.
"""

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView

from programs.linked_data import place_json_ld
from programs.models import Country, Edition, Participant, Place, Program, RegionalOffice
from programs.models.places import counted_edition_q
from programs.views import public_contacts
from testimonials.models import Testimonial
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb
from wego_site.core.world_map import Mark, drawn_once, locator_map, world_map
from wego_site.pagecache.generation import per_generation

GEONAMES_URL = "https://www.geonames.org/"


def public_editions():
    """The editions these pages may name: public, of a public program, not sample content."""
    return Edition.objects.published().filter(program__is_sample=False)


def public_testimonials():
    return Testimonial.objects.published().filter(
        Q(program__isnull=True) | Q(program__is_sample=False),
        Q(edition__isnull=True) | Q(edition__in=public_editions()),
    )


def public_places():
    """Places that published content names (see the module's docstring)."""
    editions = public_editions()
    return Place.objects.filter(
        Exists(Participant.objects.filter(place=OuterRef("pk"), edition__in=editions))
        | Exists(editions.filter(venue_place=OuterRef("pk")))
        | Exists(public_testimonials().filter(place=OuterRef("pk")))
        | Exists(RegionalOffice.objects.filter(place=OuterRef("pk")))
    )


def counted_places(program=None, year=None):
    """The places that took part, each with its `participant_count` and `edition_count`
    (narrowed to a program's or a year's editions), the most present first."""
    return (
        Place.objects.took_part()
        .with_participation(program=program, year=year)
        .filter(Q(participant_count__gt=0) | Q(edition_count__gt=0))
        .select_related("country")
        .order_by("-edition_count", "-participant_count", "name")
    )


def host_places(program=None, year=None):
    """Where the editions (of `program`, in `year`) that took place were held, and the
    regional offices' cities (those running `program`; none for a year), each with its
    `hosted_count` and `office_count`."""
    editions = Edition.objects.filter(counted_edition_q())
    offices = RegionalOffice.objects.all()
    if program is not None:
        editions = editions.filter(program=program)
        offices = offices.filter(programs=program)
    if year is not None:
        editions = editions.filter(start_date__year=year)
        offices = offices.none()
    hosted = editions.filter(venue_place=OuterRef("pk")).order_by()
    office_rows = offices.filter(place=OuterRef("pk")).order_by()
    return (
        Place.objects.filter(Exists(hosted) | Exists(office_rows))
        .annotate(
            hosted_count=count_of(hosted),
            office_count=count_of(office_rows),
        )
        .select_related("country")
        .order_by("-hosted_count", "name")
    )


def count_of(queryset):
    """The number of rows of a correlated `queryset`, as a subquery (0 for none)."""
    counted = queryset.annotate(_all=Value(1)).values("_all")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def host_role(place):
    """What a host did: "host of 8 editions", "regional office", or both."""
    roles = []
    if place.hosted_count:
        roles.append(
            f"host of {place.hosted_count} edition{'s' if place.hosted_count != 1 else ''}"
        )
    if place.office_count:
        roles.append("regional office")
    return " and ".join(roles)


def place_label(place):
    """A mark's accessible name: the place, its country and what it did."""
    counts = [f"{place.edition_count} edition{'s' if place.edition_count != 1 else ''}"]
    if place.participant_count:
        counts.append(
            f"{place.participant_count} participation{'s' if place.participant_count != 1 else ''}"
        )
    else:
        counts.append("known from a testimonial")
    return f"{place.name}, {place.country.name}: {', '.join(counts)}"


def marks_of(places, hosts=()):
    dots = [
        Mark(
            name=place_label(place),
            latitude=float(place.latitude),
            longitude=float(place.longitude),
            url=place.get_absolute_url(),
            count=place.participant_count or 1,
            is_testimony=not place.participant_count,
        )
        for place in places
        if place.is_drawable
    ]
    rings = [
        Mark(
            name=f"{place.name}, {place.country.name}: {host_role(place)}",
            latitude=float(place.latitude),
            longitude=float(place.longitude),
            url=place.get_absolute_url(),
            is_host=True,
        )
        for place in hosts
        if place.is_drawable
    ]
    return dots + rings


def add_testimony_years(places):
    """Give each place with no participation recorded (known from a testimonial) the
    `testimony_years` of its public testimonials; one query, and none when every place
    has participations."""
    unrecorded = {place.pk: place for place in places if not place.participant_count}
    for place in unrecorded.values():
        place.testimony_years = []
    if not unrecorded:
        return
    rows = (
        public_testimonials()
        .filter(place__in=list(unrecorded))
        .order_by("year")
        .values_list("place_id", "year")
        .distinct()
    )
    for place_id, year in rows:
        unrecorded[place_id].testimony_years.append(year)


MAP_TITLE = "Map of the cities and organisations that took part in WeGO’s training"


def participation_map(program=None, year=None, places=None, hosts=None):
    """The world map of the places that took part (in `program`, in `year`) and of the
    hosts, drawn once per content generation for each filter. `places` and `hosts`, when
    the page has loaded them already (`counted_places()`, `host_places()`), spare the
    queries on the first drawing."""

    def draw():
        rows = list(counted_places(program, year)) if places is None else places
        host_rows = list(host_places(program, year)) if hosts is None else hosts
        marks = marks_of(rows, host_rows)
        drawn = sum(not mark.is_host for mark in marks)
        rings = len(marks) - drawn
        scope = ""
        if program is not None:
            scope += f" in the {program.title}"
        if year is not None:
            scope += f" in {year}"
        listed = len(rows) - drawn
        description = (
            f"{drawn} place{'s' if drawn != 1 else ''} that took part{scope}, "
            "each a dot sized by its participations (a hollow dot where the place is known "
            "from a testimonial only) and linked to its page."
        )
        if rings:
            description += (
                f" {rings} host{'s' if rings != 1 else ''} (where editions were held, "
                "regional offices), each a ring."
            )
        if listed:
            description += (
                f" {listed} place{'s' if listed != 1 else ''} with no coordinates "
                f"(an organisation, a region) {'are' if listed != 1 else 'is'} listed in "
                "the table, not drawn."
            )
        return world_map(
            marks,
            title=MAP_TITLE + scope,
            description=description,
            unit=("participation", "participations"),
            host_label="Host city or regional office",
        )

    # The counts change when an edition ends (counted_edition_q), so each day has its own.
    today = timezone.localdate().isoformat()
    key = f"places:{program.pk if program else ''}:{year or ''}:{today}"
    return drawn_once(key, draw)


class PlaceListView(BreadcrumbsMixin, TemplateView):
    """The map and, beside it, the same places as a table; filtered by program or year
    through plain links (?program=<slug>, ?year=<year>)."""

    template_name = "places/place_list.html"

    def get_breadcrumbs(self, context):
        return [Crumb("Cities", reverse("place_list"))]

    @cached_property
    def program(self):
        slug = self.request.GET.get("program")
        if slug is None:
            return None
        return get_object_or_404(Program.objects.published().filter(is_sample=False), slug=slug)

    @cached_property
    def year(self):
        year = self.request.GET.get("year")
        if year is None:
            return None
        if not (year.isdigit() and len(year) == 4):
            raise Http404("A year is four digits.")
        return int(year)

    def get_context_data(self, **kwargs):
        program, year = self.program, self.year
        data = place_list_data(program, year) | place_filters()
        if year is not None and year not in data["filter_years"]:
            raise Http404("No place took part in that year.")
        return super().get_context_data(
            **data,
            map_svg=participation_map(program, year, data["places"], data["hosts"]),
            program=program,
            year=year,
            geonames_url=GEONAMES_URL,
            **kwargs,
        )


def place_list_data(program=None, year=None):
    """What /cities/ lists (narrowed to `program` or `year`): aggregates over every
    participant and edition, gathered once per content generation and day (the counts
    change when an edition ends) for each filter."""

    def gather():
        places = list(counted_places(program, year))
        add_testimony_years(places)
        return {
            "places": places,
            "drawn": [place for place in places if place.is_drawable],
            "country_count": len({place.country_id for place in places}),
            "hosts": list(host_places(program, year)),
        }

    today = timezone.localdate().isoformat()
    key = f"place-list:{program.pk if program else ''}:{year or ''}:{today}"
    return per_generation(key, gather)


def place_filters():
    """The programs and years /cities/ can be narrowed to: those of the counted editions
    with participants from a place; once per content generation and day."""

    def gather():
        counted = Edition.objects.filter(counted_edition_q(), participants__place__isnull=False)
        return {
            "filter_programs": list(
                Program.objects.filter(pk__in=counted.values("program")).order_by("title")
            ),
            "filter_years": sorted(
                {d.year for d in counted.dates("start_date", "year")}, reverse=True
            ),
        }

    return per_generation(f"place-filters:{timezone.localdate().isoformat()}", gather)


class PlaceDetailView(BreadcrumbsMixin, DetailView):
    template_name = "places/place_detail.html"
    context_object_name = "place"

    def get_queryset(self):
        return public_places().select_related("country")

    def get_object(self, queryset=None):
        """The public place of that slug, from those read once per content generation."""
        places = per_generation(
            "public-places", lambda: {place.slug: place for place in self.get_queryset()}
        )
        try:
            return places[self.kwargs["slug"]]
        except KeyError:
            raise Http404("No public place has this address.") from None

    def get_breadcrumbs(self, context):
        place = self.object
        crumbs = [Crumb("Cities", reverse("place_list"))]
        if place.country.code:
            crumbs.append(Crumb(place.country.name, place.country.get_absolute_url()))
        return [*crumbs, Crumb(place.name, place.get_absolute_url())]

    def get_context_data(self, **kwargs):
        place = self.object
        url = self.request.build_absolute_uri(place.get_absolute_url())
        context = super().get_context_data(
            **place_page_data(place),
            contacts=public_contacts(),
            geonames_url=GEONAMES_URL,
            **kwargs,
        )
        context["place_json_ld"] = place_json_ld(place, url)
        return context


def place_page_data(place):
    """What a place's page lists, gathered once per content generation for each place."""

    def gather():
        editions = list(
            public_editions()
            .filter(
                Q(participants__place=place)
                | Q(testimonials__place=place, testimonials__in=public_testimonials())
                | Q(venue_place=place)
            )
            .distinct()
            .with_participant_counts()
            .select_related("program", "venue_country")
        )
        participants = list(
            Participant.objects.filter(place=place, edition__in=public_editions())
            .select_related("edition__program")
            .order_by("name", "-edition__start_date")
        )
        testimonials = (
            public_testimonials()
            .filter(place=place)
            .select_related("program", "edition__program", "place")
            .order_by("-year", "pk")
        )
        return {
            "editions": editions,
            "participants": participants,
            # Those the edition rows do not already name: an organisation or a body in
            # the place, under a name of its own.
            "other_participants": [p for p in participants if p.name != place.name],
            "testimonials": list(testimonials),
            "offices": list(place.regional_offices.all()),
            "hosted": [e for e in editions if e.venue_place_id == place.pk],
            "locator_svg": locator_map(
                Mark(place.name, float(place.latitude), float(place.longitude), "")
            )
            if place.is_drawable
            else "",
        }

    return per_generation(f"place-page:{place.pk}", gather)


class CountryDetailView(BreadcrumbsMixin, TemplateView):
    """A country by its ISO 3166 alpha-2 code in lower case (/countries/ph/): its places
    and organisations, the editions they took part in, their testimonials. The upper-case
    address is not the page's (404), so each country has one address."""

    template_name = "places/country_detail.html"

    @cached_property
    def country(self):
        iso = self.kwargs["iso"]
        # Codes are not unique among the rows (an editor may leave two with one code):
        # the first one answers, never an error.
        country = Country.objects.filter(code=iso.upper()).order_by("pk").first()
        if country is None:
            raise Http404("No country has this code.")
        return country

    def get_breadcrumbs(self, context):
        return [
            Crumb("Cities", reverse("place_list")),
            Crumb(self.country.name, self.country.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        data = country_page_data(self.country)
        if data is None:
            raise Http404("No published content names this country.")
        return super().get_context_data(
            country=self.country, **data, geonames_url=GEONAMES_URL, **kwargs
        )


def country_page_data(country):
    """What a country's page lists, gathered once per content generation and day (the
    places' counts change when an edition ends) for each country; None when no published
    content names the country."""

    def gather():
        today = timezone.localdate()
        places = list(
            public_places()
            .filter(country=country)
            .with_participation(today=today)
            .order_by("kind", "name")
        )
        participants = list(
            Participant.objects.filter(country=country, edition__in=public_editions())
            .select_related("place", "edition__program")
            .order_by("name", "-edition__start_date")
        )
        if not places and not participants:
            return None
        editions = list(
            public_editions()
            .filter(
                Q(participants__country=country)
                | Q(testimonials__place__country=country, testimonials__in=public_testimonials())
                | Q(venue_place__country=country)
            )
            .distinct()
            .with_participant_counts()
            .select_related("program", "venue_country")
        )
        testimonials = list(
            public_testimonials()
            .filter(place__country=country)
            .select_related("program", "edition__program", "place")
            .order_by("-year", "pk")
        )
        took_part = [p for p in places if p.edition_count or p.participant_count]
        hosts = list(host_places().filter(country=country))
        for host in hosts:
            host.role = host_role(host).replace("host of", "host city of", 1)
        host_pks = {host.pk for host in hosts}
        took_part_pks = {p.pk for p in took_part}
        return {
            "places": places,
            "took_part": took_part,
            "cities": [p for p in took_part if p.kind != "organisation"],
            "organisations": [p for p in took_part if p.kind == "organisation"],
            "named_only": [p for p in places if p.pk not in took_part_pks | host_pks],
            "hosts": hosts,
            "unplaced": [p for p in participants if p.place_id is None],
            "editions": editions,
            "took_part_editions": {p.edition_id for p in participants},
            "testimonials": testimonials,
        }

    return per_generation(f"country-page:{country.pk}:{timezone.localdate().isoformat()}", gather)
