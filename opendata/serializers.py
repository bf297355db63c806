"""What each API item holds: public facts only, each item with its public page’s absolute
URL (`url`) and a stable identifier (its slug, or its natural key).

Fields are listed one by one; a field added to a model appears here only when someone
adds it on purpose.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications.models import CallState
from opendata.vocabulary import ATTENDANCE, ATTENDANCE_LABELS
from programs.models import PlaceKind, ProgramKind


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute URL of the item’s public page (its `get_absolute_url`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The item’s public page.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class FileUrlField(serializers.Field):
    """The absolute URL of a public file, or null without one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not value:
            return None
        return self.context["request"].build_absolute_uri(value.url)

    def get_attribute(self, instance):
        return super().get_attribute(instance) or None


class AttendanceField(serializers.ChoiceField):
    """An edition’s format in the site’s words: in-person, online or in-person-and-online."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "How participants took part, as the edition’s page says: in person at the venue, "
            "online, or both.",
        )
        super().__init__(choices=list(ATTENDANCE_LABELS.items()), read_only=True, **kwargs)

    def to_representation(self, value):
        return ATTENDANCE[value]


class NamesField(serializers.ListField):
    """A list of one attribute of related rows, e.g. the titles of an edition’s topics."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, related):
        return [getattr(row, self.attribute) for row in related.all()]


