import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Min, OuterRef, Prefetch, Q, Subquery, Value, Window
from django.db.models.functions import Cast, Coalesce, Concat, RowNumber
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from wego_site.core.aggregates import scalar_aggregate
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.publishing import (
    Publishable,
    PublishableQuerySet,
    SlugNaturalKeyManager,
    published_q,
)

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_pdf_upload(file):
    """A new upload must be a PDF (by its content, not only its name) of at most 20 MB."""
    if getattr(file, "_committed", False):
        return
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            "This file is larger than 20 MB. Upload a smaller PDF.", code="file_too_large"
        )
    position = file.tell()
    file.seek(0)
    header = file.read(5)
    file.seek(position)
    if not file.name.lower().endswith(".pdf") or header != b"%PDF-":
        raise ValidationError(
            "This file is not a PDF. Upload the program as a PDF.", code="not_pdf"
        )


class NameNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Country(models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="As the secretariat writes it, e.g. “Korea”."
    )

    objects = NameNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class Organisation(models.Model):
    """A partner, co-organiser or other body WeGO works with (WeGO itself included)."""

    name = models.CharField(max_length=200, unique=True, help_text="Full official name.")
    acronym = models.CharField(max_length=30, blank=True, help_text="Short form, e.g. “NIA”.")
    website = models.URLField(blank=True, help_text="Leave empty if unknown.")

    objects = NameNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def natural_key(self):
        return (self.name,)


class ContactManager(models.Manager):
    def get_by_natural_key(self, email):
        return self.get(email=email)


class Contact(models.Model):
    honorific = models.CharField(max_length=10, blank=True, help_text="“Mr.”, “Ms.”, “Dr.” …")
    name = models.CharField(max_length=150)
    email = models.EmailField(unique=True)
    role = models.CharField(
        max_length=200, blank=True, help_text="What to contact this person about, if known."
    )

    objects = ContactManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    def natural_key(self):
        return (self.email,)

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()


class RegionalOfficeManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RegionalOffice(models.Model):
    name = models.CharField(max_length=150, help_text="E.g. “WeGO Regional Office for Asia”.")
    slug = models.SlugField(unique=True)
    region = models.CharField(max_length=50, help_text="The world region it serves, e.g. “Asia”.")
    city = models.CharField(max_length=100, help_text="Where the office is, e.g. “Chengdu”.")
    training_since = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="First year it organised training, if known."
    )

    objects = RegionalOfficeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ProgramKind(models.TextChoices):
    MAIN = "main", "Main training program"
    REGIONAL = "regional", "Regional office program"
    PARTNER = "partner", "Partners’ program"
    JOINT_WORKSHOP = "joint-workshop", "Joint workshop"


class IntroductionSection(models.TextChoices):
    OVERVIEW = "overview", "Training programs overview (top of the landing page)"
    ABOUT = "about", "About"
    MAIN = ProgramKind.MAIN.value, "Main training programs"
    REGIONAL = ProgramKind.REGIONAL.value, "Regional office programs"
    PARTNER = ProgramKind.PARTNER.value, "Partners’ programs"
    JOINT_WORKSHOP = ProgramKind.JOINT_WORKSHOP.value, "Joint workshops"


class IntroductionManager(models.Manager):
    def get_by_natural_key(self, section):
        return self.get(section=section)

    def by_section(self):
        return {intro.section: intro for intro in self.all()}


class Introduction(models.Model):
    """The heading and introductory text of a section of the training pages."""

    section = models.CharField(max_length=20, choices=IntroductionSection.choices, unique=True)
    heading = models.CharField(max_length=200)
    text = models.TextField(
        blank=True, help_text="Plain text; a blank line starts a new paragraph."
    )

    objects = IntroductionManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["section"]

    def __str__(self):
        return self.get_section_display()

    def natural_key(self):
        return (self.section,)


# Fixed paths under /programs/ that a program slug must never take, or the program's
# page would be hidden behind them (see programs/urls.py, where these come first).
RESERVED_PROGRAM_SLUGS = frozenset({"kind", "archive"})


class ProgramQuerySet(PublishableQuerySet):
    def with_public_edition_counts(self):
        """Each program's number of public editions, as ``public_edition_count``."""
        return self.annotate(
            public_edition_count=Count("editions", filter=published_q("editions__"), distinct=True)
        )


class ProgramManager(SlugNaturalKeyManager.from_queryset(ProgramQuerySet)):
    pass


