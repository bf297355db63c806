"""Places that took part in the training: cities, regions and organisations, each in a
country, with coordinates from the gazetteer (programs.gazetteer) where it has them.

An organisation the content names with no city (a national ministry, say) has no
coordinates: it counts for its country and is listed, never drawn on a map. A place's
coordinates are the gazetteer's; an editor who moves one says why in
`coordinates_note`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from programs import gazetteer
from programs.models.organisations import Country
from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin
from wego_site.core.publishing import published_q


class PlaceKind(models.TextChoices):
    CITY = "city", "City"
    REGION = "region", "Region"
    ORGANISATION = "organisation", "Organisation"


def counted_edition_q(prefix="", today=None):
    """The editions the site counts as having taken place, through `prefix` (e.g.
    "edition__"): public, of a public program that is not sample content, and ended
    before `today`. The site's figures and the places' counts share this rule."""
    today = today or timezone.localdate()
    return (
        published_q(prefix)
        & published_q(f"{prefix}program__")
        & Q(**{f"{prefix}end_date__lt": today, f"{prefix}program__is_sample": False})
    )


@dataclass(frozen=True)
class PlaceEvidence:
    """Rows of an app above programs that show a place took part in an edition, besides
    its participants (a testimonial names a former participant's city).

    programs knows them only as registered (`register_place_evidence`, from that app's
    `ready()`), never by name: `name` is the related name of the rows on both Place and
    Edition (their foreign keys `place` and `edition`), `counted(prefix, today)` the Q
    of the rows that count, through `prefix`.
    """

    name: str
    counted: Callable[[str, date | None], Q]

    def at_place(self, today=None):
        """The ids of the places these rows name, as a subquery."""
        return Place.objects.filter(self.counted(f"{self.name}__", today)).order_by().values("pk")

    def q_for_edition_at(self, place_ref, today=None):
        """Editions these rows say `place_ref` took part in, as a Q on Edition."""
        return Q(self.counted(f"{self.name}__", today), **{f"{self.name}__place": place_ref})


_place_evidence = {}


def register_place_evidence(name, counted):
    """Count the rows related to places and editions as `name` as taking part (see
    `PlaceEvidence`); registering a name again replaces it."""
    _place_evidence[name] = PlaceEvidence(name, counted)


class PlaceQuerySet(models.QuerySet):
    def drawable(self):
        """Places with coordinates: the ones a map can draw."""
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def with_participation(self, today=None, program=None, year=None):
        """Each place's ``participant_count`` (cities and bodies that sent participants,
        one per edition: the Participant rows that name the place) and ``edition_count``
        (the editions it took part in: through a participant or other evidence, see
        `PlaceEvidence`), over counted editions only (see `counted_edition_q`); `program` and `year` narrow
        them to one program's editions or one year's.

        Correlated subqueries rather than joins with GROUP BY, so the two counts do not
        multiply each other and a page pays only for the rows it shows.
        """
        from programs.models.editions import Edition
        from programs.models.parts import Participant

        edition_filter = counted_edition_q(today=today)
        if program is not None:
            edition_filter &= Q(program=program)
        if year is not None:
            edition_filter &= Q(start_date__year=year)
        editions = Edition.objects.filter(edition_filter)

        participants = Participant.objects.filter(
            place=OuterRef("pk"), edition__in=editions
        ).order_by()
        # One filter() call: each branch's conditions apply to the same joined row.
        took_part_in = Q(participants__place=OuterRef("pk"))
        for evidence in _place_evidence.values():
            took_part_in |= evidence.q_for_edition_at(OuterRef("pk"), today)
        place_editions = editions.filter(took_part_in).order_by()

        def count(queryset, aggregate):
            counted = queryset.annotate(_all=models.Value(1)).values("_all")
            return Coalesce(Subquery(counted.annotate(n=aggregate).values("n")), 0)

        return self.annotate(
            participant_count=count(participants, Count("pk")),
            edition_count=count(place_editions, Count("pk", distinct=True)),
        )

    def took_part(self, today=None):
        """Places named by a counted participant (see `counted_edition_q`) or other
        counted evidence (see `PlaceEvidence`)."""
        took_part = Q(pk__in=counted_participant_places(today))
        for evidence in _place_evidence.values():
            took_part |= Q(pk__in=evidence.at_place(today))
        return self.filter(took_part)


def counted_participant_places(today=None):
    """The ids of the places of counted participants, as a subquery."""
    from programs.models.parts import Participant

    return (
        Participant.objects.filter(counted_edition_q("edition__", today), place__isnull=False)
        .order_by()
        .values("place")
    )


@reversion.register()
class Place(NaturalKeyMixin, models.Model):
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Web address: /cities/slug/, e.g. “baguio”. Lower-case letters, digits, hyphens.",
        error_messages={"unique": "Another place already uses this web address (slug)."},
    )
    name = models.CharField(
        max_length=200,
        help_text="As the gazetteer names a city or region; as the content names an organisation.",
    )
    kind = models.CharField(
        max_length=20,
        choices=PlaceKind.choices,
        default=PlaceKind.CITY,
        db_index=True,
        help_text="An organisation with no city is listed for its country, not drawn on the map.",
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places")
    geonames_id = models.PositiveIntegerField(
        "GeoNames id",
        null=True,
        blank=True,
        unique=True,
        help_text="The place's number in GeoNames, filled from the gazetteer.",
        error_messages={"unique": "Another place already has this GeoNames id."},
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text="Degrees north (negative: south), from the gazetteer.",
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text="Degrees east (negative: west), from the gazetteer.",
    )
    coordinates_note = models.CharField(
        "why the coordinates differ",
        max_length=300,
        blank=True,
        help_text="Required when the coordinates are not the gazetteer's: why they were changed.",
    )

    objects = NaturalKeyManager.from_queryset(PlaceQuerySet)("slug")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_both_coordinates_or_none",
                violation_error_message="Give both the latitude and the longitude, or neither.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                name="place_latitude_in_range",
                violation_error_message="A latitude lies between -90 and 90 degrees.",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="place_longitude_in_range",
                violation_error_message="A longitude lies between -180 and 180 degrees.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"

    def get_absolute_url(self):
        return reverse("place_detail", args=[self.slug])

    @property
    def is_drawable(self):
        return self.latitude is not None and self.longitude is not None

    def gazetteer_entry(self):
        """The gazetteer's entry for this place's GeoNames id, or None."""
        return gazetteer.by_id(self.geonames_id) if self.geonames_id else None

    def fill_from_gazetteer(self):
        """The gazetteer's name and coordinates, where this place has a GeoNames id and
        no name or no coordinates of its own. A place lacking neither never reads the
        gazetteer (a large table, read once per process when first needed)."""
        missing_coordinates = self.latitude is None and self.longitude is None
        if self.name and not missing_coordinates:
            return
        entry = self.gazetteer_entry()
        if entry is None:
            return
        if not self.name:
            self.name = entry.name
        if missing_coordinates:
            self.latitude, self.longitude = entry.latitude, entry.longitude

    @property
    def has_gazetteer_coordinates(self):
        entry = self.gazetteer_entry()
        return entry is not None and (self.latitude, self.longitude) == (
            entry.latitude,
            entry.longitude,
        )

    def clean(self):
        super().clean()
        entry = self.gazetteer_entry()
        if self.geonames_id and entry is None:
            raise ValidationError(
                {"geonames_id": "The gazetteer has no place with this GeoNames id."}
            )
        if entry is not None and self.country_id and self.country.code != entry.country_code:
            raise ValidationError(
                {
                    "country": f"The gazetteer places {entry.name} in {entry.country_code}, "
                    f"not in {self.country} ({self.country.code or 'no ISO code'})."
                }
            )
        self.fill_from_gazetteer()
        if (
            entry is not None
            and not self.has_gazetteer_coordinates
            and not self.coordinates_note.strip()
        ):
            raise ValidationError(
                {
                    "coordinates_note": "These coordinates are not the gazetteer's "
                    f"({entry.latitude}, {entry.longitude}): say why they were changed."
                }
            )
        if entry is None and self.is_drawable and not self.coordinates_note.strip():
            raise ValidationError(
                {
                    "coordinates_note": "These coordinates are not from the gazetteer: say "
                    "where they come from, or choose the place from the gazetteer."
                }
            )
        if self.kind == PlaceKind.ORGANISATION and self.geonames_id:
            raise ValidationError(
                {"kind": "A place from the gazetteer is a city or a region, not an organisation."}
            )


def unique_place_slug(name, country_code="", exclude_pk=None):
    """A slug for a new place called `name`: its name, then with the country's code,
    then numbered, whichever is free."""
    base = slugify(name)[:90] or "place"
    taken = set(
        Place.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    candidates = [base]
    if country_code:
        candidates.append(f"{base}-{country_code.lower()}")
    candidates += [f"{candidates[-1]}-{number}" for number in range(2, len(taken) + 3)]
    return next(slug for slug in candidates if slug not in taken)


@dataclass(frozen=True)
class PlaceMatch:
    """Where a participant named `name` in `country` is: an existing place, or a city of
    the gazetteer to add as a place; or neither, and `problem` says why."""

    name: str
    country: Country
    place: "Place | None" = None
    city: gazetteer.City | None = None
    problem: str = ""
    # The name a new place from the gazetteer takes (gazetteer.name_for_place).
    place_name: str = ""

    @property
    def found(self):
        return self.place is not None or self.city is not None

    def get_or_create_place(self):
        """The place, added from the gazetteer if it is new; None when not found."""
        if self.place is not None:
            return self.place
        if self.city is None:
            return None
        place = Place.objects.filter(geonames_id=self.city.geonames_id).first()
        if place is None:
            name = self.place_name or self.city.name
            place = Place.objects.create(
                slug=unique_place_slug(name, self.city.country_code),
                name=name,
                kind=PlaceKind.CITY,
                country=self.country,
                geonames_id=self.city.geonames_id,
            )
        return place

    def __str__(self):
        if self.place is not None:
            return str(self.place)
        if self.city is not None:
            name = self.place_name or self.city.name
            return f"{name} ({self.country}), new from the gazetteer"
        return self.problem


def candidate_names(name):
    """The names a participant's place may go by, most likely first: its whole name, then
    each comma-separated part from the last ("Government of Punjab, Chandigarh" is in
    Chandigarh)."""
    parts = [part.strip() for part in name.split(",") if part.strip()]
    names = [name.strip(), *reversed(parts)] if len(parts) > 1 else [name.strip()]
    return list(dict.fromkeys(n for n in names if n))


class PlaceFinder:
    """Finds the place of participants by their names and countries: a place already
    stored (by its name), else the gazetteer's one city of that name in that country.
    Reads the stored places once, so a list of participants costs one query."""

    def __init__(self):
        self.stored, self.by_geonames_id = {}, {}
        for place in Place.objects.select_related("country"):
            if place.geonames_id:
                self.by_geonames_id[place.geonames_id] = place
            self.stored.setdefault((place.country_id, gazetteer.fold(place.name)), place)
            self.stored.setdefault((place.country_id, place.slug.replace("-", " ")), place)

    def match(self, name, country):
        names = candidate_names(name)
        for candidate in names:
            folded = gazetteer.fold(candidate)
            bare = gazetteer.NAME_ADDITIONS.sub("", folded).strip()
            for key in dict.fromkeys([folded, bare]):
                place = self.stored.get((country.pk, key))
                if place is not None:
                    return PlaceMatch(name, country, place=place)
        if not country.code:
            return PlaceMatch(
                name, country, problem=f"{country} has no ISO code to look its cities up by."
            )
        for candidate in names:
            cities = gazetteer.lookup(candidate, country.code)
            if len(cities) == 1:
                city = cities[0]
                return PlaceMatch(
                    name,
                    country,
                    place=self.by_geonames_id.get(city.geonames_id),
                    city=city,
                    place_name=gazetteer.name_for_place(candidate, city),
                )
            if len(cities) > 1:
                return PlaceMatch(
                    name,
                    country,
                    problem=f"{len(cities)} cities called “{candidate}” in {country}: "
                    "choose the place in the admin.",
                )
        return PlaceMatch(
            name,
            country,
            problem=f"No city called “{names[-1]}” in {country} in the gazetteer: choose or "
            "add the place in the admin.",
        )
