"""Editions: one running of a program, with its dates, venue and organisers."""

import re
from types import SimpleNamespace

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, ExtractYear, RowNumber
from django.urls import reverse
from django.utils import timezone

from programs.models.documents import validate_pdf_upload
from programs.models.organisations import Contact, Country, Organisation
from programs.models.parts import Participant, Topic
from programs.models.programs import Program
from wego_site.core.card_drawing import CardText
from wego_site.core.cards import HasSocialCard
from wego_site.core.date_text import date_range_text, month_range_text
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.natural_keys import NaturalKeyManager
from wego_site.core.photos import HasPhoto
from wego_site.core.publishing import Publishable, PublishableQuerySet, published_q
from wego_site.core.stored_values import RemembersStoredValues


class EditionQuerySet(PublishableQuerySet):
    def published(self):
        """Public editions of public programs: a draft program hides its editions too."""
        return super().published().filter(published_q("program__"))

    def with_participant_counts(self):
        """How many cities/bodies and countries took part, and how many topics were
        taught, per edition, as annotations.

        Correlated subqueries rather than a join with GROUP BY: the database counts for
        the rows a page shows, not for every edition before it sorts and cuts a page.
        """
        participants = Participant.objects.filter(edition=OuterRef("pk")).order_by()
        topics = Topic.objects.filter(edition=OuterRef("pk")).order_by()

        def per_edition(aggregate, rows=participants):
            counted = rows.values("edition").annotate(n=aggregate).values("n")
            return Coalesce(Subquery(counted), 0)

        return self.annotate(
            body_count=per_edition(Count("pk")),
            country_count=per_edition(Count("country", distinct=True)),
            topic_count=per_edition(Count("pk"), topics),
        )

    def with_program_ranks(self):
        """Each edition's place among its program's public editions, counted from the
        first by start date (`program_edition_number` of `program_edition_total`), and
        how many of them started in its year (`program_year_total`), as annotations: what
        tells apart a program's editions in a list of every program's (see
        `Edition.program_rank`) and in a list of its years (`Edition.year_label`).

        Correlated subqueries rather than a window: a page's filter (the editions held, a
        place's) must not change how an edition is counted among its program's.
        """
        public = self.model.objects.published().filter(program=OuterRef("program")).order_by()
        before = public.filter(
            Q(start_date__lt=OuterRef("start_date"))
            | Q(start_date=OuterRef("start_date"), pk__lte=OuterRef("pk"))
        )

        def counted(rows):
            return Coalesce(Subquery(rows.values("program").annotate(n=Count("pk")).values("n")), 0)

        same_year = public.filter(start_date__year=ExtractYear(OuterRef("start_date")))
        return self.annotate(
            program_edition_number=counted(before),
            program_edition_total=counted(public),
            program_year_total=counted(same_year),
        )

    def co_organised_by_partners_of(self, program):
        """The editions of other programs that one of `program`'s partners co-organized
        (`program`: a program, or its id as an expression: `OuterRef("pk")`), each once:
        what its partners have done with WeGO besides it."""
        return self.filter(co_organisers__programs=program).exclude(program=program).distinct()

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

    def past(self, today=None):
        """Editions that have taken place: ended before today."""
        return self.filter(end_date__lt=today or timezone.localdate())

    def upcoming(self, today=None):
        """Editions still to come or under way (see `Edition.is_upcoming`)."""
        return self.filter(end_date__gte=today or timezone.localdate())


class AttendanceMode(models.TextChoices):
    """How participants take part; the values are schema.org's EventAttendanceModeEnumeration."""

    IN_PERSON = "offline", "In person"
    ONLINE = "online", "Online"
    MIXED = "mixed", "In person and online"