class Program(Publishable):
    title = models.CharField(max_length=200, help_text="The program's name as the public reads it.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=(
            "The program's web address: /programs/slug/. Lower-case letters, digits and "
            "hyphens. If you change it, the old address keeps working (it redirects)."
        ),
        error_messages={"unique": "Another program already uses this web address (slug)."},
    )
    kind = models.CharField(
        max_length=20,
        choices=ProgramKind.choices,
        db_index=True,
        help_text="The section of the site the program is listed in.",
    )
    summary = models.TextField(
        blank=True,
        help_text="One or two sentences shown in lists. Leave empty if nothing is known.",
    )
    body = models.TextField(blank=True, help_text="The full description on the program's page.")
    announcement = models.TextField(
        blank=True, help_text="News about the next edition, shown prominently on the program page."
    )
    since_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year the program started, if known."
    )
    regional_office = models.ForeignKey(
        RegionalOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Only for programs run by a WeGO regional office.",
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="programs", help_text="Organisations it runs with."
    )
    contacts = models.ManyToManyField(Contact, blank=True, related_name="programs")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among programs of the same kind (smallest first)."
    )

    search_document = search_document_field("title", "summary", "body", "announcement")

    objects = ProgramManager()
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["position", "title"]
        indexes = [SearchIndex(fields=["search_document"], name="program_search_idx")]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_PROGRAM_SLUGS:
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” is taken by a fixed page of the site "
                    "(/programs/{self.slug}/). Choose another web address."
                }
            )

    @property
    def has_information(self):
        """False for a program announced by name only, so pages can say so honestly."""
        return bool(self.summary or self.body or self.announcement)

    def get_absolute_url(self):
        return reverse("programs:program_detail", kwargs={"slug": self.slug})

    def url_paths(self):
        """This program's address and its editions' (they contain its slug): see redirects."""
        return {
            "program": self.get_absolute_url(),
            **{
                f"edition-{edition.pk}": edition.get_absolute_url()
                for edition in self.editions.all()
            },
        }


class EditionQuerySet(PublishableQuerySet):
    def published(self):
        """Public editions of public programs: a draft program hides its editions too."""
        return super().published().filter(published_q("program__")).select_related("program")

    def with_details(self):
        """Everything an edition's page shows, in a fixed number of queries."""
        return self.select_related("program__regional_office", "venue_country").prefetch_related(
            "topics",
            "site_visits",
            Prefetch("participants", queryset=Participant.objects.select_related("country")),
            "co_organisers",
            "contacts",
        )

    def with_participant_counts(self):
        """How many cities/bodies and countries took part, per edition, as annotations.

        Correlated subqueries rather than a join with GROUP BY: the database counts for
        the rows a page shows, not for every edition before it sorts and cuts a page.
        """
        participants = Participant.objects.filter(edition=OuterRef("pk")).order_by()

        def per_edition(aggregate):
            counted = participants.values("edition").annotate(n=aggregate).values("n")
            return Coalesce(Subquery(counted), 0)

        return self.annotate(
            body_count=per_edition(Count("pk")),
            country_count=per_edition(Count("country", distinct=True)),
        )

    def latest_of_each_kind(self, count):
        """The `count` latest editions of each kind of program, in one query.

        A page that shows a few editions per kind stays the same size however many
        editions the archive holds.
        """
        return self.alias(
            rank_in_kind=Window(
                RowNumber(),
                partition_by=F("program__kind"),
                order_by=[F("start_date").desc(), F("pk").desc()],
            )
        ).filter(rank_in_kind__lte=count)

    def with_site_figures(self):
        """Annotate each row with figures over *all* public editions: how many there are,
        the first start date, and how many cities/bodies in how many countries took part.

        Window aggregates over the whole result (computed before `latest_of_each_kind`
        keeps a few rows) and two uncorrelated scalar subqueries, which the database
        computes once: a page gets the figures without a query of its own.
        """
        participants = Participant.objects.filter(
            published_q("edition__"), published_q("edition__program__")
        )
        body = Concat("name", Value("|"), Cast("country_id", models.CharField()))
        return self.annotate(
            site_edition_count=Window(Count("pk")),
            site_first_start=Window(Min("start_date")),
            site_body_count=scalar_aggregate(participants, Count(body, distinct=True)),
            site_country_count=scalar_aggregate(participants, Count("country", distinct=True)),
        )


class EditionManager(models.Manager.from_queryset(EditionQuerySet)):
    def get_by_natural_key(self, program_slug, slug):
        return self.get(program__slug=program_slug, slug=slug)


