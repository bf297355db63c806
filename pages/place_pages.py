"""Where the training has reached: the map and table of every place that took part
(/cities/), a page per place (/cities/<slug>/) and per country (/countries/<iso>/). Which
places they show, and the map, are in places.py.
"""

from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView

from pages.places import (
    add_years_taken_part,
    by_country,
    counted_places,
    host_places,
    host_role,
    in_two_columns,
    participation_insets,
    participation_map,
    public_editions,
    public_places,
    public_testimonials,
)
from programs.linked_data import place_json_ld
from programs.models import Country, Edition, Participant, Program
from programs.models.places import counted_edition_q
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb
from wego_site.core.world_map import places_locator
from wego_site.pagecache.generation import PAGES_KEPT, per_generation, per_generation_each


class PlaceListView(BreadcrumbsMixin, TemplateView):
    """The map and, beside it, the same places as a table; filtered by program or year
    through plain links (?program=<slug>, ?year=<year>)."""

    template_name = "places/place_list.html"

    def get_breadcrumbs(self, context):
        return [Crumb("Cities", reverse("place_list"))]

    @cached_property
    def program(self):
        """The program of `?program=`, one of those the filters offer: the visitor's value
        is compared with their slugs and never reaches a query (PostgreSQL refuses a NUL
        byte in one outright)."""
        slug = self.request.GET.get("program")
        if slug is None:
            return None
        for program in place_filters()["filter_programs"]:
            if program.slug == slug:
                return program
        raise Http404("No place took part in that program.")

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
            # From 64rem the places by country are two tables side by side.
            by_country_halves=[half for half in in_two_columns(data["by_country"]) if half],
            map_svg=participation_map(
                program, year, data["places"], data["hosts"], insets_below=True
            ),
            map_insets=participation_insets(program, year, data["places"], data["hosts"]),
            program=program,
            year=year,
            **kwargs,
        )


def place_list_data(program=None, year=None):
    """What /cities/ lists (narrowed to `program` or `year`): aggregates over every
    participant and edition, gathered once per content generation and day (the counts
    change when an edition ends) for each filter."""

    def gather():
        places = list(counted_places(program, year))
        add_years_taken_part(places, program, year)
        return {
            "places": places,
            "by_country": by_country(places),
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


def also_at(editions, *, exclude, host=None):
    """The latest of `editions` with other participants than those `exclude` (a Q on
    Participant) leaves out: `{"edition", "count", "groups": [(country, [participants])],
    "hosted"}`, the groups in country order as on the edition's page, `hosted` whether the
    edition was held in `host` (a place, whose page then says who came to it); None when
    there is none."""
    others = list(
        Participant.objects.filter(edition__in=[e.pk for e in editions])
        .exclude(exclude)
        .select_related("country", "place")
        .order_by("country__name", "position")
    )
    for edition in editions:
        groups = {}
        for participant in others:
            if participant.edition_id == edition.pk:
                groups.setdefault(participant.country, []).append(participant)
        if groups:
            count = sum(len(group) for group in groups.values())
            hosted = host is not None and edition.venue_place_id == host.pk
            return {
                "edition": edition,
                "groups": list(groups.items()),
                "count": count,
                "hosted": hosted,
            }
    return None


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
        context = super().get_context_data(**place_page_data(place), **kwargs)
        context["place_json_ld"] = place_json_ld(place, url)
        return context


def year_runs(years):
    """Years as a visitor reads them: runs of consecutive years as a range, the runs
    joined as a list ("2011–2017"; "2013 and 2018"; "2011–2012, 2014 and 2016")."""
    runs = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    words = [str(first) if first == last else f"{first}–{last}" for first, last in runs]
    return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


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
            .with_program_ranks()
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
        hosted = [e for e in editions if e.venue_place_id == place.pk]
        # Every edition held in the place itself: its table needs no venue column, and
        # its lede counts them as hosted.
        all_hosted_here = all(e.venue_place_id == place.pk for e in editions)
        # The programs of its editions, each once, with the years of its editions in it.
        programs = {}
        for edition in editions:
            programs.setdefault(edition.program_id, (edition.program, set()))[1].add(
                edition.start_date.year
            )
        offices = list(
            place.regional_offices.prefetch_related(
                Prefetch(
                    "programs",
                    queryset=Program.objects.published().filter(is_sample=False),
                    to_attr="public_programs",
                )
            )
        )
        neighbours = list(
            public_places().filter(country=place.country).exclude(pk=place.pk).order_by("name")
        )
        # Where the lede counts every edition as hosted, the facts do not count them again.
        hosted_apart = [] if all_hosted_here else hosted
        return {
            "editions": editions,
            "participants": participants,
            # Those the edition rows do not already name: an organisation or a body in
            # the place, under a name of its own.
            "other_participants": [p for p in participants if p.name != place.name],
            "testimonials": list(testimonials),
            "offices": offices,
            "hosted": hosted,
            "hosted_apart": hosted_apart,
            "all_hosted_here": all_hosted_here,
            "programs": [
                {"program": program, "years": year_runs(years)}
                for program, years in programs.values()
            ],
            "years": year_runs({e.start_date.year for e in editions}),
            "head_map": places_locator([place]),
            # What the page does not say otherwise: who else took part in its latest
            # edition (held there or elsewhere), and the other places of its country.
            "also_at": also_at(editions, exclude=Q(place=place), host=place),
            "neighbours": neighbours,
        }

    return per_generation_each("place-pages", place.pk, gather, PAGES_KEPT)


class CountryDetailView(BreadcrumbsMixin, TemplateView):
    """A country by its ISO 3166 alpha-2 code in lower case (/countries/ph/): its places
    and organisations, the editions they took part in, their testimonials. The code in
    capitals (/countries/PH/, as it is usually written) is sent here for good
    (`country_in_lower_case`), so each country has one address."""

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
        return super().get_context_data(country=self.country, **data, **kwargs)


def country_in_lower_case(request, iso):
    """/countries/PH/ and /countries/Ph/ send the visitor to /countries/ph/ (301)."""
    return HttpResponsePermanentRedirect(reverse("country_detail", args=[iso.lower()]))


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
            .with_program_ranks()
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
        located = {p.pk: p for p in [*took_part, *hosts] if p.is_drawable}.values()
        cities = [p for p in took_part if p.kind != "organisation"]
        return {
            "head_map": places_locator(
                located,
                title=f"Where the places of {country.name_in_sentence} are",
                caption=cities[0].name
                if len(cities) == 1 and not hosts
                else f"The places of {country.name_in_sentence}",
            ),
            "places": places,
            "took_part": took_part,
            "cities": cities,
            "organisations": [p for p in took_part if p.kind == "organisation"],
            "named_only": [p for p in places if p.pk not in took_part_pks | host_pks],
            "hosts": hosts,
            "hosted_count": sum(host.hosted_count for host in hosts),
            "offices": [host for host in hosts if host.office_count],
            "unplaced": [p for p in participants if p.place_id is None],
            "editions": editions,
            "took_part_editions": {p.edition_id for p in participants},
            "testimonials": testimonials,
            "also_at": also_at(
                [e for e in editions if e.pk in {p.edition_id for p in participants}],
                exclude=Q(country=country),
            ),
        }

    return per_generation_each(
        f"country-pages:{timezone.localdate().isoformat()}", country.pk, gather, PAGES_KEPT
    )