class OptionalUrlField(serializers.URLField):
    """A link that may be missing: null rather than an empty string."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


KIND_HELP = "The kind of program, as the site groups them."


class CountrySummarySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code, e.g. “KR”.")
    name = serializers.CharField(help_text="As the secretariat writes it, e.g. “Korea”.")


class ProgramSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The program’s stable identifier.")
    title = serializers.CharField(help_text="The program’s name.")
    kind = serializers.ChoiceField(choices=ProgramKind.choices, help_text=KIND_HELP)


class RegionalOfficeSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The office’s name.")
    region = serializers.CharField(help_text="The world region it serves.")
    city = serializers.CharField(help_text="The city it is in.")


class ProgramSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The program’s stable identifier.")
    url = PageUrlField()
    title = serializers.CharField(help_text="The program’s name.")
    kind = serializers.ChoiceField(choices=ProgramKind.choices, help_text=KIND_HELP)
    kind_label = serializers.CharField(
        source="get_kind_display", help_text="The kind as the site names it."
    )
    summary = serializers.CharField(help_text="One or two sentences; may be empty.")
    body = serializers.CharField(help_text="The full description, in Markdown; may be empty.")
    since_year = serializers.IntegerField(
        allow_null=True, help_text="The year it began, as the secretariat gives it, or null."
    )
    regional_office = RegionalOfficeSerializer(
        allow_null=True, help_text="The WeGO regional office that runs it, or null."
    )
    partners = NamesField("name", help_text="Organisations it runs with.")
    edition_count = serializers.IntegerField(
        source="public_edition_count", help_text="Its public editions."
    )


class SiteVisitSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The place or organisation visited.")
    note = serializers.CharField(help_text="A short qualifier; may be empty.")


class ParticipantSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The city or public body, as the edition lists it.")
    country = CountrySummarySerializer(help_text="The country it is in.")
    place = serializers.SerializerMethodField(
        help_text="The place’s slug (/api/v1/places/), or null while it is not known."
    )

    def get_place(self, participant) -> str | None:
        return participant.place.slug if participant.place_id else None

    def to_representation(self, participant):
        # What the fields above give, written directly: an edition lists many.
        country = participant.country
        return {
            "name": str(participant.name),
            "country": {"code": str(country.code), "name": str(country.name)},
            "place": self.get_place(participant),
        }


class CountryCountSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField(help_text="The country’s name.")
    participating_bodies = serializers.IntegerField(
        help_text="Cities and public bodies from it that took part in the edition."
    )


class EditionSerializer(serializers.Serializer):
    identifier = serializers.SerializerMethodField(
        help_text="The edition’s stable identifier: its program’s slug and its own, "
        "“program/edition”."
    )
    url = PageUrlField()
    program = ProgramSummarySerializer(help_text="The program it is an edition of.")
    slug = serializers.SlugField(help_text="Unique within its program.")
    title = serializers.CharField(
        source="full_title", help_text="The edition’s title, naming its program."
    )
    start_date = serializers.DateField(help_text="The first day.")
    end_date = serializers.DateField(help_text="The last day; the start date for one day.")
    year = serializers.IntegerField(help_text="The year it started.")
    venue_city = serializers.CharField(help_text="The city it was held in; may be empty.")
    venue_country = CountrySummarySerializer(
        allow_null=True, help_text="The country it was held in, or null."
    )
    attendance = AttendanceField()
    summary = serializers.CharField(help_text="May be empty.")
    people_involved = serializers.IntegerField(
        allow_null=True, help_text="Everyone involved, as recorded; null when not recorded."
    )
    people_involved_note = serializers.CharField(help_text="Who counts as involved.")
    people_trained = serializers.IntegerField(
        source="participant_count",
        allow_null=True,
        help_text="How many people took the training (the page’s “Participants”), as "
        "recorded; null when not recorded. Not the number of `participants`, which lists "
        "the cities and bodies they came from.",
    )
    topics = NamesField("title", help_text="What the training covered, in the program’s order.")
    site_visits = SiteVisitSerializer(
        many=True, help_text="The places and organisations participants visited."
    )
    co_organisers = NamesField("name", help_text="Organisations that co-organized it.")
    participants = ParticipantSerializer(
        many=True, help_text="The cities and public bodies that took part."
    )
    participating_countries = serializers.SerializerMethodField(
        help_text="How many cities and bodies took part from each country, by country name."
    )
    program_document = FileUrlField(help_text="The edition’s program as a PDF, or null.")
    video_url = OptionalUrlField(help_text="A video highlight, or null.")

    def get_identifier(self, edition) -> str:
        return f"{edition.program.slug}/{edition.slug}"

    @extend_schema_field(CountryCountSerializer(many=True))
    def get_participating_countries(self, edition):
        return [
            {"code": country.code, "name": country.name, "participating_bodies": len(listed)}
            for country, listed in edition.participants_by_country()
        ]


class PlaceSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The place’s stable identifier.")
    url = PageUrlField()
    name = serializers.CharField(
        help_text="As the gazetteer names a city or region; as the content names an organisation."
    )
    kind = serializers.ChoiceField(
        choices=PlaceKind.choices,
        help_text="An organisation with no city counts for its country and has no coordinates.",
    )
    country = CountrySummarySerializer(help_text="The country it is in.")
    geonames_id = serializers.IntegerField(
        allow_null=True, help_text="Its id in GeoNames, the gazetteer; null for an organisation."
    )
    latitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        coerce_to_string=False,
        allow_null=True,
        help_text="Degrees north, from the gazetteer; null when the place is not drawn.",
    )
    longitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        coerce_to_string=False,
        allow_null=True,
        help_text="Degrees east, from the gazetteer; null when the place is not drawn.",
    )
    coordinates_note = serializers.CharField(
        help_text="Why the coordinates differ from the gazetteer’s; usually empty."
    )
    participation_count = serializers.IntegerField(
        source="participant_count",
        help_text="How many times it took part: one per edition that lists it among its "
        "participants. Ended public editions only.",
    )
    edition_count = serializers.IntegerField(
        help_text="Ended public editions it took part in (as a participant, or named by a "
        "testimonial)."
    )


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code: the stable identifier.")
    url = PageUrlField(help_text="The country’s page.")
    name = serializers.CharField(help_text="As the secretariat writes it, e.g. “Korea”.")
    participation_count = serializers.IntegerField(
        help_text="Cities and public bodies from it listed as taking part, one per edition "
        "(a city at two editions counts twice). Ended public editions only."
    )
    edition_count = serializers.IntegerField(
        help_text="Ended public editions with a participant from it."
    )


class ParticipationSerializer(serializers.Serializer):
    program = serializers.SlugField(source="program_slug", help_text="The program’s slug.")
    program_title = serializers.CharField(help_text="The program’s name.")
    kind = serializers.ChoiceField(choices=ProgramKind.choices, help_text=KIND_HELP)
    year = serializers.IntegerField(help_text="The year the editions started.")
    country = serializers.CharField(source="country_code", help_text="ISO 3166-1 alpha-2 code.")
    country_name = serializers.CharField(help_text="The country’s name.")
    participations = serializers.IntegerField(
        help_text="Cities and public bodies from this country that took part in this "
        "program’s ended editions of this year, one per edition (a city at two editions "
        "counts twice)."
    )
    editions = serializers.IntegerField(help_text="How many of those editions.")


class PostSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The post’s stable identifier.")
    url = PageUrlField()
    title = serializers.CharField(help_text="The headline.")
    published_at = serializers.DateTimeField(help_text="When it was published, with its offset.")
    dateline = serializers.CharField(help_text="Where the story was filed; may be empty.")
    lede = serializers.CharField(help_text="The opening paragraph, as plain text.")
    body = serializers.CharField(help_text="The rest of the story, in Markdown; may be empty.")
    tags = serializers.SerializerMethodField(help_text="Its tags, as the site names them.")
    programs = serializers.SerializerMethodField(help_text="Slugs of the programs it is about.")
    cover_image = FileUrlField(help_text="The cover photograph, or null.")
    cover_alt_text = serializers.CharField(help_text="The cover described; empty without one.")
    cover_credit = serializers.CharField(help_text="Who took the cover; may be empty.")

    def get_tags(self, post) -> list[str]:
        return [link.tag.name for link in post.tag_links]

    def get_programs(self, post) -> list[str]:
        return [program.slug for program in post.public_programs]


class TestimonialSerializer(serializers.Serializer):
    identifier = serializers.SerializerMethodField(
        help_text="Its stable identifier (natural key): the year and the person, “2013/Name”."
    )
    url = PageUrlField()
    person = serializers.CharField(
        source="full_name",
        help_text="Who said it, with their honorific (e.g. “Ms.”) where the source gives one.",
    )
    role = serializers.CharField(help_text="May be empty.")
    organisation = serializers.CharField(help_text="May be empty.")
    on_behalf_of = serializers.CharField(help_text="Whom the person speaks for; may be empty.")
    city = serializers.CharField(help_text="May be empty.")
    year = serializers.IntegerField(help_text="The year of the training the person attended.")
    quote = serializers.CharField(help_text="What they said, in their words.")
    program = serializers.SerializerMethodField(help_text="The program’s slug, or null.")
    edition = serializers.SerializerMethodField(help_text="The edition’s identifier, or null.")
    place = serializers.SerializerMethodField(help_text="The person’s place’s slug, or null.")

    def get_place(self, testimonial) -> str | None:
        return testimonial.place.slug if testimonial.place_id else None

    def get_identifier(self, testimonial) -> str:
        return f"{testimonial.year}/{testimonial.person_name}"

    def get_program(self, testimonial) -> str | None:
        program = testimonial.related_program
        return program.slug if program is not None and program.is_published else None

    def get_edition(self, testimonial) -> str | None:
        source = testimonial.source
        if source is None or source is not testimonial.edition:
            return None
        return f"{source.program.slug}/{source.slug}"


class CallSerializer(serializers.Serializer):
    edition = serializers.SerializerMethodField(help_text="The edition’s identifier.")
    url = PageUrlField(help_text="The call’s page, with its form while it is open.")
    edition_url = serializers.SerializerMethodField(help_text="The edition’s page.")
    edition_title = serializers.CharField(
        source="edition.full_title", help_text="The edition’s title, naming its program."
    )
    program = serializers.SlugField(source="edition.program.slug", help_text="The program’s slug.")
    state = serializers.ChoiceField(
        choices=[
            (CallState.UPCOMING.value, "Not open yet: it opens at `opens_at`."),
            (CallState.OPEN.value, "Open: applications are taken until `closes_at`."),
        ],
        help_text="Whether it takes applications now.",
    )
    opens_at = serializers.DateTimeField(help_text="When it opens, with its offset.")
    closes_at = serializers.DateTimeField(help_text="The deadline.")
    time_zone = serializers.CharField(help_text="The zone the call gives its dates in.")
    eligibility = serializers.CharField(help_text="Who may apply.")
    places = serializers.IntegerField(allow_null=True, help_text="Participants to be selected.")
    languages = serializers.CharField(help_text="The training’s working languages.")
    costs = serializers.CharField(help_text="What participants pay and what is covered.")
    documents = serializers.CharField(help_text="What applicants attach.")

    def get_edition(self, call) -> str:
        return f"{call.edition.program.slug}/{call.edition.slug}"

    def get_edition_url(self, call) -> str:
        return self.context["request"].build_absolute_uri(call.edition.get_absolute_url())