# A version of an edition holds its topics, site visits and participants too, so a revert
# brings back deleted ones and removes added ones; co-organisers and contacts are links
# stored with the edition's own version.
@reversion.register(
    follow=["topics", "site_visits", "participants"], exclude=["search_document", "social_card"]
)
class Edition(HasSocialCard, HasPhoto, RemembersStoredValues, Publishable):
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
    venue_place = models.ForeignKey(
        "programs.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_editions",
        verbose_name="venue place",
        help_text="The venue's city on the map, from the gazetteer, when it is known.",
    )
    attendance = models.CharField(
        "format",
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
        help_text="In person at the venue, online (a webinar), or both.",
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
        Organisation, blank=True, related_name="co_organised_editions", verbose_name="co-organizers"
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

    objects = NaturalKeyManager.from_queryset(EditionQuerySet)("program__slug", "slug")
    card_folder = "cards/editions"

    class Meta:
        ordering = ["-start_date"]
        indexes = [
            SearchIndex(name="edition_search_idx"),
            # Lists newest first (the archive, the API) read the first rows of this
            # index rather than sorting every edition.
            models.Index(fields=["start_date"], name="edition_start_date_idx"),
        ]
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
    def full_title(self):
        """The title as pages show it, naming its program: the seed's “Training Program,
        May 2016” of the WeGO–SHRDC Training Program reads “WeGO–SHRDC Training Program,
        May 2016”. A title that names its program already is kept as it is."""
        return title_naming_program(self.title, self.program.title)

    @property
    def title_after_program(self):
        """The edition's own title where `full_title` leads it with its program's name and
        a colon (“Edition with an open call” of “Sample program: Edition with an open
        call”), so a small card can set the program apart above it; else empty (the title
        names its program, or is joined to its name: `full_title` reads whole)."""
        lead = f"{self.program.title}: "
        full = self.full_title
        return full[len(lead) :] if full.startswith(lead) else ""

    @property
    def label(self):
        """The edition as a link names it: its program and its dates, e.g. “WeGO–SHRDC
        Training Program, 22–29 May 2016”. Titles alone repeat from year to year."""
        return f"{self.program.title}, {date_range_text(self.start_date, self.end_date)}"

    @property
    def venue(self):
        return ", ".join(part for part in [self.venue_city, str(self.venue_country or "")] if part)

    @property
    def program_rank(self):
        """A public edition's place among its program's public editions, where its query
        counted it (`with_program_ranks`): `number` of `total`, the first being 1; else
        None."""
        number = getattr(self, "program_edition_number", 0)
        total = getattr(self, "program_edition_total", 0)
        if not number:
            return None
        return SimpleNamespace(number=number, total=total)

    @property
    def year_label(self):
        """The edition named by its year, as a list of its program's editions heads it:
        “2018”; where its program has another public edition that started the same year
        (counted by `with_program_ranks`), the year and its months, so no two read alike:
        “2012 (May–June)”, “2012 (July)”."""
        if getattr(self, "program_year_total", 0) > 1:
            return f"{self.year} ({month_range_text(self.start_date, self.end_date)})"
        return str(self.year)

    @property
    def day_count(self):
        """How many days it runs, both ends counted: 27–31 March is 5."""
        return (self.end_date - self.start_date).days + 1

    @property
    def when(self):
        """The dates as they read, e.g. “9–12 July 2018”."""
        return date_range_text(self.start_date, self.end_date)

    def card_text(self):
        return CardText(
            title=self.full_title,
            eyebrow=self.program.get_kind_display(),
            details=(" · ".join(part for part in [self.when, self.venue] if part),),
        )

    def participants_by_country(self):
        """[(country, [participants])] in country order; uses prefetched participants."""
        groups = {}
        for participant in sorted(
            self.participants.all(), key=lambda p: (p.country.name, p.position)
        ):
            groups.setdefault(participant.country, []).append(participant)
        return list(groups.items())

    def facts_description(self):
        """One or two sentences from the edition's own facts, for when it has no summary."""
        where = f" in {self.venue}" if self.venue else ""
        online = " online" if self.attendance == AttendanceMode.ONLINE else ""
        text = (
            f"{self.program.get_kind_display()} “{self.program.title}”, {self.when}{where}{online}."
        )
        topics = [topic.title for topic in self.topics.all()]
        if topics:
            text += f" Topics: {'; '.join(topics)}."
        return text

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

    # What its address is made of (see url_paths).
    address_fields = ("program", "slug")

    def url_paths(self):
        """This edition's public address: see wego_site.core.redirects."""
        return {"edition": self.get_absolute_url()}

    @property
    def year(self):
        return self.start_date.year

    def next_future_year(self, today):
        """The first year after this edition's in which its dates have not passed."""
        year = max(self.start_date.year + 1, today.year)
        while _in_year(self.start_date, year, self.start_date.year) < today:
            year += 1
        return year

    @transaction.atomic
    def copy_for_next_year(self, year=None):
        """A new draft edition in `year` (the next one unless given), with this one's
        topics, co-organisers and contacts.

        Dates move to that year (29 February becomes 28 February); the year in the title
        and slug moves on too. Participants, site visits, counts and links are not copied:
        they belong to the edition that took place.
        """
        start_year = self.start_date.year
        next_year = year or start_year + 1
        title = _next_year_text(self.title, start_year, next_year)
        if title == self.title:
            title = f"{self.title} ({next_year})"
        slug = _next_year_text(self.slug, start_year, next_year)
        if slug == self.slug:
            slug = f"{self.slug}-{next_year}"
        base_slug, number = slug, 2
        while Edition.objects.filter(program=self.program, slug=slug).exists():
            slug, number = f"{base_slug}-{number}", number + 1
        copy = Edition.objects.create(
            program=self.program,
            title=title,
            slug=slug,
            start_date=_in_year(self.start_date, next_year, start_year),
            end_date=_in_year(self.end_date, next_year, start_year),
            venue_city=self.venue_city,
            venue_country=self.venue_country,
            venue_place=self.venue_place,
            attendance=self.attendance,
            summary=self.summary,
            body=self.body,
        )
        copy.co_organisers.set(self.co_organisers.all())
        copy.contacts.set(self.contacts.all())
        for topic in self.topics.all():
            Topic.objects.create(edition=copy, position=topic.position, title=topic.title)
        return copy


def title_naming_program(title, program_title):
    """`title`, led by `program_title` unless it names it already. Where the title starts
    with the end of the program's name (“Training Program, May 2016”), the two are joined
    there; otherwise the program's name leads, followed by a colon."""
    if program_title.casefold() in title.casefold():
        return title
    words = program_title.split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        rest = title[len(tail) :]
        if title.casefold().startswith(tail.casefold()) and (not rest or not rest[0].isalnum()):
            return program_title + rest
    return f"{program_title}: {title}"


def _in_year(date, year, start_year):
    """`date` moved as many years on as `year` is after `start_year` (an end date may lie
    in the next year)."""
    year = date.year + (year - start_year)
    try:
        return date.replace(year=year)
    except ValueError:  # 29 February
        return date.replace(year=year, day=28)


def _next_year_text(text, year, next_year):
    return re.sub(rf"\b{year}\b", str(next_year), text)