class Edition(Publishable):
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="editions",
        help_text="The program this edition belongs to.",
    )
    title = models.CharField(
        max_length=200, help_text="Usually the program's name and the year, e.g. “… 2018”."
    )
    slug = models.SlugField(
        max_length=100,
        help_text=(
            "Web address within the program: /programs/program-slug/slug/, e.g. “2018”. "
            "Unique per program. If you change it, the old address keeps working."
        ),
    )
    start_date = models.DateField(help_text="The first day.")
    end_date = models.DateField(help_text="The last day; the same as the start for one day.")
    venue_city = models.CharField(max_length=100, blank=True, help_text="E.g. “Jeju Island”.")
    venue_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_editions"
    )
    summary = models.TextField(blank=True, help_text="Introductory paragraph of the edition.")
    body = models.TextField(blank=True)
    people_involved = models.PositiveIntegerField(
        null=True, blank=True, help_text="Everyone involved, speakers and staff included."
    )
    people_involved_note = models.CharField(
        max_length=200, blank=True, help_text="Who counts as involved, e.g. “including speakers”."
    )
    participant_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of participants (trainees)."
    )
    co_organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="co_organised_editions"
    )
    contacts = models.ManyToManyField(Contact, blank=True, related_name="editions")
    program_document = models.FileField(
        upload_to="editions/documents/",
        blank=True,
        validators=[validate_pdf_upload],
        help_text="The edition's program, as a PDF of at most 20 MB.",
    )
    video_url = models.URLField(blank=True, help_text="Link to a video highlight.")

    search_document = search_document_field("title", "venue_city", "summary", "body")

    objects = EditionManager()
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["-start_date"]
        indexes = [SearchIndex(fields=["search_document"], name="edition_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "slug"],
                name="edition_slug_unique_per_program",
                violation_error_message=(
                    "This program already has an edition with this web address (slug). "
                    "Choose another slug, e.g. the year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="edition_ends_on_or_after_start",
                violation_error_message="An edition cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.program.slug, self.slug)

    natural_key.dependencies = ["programs.program"]

    def is_upcoming(self, today=None):
        """Not ended yet: an edition under way still counts as upcoming."""
        return self.end_date >= (today or timezone.localdate())

    @property
    def venue(self):
        return ", ".join(part for part in [self.venue_city, str(self.venue_country or "")] if part)

    def participants_by_country(self):
        """[(country, [participants])] in country order; uses prefetched participants."""
        groups = {}
        for participant in sorted(
            self.participants.all(), key=lambda p: (p.country.name, p.position)
        ):
            groups.setdefault(participant.country, []).append(participant)
        return list(groups.items())

    def event_json_ld(self, url):
        """schema.org Event for this edition; needs the page's absolute ``url``."""
        organizers = [
            {"@type": "Organization", "name": o.name} for o in self.co_organisers.all()
        ] or [{"@type": "Organization", "name": "World Smart Sustainable Cities Organization"}]
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "url": url,
            "startDate": self.start_date.isoformat(),
            "endDate": self.end_date.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "organizer": organizers,
            "superEvent": {"@type": "EventSeries", "name": self.program.title},
        }
        if self.venue:
            address = {"@type": "PostalAddress", "addressLocality": self.venue_city}
            if self.venue_country:
                address["addressCountry"] = self.venue_country.name
            data["location"] = {"@type": "Place", "name": self.venue, "address": address}
        if self.summary:
            data["description"] = self.summary
        return data

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": "The end date is before the start date. An edition ends on or after it starts."
                }
            )

    def get_absolute_url(self):
        return reverse(
            "programs:edition_detail",
            kwargs={"program_slug": self.program.slug, "slug": self.slug},
        )

    @property
    def is_published(self):
        """Public only while its program is public too, as in `Edition.objects.published()`."""
        return Publishable.is_published.fget(self) and self.program.is_published

    def url_paths(self):
        """This edition's public address: see wego_site.core.redirects."""
        return {"edition": self.get_absolute_url()}

    @property
    def year(self):
        return self.start_date.year

    @transaction.atomic
    def copy_for_next_year(self):
        """A new draft edition one year on, with this one's topics, co-organisers and contacts.

        Dates move on a year (29 February becomes 28 February); the year in the title and
        slug moves on too. Participants, site visits, counts and links are not copied:
        they belong to the edition that took place.
        """
        next_year = self.start_date.year + 1
        title = _next_year_text(self.title, self.start_date.year)
        if title == self.title:
            title = f"{self.title} ({next_year})"
        slug = _next_year_text(self.slug, self.start_date.year)
        if slug == self.slug:
            slug = f"{self.slug}-{next_year}"
        base_slug, number = slug, 2
        while Edition.objects.filter(program=self.program, slug=slug).exists():
            slug, number = f"{base_slug}-{number}", number + 1
        copy = Edition.objects.create(
            program=self.program,
            title=title,
            slug=slug,
            start_date=_one_year_later(self.start_date),
            end_date=_one_year_later(self.end_date),
            venue_city=self.venue_city,
            venue_country=self.venue_country,
            summary=self.summary,
            body=self.body,
        )
        copy.co_organisers.set(self.co_organisers.all())
        copy.contacts.set(self.contacts.all())
        for topic in self.topics.all():  # one by one, so each gets its history entry
            Topic.objects.create(edition=copy, position=topic.position, title=topic.title)
        return copy


