"""Which places published content names, how each took part, and the map of them: the
lists behind /cities/, a place's and a country's pages, the landing page's map, search
and the sitemap.

Only published content counts: a place is named when a public edition (of a public
program that is not sample content) names it, through a participant or as its venue,
when a public testimonial names it, or when it is a regional office's city. The map and
the table count what `Place.objects.with_participation()` counts: participants and
editions of the editions that have taken place.
"""

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.text import get_text_list

from programs.models import Edition, Participant, Place, RegionalOffice
from programs.models.places import counted_edition_q
from testimonials.models import Testimonial
from wego_site.core.world_map import Mark, drawn_once, inset_maps, world_map


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
            label=place.name,
            region=place.country.name,
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
            count=place.hosted_count or 1,
            is_host=True,
            label=place.name,
            region=place.country.name,
        )
        for place in hosts
        if place.is_drawable
    ]
    return dots + rings


def add_years_taken_part(places, program=None, year=None):
    """Give each place the `years` it took part in (narrowed to `program` or `year`): of
    the counted editions its participants went to, and of its public testimonials; and
    each place with no participation recorded (known from a testimonial) the
    `testimony_years` of those testimonials. One query (a union), none for no place."""
    for place in places:
        place.years, place.testimony_years = [], []
    if not places:
        return
    by_pk = {place.pk: place for place in places}
    editions = Edition.objects.filter(counted_edition_q())
    testimonials = public_testimonials().filter(place__in=list(by_pk))
    if program is not None:
        editions = editions.filter(program=program)
    if year is not None:
        editions = editions.filter(start_date__year=year)
        testimonials = testimonials.filter(year=year)
    participations = (
        Participant.objects.filter(place__in=list(by_pk), edition__in=editions)
        .annotate(taken_in=ExtractYear("edition__start_date"), source=Value("participant"))
        .values_list("place_id", "taken_in", "source")
    )
    testimonies = testimonials.annotate(
        taken_in=F("year"), source=Value("testimonial")
    ).values_list("place_id", "taken_in", "source")
    years = {pk: set() for pk in by_pk}
    for place_id, taken_in, source in participations.order_by().union(testimonies.order_by()):
        years[place_id].add(taken_in)
        place = by_pk[place_id]
        if source == "testimonial" and not place.participant_count:
            place.testimony_years.append(taken_in)
    for place in places:
        place.years = sorted(years[place.pk])
        place.testimony_years.sort()


def by_country(places):
    """[(country, its places by name)] by the countries' names."""
    countries = {}
    for place in places:
        countries.setdefault(place.country, []).append(place)
    return [
        (country, sorted(rows, key=lambda place: place.name))
        for country, rows in sorted(countries.items(), key=lambda item: item[0].name)
    ]


def in_two_columns(groups):
    """`by_country`'s groups cut in two at a country, the halves as near one height as
    can be: a place's row counts one, a note under its name (known from a testimonial,
    not on the map) half a row more. The first half is never empty where there are
    groups."""

    def height(group):
        _country, places = group
        return sum(
            1 + 0.5 * (not place.participant_count) + 0.5 * (not place.is_drawable)
            for place in places
        )

    heights = [height(group) for group in groups]
    total = sum(heights)
    best, cut, above = None, len(groups), 0.0
    for index, group_height in enumerate(heights, start=1):
        above += group_height
        taller = max(above, total - above)
        if best is None or taller < best:
            best, cut = taller, index
    return groups[:cut], groups[cut:]


MAP_TITLE = "Map of the cities and organisations that took part in WeGO’s training"


def participation_map(program=None, year=None, places=None, hosts=None, *, insets_below=False):
    """The world map of the places that took part (in `program`, in `year`) and of the
    hosts, drawn once per content generation for each filter. `places` and `hosts`, when
    the page has loaded them already (`counted_places()`, `host_places()`), spare the
    queries on the first drawing. `insets_below`: the page draws the crowded spots again
    under the map (/cities/), which the legend's key to the boxes says. Both pages'
    maps hold the phone's map too (`world_map(phone=True)`)."""

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
            names = [mark.label for mark in sorted(marks, key=lambda m: -m.count) if mark.is_host]
            description += (
                f" {rings} host{'s' if rings != 1 else ''} (where editions were held, "
                f"regional offices), each a ring named on the map: {get_text_list(names, 'and')}."
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
            unit=("Took part once", "Took part in {} editions"),
            host_label="Host city or regional office",
            inset_label=(
                "A crowded spot, drawn again enlarged below"
                if insets_below
                else "A crowded spot, enlarged on the map of places"
            ),
            phone=True,
        )

    # The counts change when an edition ends (counted_edition_q), so each day has its own.
    today = timezone.localdate().isoformat()
    key = f"places:{program.pk if program else ''}:{year or ''}:{today}:{int(insets_below)}"
    return drawn_once(key, draw)


def participation_insets(program=None, year=None, places=None, hosts=None, *, crowded=True):
    """The enlarged insets of the map's crowded places (Seoul and its neighbours), for
    /cities/, and first the places the phone's map leaves out (the Americas), shown on a
    phone only: drawn once per content generation and filter, like the map.
    `crowded=False`: that phone's inset alone (the landing page, whose legend sends the
    crowded spots to /cities/)."""

    def draw():
        rows = list(counted_places(program, year)) if places is None else places
        host_rows = list(host_places(program, year)) if hosts is None else hosts
        return inset_maps(marks_of(rows, host_rows), phone=True, crowded=crowded)

    today = timezone.localdate().isoformat()
    key = f"places-insets:{program.pk if program else ''}:{year or ''}:{today}:{int(crowded)}"
    return drawn_once(key, draw)
