"""The data sets at /data/: one table per CSV file, each column with its Frictionless
type and its meaning. The CSV files, the data package (datapackage.json) and the data
page are all written from these definitions, so they cannot disagree.

Each table reads only what `opendata.public` publishes, as the API does.
"""

from dataclasses import dataclass, field
from datetime import UTC

from django.db.models import Prefetch

from opendata import public
from opendata.vocabulary import ATTENDANCE
from programs import gazetteer
from programs.models import Participant

# A text cell starting with one of these is a formula to a spreadsheet: a leading
# apostrophe keeps it text. Numbers and dates are never text, so never changed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless field type: string, integer, number, date, datetime
    description: str
    value: object  # row -> value

    def cell(self, row, request):
        value = self.value(row, request) if _takes_request(self.value) else self.value(row)
        if value is None:
            return ""
        if self.type == "datetime":
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.type == "date":
            return value.isoformat()
        text = str(value)
        if self.type == "string" and text.startswith(FORMULA_STARTS):
            return "'" + text
        return text

    def frictionless(self):
        return {"name": self.name, "type": self.type, "description": self.description}


def _takes_request(function):
    return getattr(function, "takes_request", False)


def page_url(path_of):
    """A column value: the absolute URL of the row’s public page."""

    def value(row, request):
        return request.build_absolute_uri(path_of(row))

    value.takes_request = True
    return value


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: list
    rows: object  # () -> iterable of rows
    primary_key: list = field(default_factory=list)
    foreign_keys: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    @property
    def filename(self):
        return f"{self.name}.csv"

    def header(self):
        return [column.name for column in self.columns]

    def records(self, request):
        for row in self.rows():
            yield [column.cell(row, request) for column in self.columns]

    def schema(self):
        schema = {"fields": [column.frictionless() for column in self.columns]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema


def edition_identifier(edition):
    return f"{edition.program.slug}/{edition.slug}"


def edition_rows():
    participants = Participant.objects.only("edition", "country").order_by("position")
    return (
        public.editions()
        .select_related("program", "venue_country")
        .prefetch_related("topics", Prefetch("participants", participants))
        .order_by("start_date", "program__slug", "slug")
    )


def participation_rows():
    return (
        public.counted_participants()
        .select_related("edition__program", "country", "place")
        .order_by("edition__start_date", "edition__program__slug", "edition__slug", "position")
    )


def place_rows():
    return public.places().with_participation().select_related("country").order_by("slug")


def post_rows():
    return public.posts().with_tags().order_by("published_at", "pk")


def testimonial_rows():
    return (
        public.testimonials()
        .select_related("program", "edition__program")
        .order_by("year", "person_name")
    )


def public_edition_identifier(testimonial):
    source = testimonial.source
    if source is None or source is not testimonial.edition:
        return None
    return edition_identifier(source)


def public_program_slug(testimonial):
    program = testimonial.related_program
    return program.slug if program is not None and program.is_published else None


EDITIONS = Table(
    name="editions",
    title="Editions",
    description="Every public edition of the training programs: when and where it took "
    "place, its topics, and how many took part.",
    primary_key=["identifier"],
    rows=edition_rows,
    columns=[
        Column(
            "identifier",
            "string",
            "The edition’s stable identifier: its program’s slug and its own.",
            edition_identifier,
        ),
        Column("program", "string", "The program’s slug.", lambda e: e.program.slug),
        Column("program_title", "string", "The program’s name.", lambda e: e.program.title),
        Column(
            "kind",
            "string",
            "The kind of program: main, regional, partner or joint-workshop.",
            lambda e: e.program.kind,
        ),
        Column("title", "string", "The edition’s full title.", lambda e: e.full_title),
        Column("start_date", "date", "The first day.", lambda e: e.start_date),
        Column("end_date", "date", "The last day.", lambda e: e.end_date),
        Column("year", "integer", "The year it started.", lambda e: e.start_date.year),
        Column("venue_city", "string", "Where it was held; may be empty.", lambda e: e.venue_city),
        Column(
            "venue_country",
            "string",
            "The host country’s ISO 3166-1 alpha-2 code; may be empty.",
            lambda e: e.venue_country.code if e.venue_country else None,
        ),
        Column(
            "venue_country_name",
            "string",
            "The host country’s name; may be empty.",
            lambda e: e.venue_country.name if e.venue_country else None,
        ),
        Column(
            "attendance",
            "string",
            "How participants took part, as the edition’s page says: in-person, online, or "
            "in-person-and-online.",
            lambda e: ATTENDANCE[e.attendance],
        ),
        Column(
            "people_involved",
            "integer",
            "Everyone involved, as recorded; empty when not recorded.",
            lambda e: e.people_involved,
        ),
        Column(
            "people_trained",
            "integer",
            "How many people took the training (the page’s “Participants”), as recorded; "
            "empty when not recorded. Not participating_bodies: the cities and bodies they "
            "came from.",
            lambda e: e.participant_count,
        ),
        Column(
            "participating_bodies",
            "integer",
            "Cities and public bodies listed as taking part (participation.csv lists them).",
            lambda e: len(e.participants.all()),
        ),
        Column(
            "participating_countries",
            "integer",
            "Countries those cities and bodies are in.",
            lambda e: len({p.country_id for p in e.participants.all()}),
        ),
        Column(
            "topics",
            "string",
            "The topics, separated by “; ”.",
            lambda e: "; ".join(topic.title for topic in e.topics.all()),
        ),
        Column("url", "string", "The edition’s page.", page_url(lambda e: e.get_absolute_url())),
    ],
)

PARTICIPATION = Table(
    name="participation",
    title="Participation by place",
    description="Every city and public body listed as taking part in a public edition "
    "that has ended, with its country: one row per place and edition, to count by country, "
    "year or program. An edition’s participants are added once it has ended.",
    rows=participation_rows,
    foreign_keys=[
        {"fields": "edition", "reference": {"resource": "editions", "fields": "identifier"}}
    ],
    columns=[
        Column(
            "edition",
            "string",
            "The edition’s identifier (editions.csv).",
            lambda p: edition_identifier(p.edition),
        ),
        Column("program", "string", "The program’s slug.", lambda p: p.edition.program.slug),
        Column("kind", "string", "The kind of program.", lambda p: p.edition.program.kind),
        Column("year", "integer", "The year the edition started.", lambda p: p.edition.year),
        Column("participant", "string", "The city or public body, as listed.", lambda p: p.name),
        Column(
            "place",
            "string",
            "The place’s slug (places.csv); empty while it is not known.",
            lambda p: p.place.slug if p.place_id else None,
        ),
        Column(
            "country",
            "string",
            "Its country’s ISO 3166-1 alpha-2 code.",
            lambda p: p.country.code,
        ),
        Column("country_name", "string", "Its country’s name.", lambda p: p.country.name),
        Column(
            "edition_url",
            "string",
            "The edition’s page.",
            page_url(lambda p: p.edition.get_absolute_url()),
        ),
    ],
)

PLACES = Table(
    name="places",
    title="Places with coordinates",
    description="Every city, region and organisation that took part, with its country, "
    "its GeoNames id and its coordinates from the gazetteer. An organisation with no "
    "city has no coordinates: it counts for its country and is not placed on a map.",
    primary_key=["slug"],
    rows=place_rows,
    sources=[
        {
            "title": gazetteer.ATTRIBUTION,
            "path": gazetteer.ATTRIBUTION_URL,
        }
    ],
    columns=[
        Column("slug", "string", "The place’s stable identifier.", lambda p: p.slug),
        Column("name", "string", "Its name.", lambda p: p.name),
        Column("kind", "string", "city, region or organisation.", lambda p: p.kind),
        Column(
            "country", "string", "Its country’s ISO 3166-1 alpha-2 code.", lambda p: p.country.code
        ),
        Column("country_name", "string", "Its country’s name.", lambda p: p.country.name),
        Column(
            "geonames_id",
            "integer",
            "Its id in GeoNames (geonames.org/<id>); empty for an organisation.",
            lambda p: p.geonames_id,
        ),
        Column(
            "latitude",
            "number",
            "Degrees north (WGS 84), from GeoNames; empty when not placed.",
            lambda p: p.latitude,
        ),
        Column(
            "longitude",
            "number",
            "Degrees east (WGS 84), from GeoNames; empty when not placed.",
            lambda p: p.longitude,
        ),
        Column(
            "coordinates_note",
            "string",
            "Why the coordinates differ from GeoNames’; usually empty.",
            lambda p: p.coordinates_note,
        ),
        Column(
            "participations",
            "integer",
            "How many times it took part: one per ended edition that lists it "
            "(participation.csv’s rows for it).",
            lambda p: p.participant_count,
        ),
        Column(
            "editions",
            "integer",
            "Ended editions it took part in (as a participant, or named by a testimonial).",
            lambda p: p.edition_count,
        ),
        Column("url", "string", "The place’s page.", page_url(lambda p: p.get_absolute_url())),
    ],
)

NEWS = Table(
    name="news",
    title="News",
    description="Every public news post: its headline, date, opening paragraph and tags.",
    primary_key=["slug"],
    rows=post_rows,
    columns=[
        Column("slug", "string", "The post’s stable identifier.", lambda p: p.slug),
        Column("title", "string", "The headline.", lambda p: p.title),
        Column(
            "published_at",
            "datetime",
            "When it was published (UTC).",
            lambda p: p.published_at,
        ),
        Column("dateline", "string", "Where it was filed; may be empty.", lambda p: p.dateline),
        Column("lede", "string", "The opening paragraph.", lambda p: p.lede),
        Column(
            "tags",
            "string",
            "Its tags, separated by “; ”.",
            lambda p: "; ".join(link.tag.name for link in p.tag_links),
        ),
        Column("url", "string", "The post’s page.", page_url(lambda p: p.get_absolute_url())),
    ],
)

TESTIMONIALS = Table(
    name="testimonials",
    title="Testimonials",
    description="What former participants said about the training, by the year they took part.",
    primary_key=["identifier"],
    rows=testimonial_rows,
    columns=[
        Column(
            "identifier",
            "string",
            "The testimonial’s stable identifier: the year and the person.",
            lambda t: f"{t.year}/{t.person_name}",
        ),
        Column("year", "integer", "The year of the training.", lambda t: t.year),
        Column("person", "string", "Who said it.", lambda t: t.full_name),
        Column("role", "string", "Their role; may be empty.", lambda t: t.role),
        Column(
            "organisation", "string", "Their organisation; may be empty.", lambda t: t.organisation
        ),
        Column(
            "on_behalf_of",
            "string",
            "Whom they spoke for; may be empty.",
            lambda t: t.on_behalf_of,
        ),
        Column("city", "string", "Their city; may be empty.", lambda t: t.city),
        Column("program", "string", "The program’s slug; may be empty.", public_program_slug),
        Column(
            "edition",
            "string",
            "The edition’s identifier (editions.csv); may be empty.",
            public_edition_identifier,
        ),
        Column("quote", "string", "What they said.", lambda t: t.quote),
        Column(
            "url", "string", "Where the page shows it.", page_url(lambda t: t.get_absolute_url())
        ),
    ],
)

TABLES = {table.name: table for table in [EDITIONS, PARTICIPATION, PLACES, NEWS, TESTIMONIALS]}