def _one_year_later(date):
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def _next_year_text(text, year):
    return re.sub(rf"\b{year}\b", str(year + 1), text)


class EditionPartManager(models.Manager):
    """Natural key of a part of an edition: the edition's key plus the part's position."""

    def get_by_natural_key(self, program_slug, edition_slug, position):
        return self.get(
            edition__program__slug=program_slug, edition__slug=edition_slug, position=position
        )


class EditionPart(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the page.")

    objects = EditionPartManager()

    class Meta:
        abstract = True
        ordering = ["edition", "position"]

    def natural_key(self):
        return (*self.edition.natural_key(), self.position)

    natural_key.dependencies = ["programs.edition"]


class Topic(EditionPart):
    title = models.CharField(max_length=255)

    search_document = search_document_field("title")

    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta(EditionPart.Meta):
        default_related_name = "topics"
        indexes = [SearchIndex(fields=["search_document"], name="topic_search_idx")]
        constraints = [
            models.UniqueConstraint(fields=["edition", "position"], name="topic_position_unique")
        ]

    def __str__(self):
        return self.title


class SiteVisit(EditionPart):
    name = models.CharField(max_length=200, help_text="Place visited, e.g. “Jeju Techno Park”.")
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short qualifier, e.g. “UNESCO World Heritage Site”.",
    )

    search_document = search_document_field("name", "note")

    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta(EditionPart.Meta):
        default_related_name = "site_visits"
        indexes = [SearchIndex(fields=["search_document"], name="site_visit_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "position"], name="site_visit_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.note})" if self.note else self.name


class Participant(EditionPart):
    """A city or public body that sent participants to an edition."""

    name = models.CharField(
        max_length=200,
        help_text="City or body as it should read, e.g. “Government of Punjab, Chandigarh”.",
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="participations")

    search_document = search_document_field("name")

    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta(EditionPart.Meta):
        default_related_name = "participants"
        indexes = [SearchIndex(fields=["search_document"], name="participant_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "position"], name="participant_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


def attach_parts(editions):
    """Give each edition its topics, site visits and participants in one query.

    A page that shows all three for several editions (the landing page) would otherwise
    spend three queries on them; the three part tables share their shape, so one UNION
    fetches them all. Each edition gets ``topic_list``, ``site_visit_list`` and
    ``participant_list`` (model instances, in page order). Returns the editions.
    """
    editions = list(editions)
    ids = [edition.pk for edition in editions]
    for edition in editions:
        edition.topic_list, edition.site_visit_list, edition.participant_list = [], [], []
    if not ids:
        return editions

    def kind(name):
        return models.Value(name, output_field=models.CharField())

    def blank_int():
        return models.Value(0, output_field=models.IntegerField())

    columns = ("kind", "edition_id", "position", "label", "note", "country_ref")
    # Each part of a UNION must be unordered; the rows are sorted in Python below.
    topics = (
        Topic.objects.filter(edition_id__in=ids)
        .order_by()
        .values_list(kind("topic"), "edition_id", "position", "title", kind(""), blank_int())
    )
    visits = (
        SiteVisit.objects.filter(edition_id__in=ids)
        .order_by()
        .values_list(kind("site_visit"), "edition_id", "position", "name", "note", blank_int())
    )
    participants = (
        Participant.objects.filter(edition_id__in=ids)
        .order_by()
        .values_list(
            kind("participant"), "edition_id", "position", "name", "country__name", "country_id"
        )
    )
    by_id = {edition.pk: edition for edition in editions}
    countries = {}
    rows = sorted(
        (
            dict(zip(columns, row, strict=True))
            for row in topics.union(visits, participants, all=True)
        ),
        key=lambda row: row["position"],
    )
    for row in rows:
        edition = by_id[row["edition_id"]]
        common = {"edition": edition, "position": row["position"]}
        if row["kind"] == "topic":
            edition.topic_list.append(Topic(title=row["label"], **common))
        elif row["kind"] == "site_visit":
            edition.site_visit_list.append(SiteVisit(name=row["label"], note=row["note"], **common))
        else:
            country = countries.setdefault(
                row["country_ref"], Country(pk=row["country_ref"], name=row["note"])
            )
            edition.participant_list.append(
                Participant(name=row["label"], country=country, **common)
            )
    return editions
