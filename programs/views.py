"""The programs' lists: every program by kind, one kind, the archive of editions. Every
queryset starts from `.published()`.

A program's page and an edition's page show what other apps add to them (news, calls,
testimonials), so they are composed in pages/program_pages.py.
"""

from types import SimpleNamespace

from django.db.models import Max, Min, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ArchiveIndexView, TemplateView, YearArchiveView

from programs.models import (
    AttendanceMode,
    Contact,
    Edition,
    Introduction,
    Participant,
    Program,
    ProgramKind,
    RegionalOffice,
)
from wego_site.core.archives import DateArchiveMixin
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb, collection
from wego_site.core.pagination import PaginatedListMixin
from wego_site.core.publishing import published_q
from wego_site.core.world_map import places_locator
from wego_site.pagecache.generation import per_generation


def kind_sections(programs, introductions, kinds=tuple(ProgramKind)):
    """[{kind, introduction, programs}] in the site's order of program kinds."""
    return [
        {
            "kind": kind,
            "introduction": introductions.get(kind.value),
            "programs": [program for program in programs if program.kind == kind],
        }
        for kind in kinds
    ]


def kind_crumb(kind):
    return Crumb(f"{kind.label}s", reverse("programs:program_kind", args=[kind.value]))


def program_kind_crumb(program):
    """The crumb above a program: its kind's page, or, for a sample (filed under a kind only
    to have one), the page of every program, so the sample is never called a real kind."""
    if program.is_sample:
        return programs_crumb()
    return kind_crumb(ProgramKind(program.kind))


def programs_crumb():
    return Crumb("Programs", reverse("programs:program_list"))


def archive_crumb():
    return Crumb("Archive of editions", reverse("programs:edition_archive"))


def programs_for_cards():
    """The public programs with what their cards show: the count of their public editions,
    their regional office and their latest edition held (`with_latest_edition`), read in
    the same query (a subquery per value), not one query per program, and their partners
    (one query for all)."""
    held = (
        Edition.objects.published()
        .filter(program=OuterRef("pk"), end_date__lt=timezone.localdate())
        .order_by("-start_date", "-pk")
    )
    return (
        Program.objects.published()
        .with_public_edition_counts()
        .annotate(
            latest_start=Subquery(held.values("start_date")[:1]),
            latest_end=Subquery(held.values("end_date")[:1]),
            latest_venue_city=Subquery(held.values("venue_city")[:1]),
        )
        .select_related("regional_office")
        .prefetch_related("partners")
    )


def with_latest_edition(programs):
    """The programs of `programs_for_cards`, each with `latest_edition` (its dates and
    city) for its card."""
    for program in programs:
        program.latest_edition = (
            SimpleNamespace(
                start_date=program.latest_start,
                end_date=program.latest_end,
                venue_city=program.latest_venue_city,
            )
            if program.latest_start
            else None
        )
    return programs


class PublicProgramsMixin(BreadcrumbsMixin):
    def get_queryset(self):
        # Each card names the program's latest edition held, as the landing page's do.
        return programs_for_cards()

    with_latest_edition = staticmethod(with_latest_edition)

    @staticmethod
    def with_offices(section):
        """The regional kind's section with its offices (`offices`, each with the programs
        it runs, `office.office_programs`: the kind's page shows every office as a panel
        side by side, with its programs or how to hear of them; and the head's map) and
        those that run no published program yet (`offices_without_programs`, each a line
        on the programs page)."""
        if section["kind"] == ProgramKind.REGIONAL:
            offices = list(RegionalOffice.objects.select_related("place__country"))
            running = {program.regional_office_id for program in section["programs"]}
            for office in offices:
                office.office_programs = [
                    program
                    for program in section["programs"]
                    if program.regional_office_id == office.pk
                ]
            section["offices"] = offices
            section["offices_without_programs"] = [
                office for office in offices if office.pk not in running
            ]
        return section

    @staticmethod
    def real_and_samples(programs):
        """The real programs and the sample ones (`make demo`), which are shown apart,
        under their own heading at the end."""
        return (
            [program for program in programs if not program.is_sample],
            [program for program in programs if program.is_sample],
        )


def offices_map(offices):
    """The head map of a kind's regional offices, drawn only when every office has a
    point: a map of some would say the others are not there."""
    places = [office.place for office in offices]
    if not places or any(place is None or place.latitude is None for place in places):
        return None
    return places_locator(places)


class ProgramListView(PublicProgramsMixin, TemplateView):
    """Every real public program as a card, in the order of the kinds, then the kinds, each
    introduced by its section text."""

    template_name = "programs/program_list.html"

    def get_breadcrumbs(self, context):
        return [programs_crumb()]

    def get_context_data(self, **kwargs):
        sections = kind_sections(
            self.with_latest_edition(list(self.get_queryset())), Introduction.objects.by_section()
        )
        shown = [program for section in sections for program in section["programs"]]
        real, samples = self.real_and_samples(shown)
        for section in sections:
            section["programs"] = self.real_and_samples(section["programs"])[0]
            self.with_offices(section)
        return super().get_context_data(
            programs=real,
            sections=sections,
            sample_programs=samples,
            collection=collection("Programs", shown),
            **kwargs,
        )


class ProgramKindView(PublicProgramsMixin, TemplateView):
    """The programs of one kind, e.g. /programs/kind/regional/."""

    template_name = "programs/program_kind.html"

    def get_context_data(self, **kwargs):
        try:
            kind = ProgramKind(kwargs.pop("kind"))
        except ValueError:
            raise Http404("No such kind of program.") from None
        introduction = Introduction.objects.filter(section=kind.value).first()
        programs = self.with_latest_edition(list(self.get_queryset().filter(kind=kind)))
        real, samples = self.real_and_samples(programs)
        heading = introduction.heading if introduction and introduction.heading else kind.label
        section = self.with_offices({"kind": kind, "introduction": introduction, "programs": real})
        return super().get_context_data(
            kind=kind,
            introduction=introduction,
            programs=programs,
            kind_section=section,
            head_map=per_generation(
                f"kind-map:{kind.value}", lambda: offices_map(section.get("offices", []))
            ),
            sample_programs=samples,
            kinds=list(ProgramKind),
            collection=collection(heading, programs),
            page_heading=heading,
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        return [programs_crumb(), Crumb(context["page_heading"], self.request.path)]


def public_contacts():
    """The contacts of the public programs, once per content generation (footer, landing,
    programs without contacts of their own)."""
    return per_generation("public-contacts", lambda: list(Contact.objects.of_public_programs()))


class EditionArchiveMixin(BreadcrumbsMixin, PaginatedListMixin):
    """Shared by the archive and a year of it: every public edition of every real program
    (a sample's, made to try the application form, is reached from its open call), newest
    first, as rows of the edition table (Django's date-based archive views on the start
    date)."""

    template_name = "programs/edition_archive.html"
    context_object_name = "editions"
    date_field = "start_date"
    allow_future = True  # the archive lists coming editions too

    def get_queryset(self):
        return (
            Edition.objects.published()
            .filter(program__is_sample=False)
            .select_related("program", "venue_country")
            .with_participant_counts()
            .with_program_ranks()
            .order_by("-start_date", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            years=per_generation("edition-years", public_edition_years),
            programs_with_editions=per_generation("archive-programs", programs_with_editions),
            **kwargs,
        )
        # A year after this one has only editions to come: its chip stands apart.
        this_year = timezone.localdate().year
        context["upcoming_years"] = [y for y in context["years"] if y > this_year]
        year = context.get("year")
        name = f"Editions of {year}" if year else "Archive of editions"
        context["collection"] = collection(
            name, context["editions"], label=lambda edition: edition.full_title
        )
        return context

    def get_breadcrumbs(self, context):
        return [archive_crumb()]


def programs_with_editions():
    """The public programs (not a sample) that have public editions, with their count and
    the years of their first and last (`first_year`, `last_year`), for the archive's links
    to each program's own list of editions."""
    public = published_q("editions__")
    programs = (
        Program.objects.published()
        .filter(is_sample=False)
        .with_public_edition_counts()
        .annotate(
            first_year=Min(ExtractYear("editions__start_date"), filter=public),
            last_year=Max(ExtractYear("editions__start_date"), filter=public),
        )
    )
    return list(programs.filter(public_edition_count__gt=0).order_by("-public_edition_count"))


def public_edition_years():
    years = (
        Edition.objects.published()
        .filter(program__is_sample=False)
        .dates("start_date", "year", order="DESC")
    )
    return [day.year for day in years]


class EditionArchiveView(EditionArchiveMixin, DateArchiveMixin, ArchiveIndexView):
    """The whole archive: the editions held, in pages of `paginate_by`; those still to
    come (a few) apart above them, soonest first."""

    paginate_by = 50
    allow_empty = True  # a site without editions yet says so

    def get_queryset(self):
        return super().get_queryset().filter(end_date__lt=timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming_editions"] = (
            list(
                EditionArchiveMixin.get_queryset(self)
                .filter(end_date__gte=timezone.localdate())
                .order_by("start_date", "pk")
            )
            if context["page_obj"].number == 1
            else []
        )
        return context


class EditionYearView(EditionArchiveMixin, DateArchiveMixin, YearArchiveView):
    """One year's editions on one page, newest first as in the archive; a year without any
    is a 404."""

    make_object_list = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = context["editions"]
        context["year_summary"] = year_summary(editions)
        # The years either side, for the onward pager (`includes/pager.html`), each named
        # as its page is headed.
        context["earlier_year"], context["later_year"] = (
            year_step(context.get(key)) for key in ("previous_year", "next_year")
        )
        return context

    def get_breadcrumbs(self, context):
        return [archive_crumb(), Crumb(str(context["year"]), self.request.path)]


def year_step(day):
    """A year of the archive as the pager names it: its page and its heading."""
    if day is None:
        return None
    return SimpleNamespace(
        get_absolute_url=reverse("programs:edition_archive_year", args=[day.year]),
        title=f"Editions of {day.year}",
    )


def year_summary(editions):
    """What a year's sentence and its Key facts say of it: how many editions, of which
    programs (and, in `program_ranks`, which of each program's public editions they are:
    `numbers`, first to last, of `total`), their days of training, their venues (each
    once, newest first) and whether one was online only, and the cities and bodies that
    took part (each counted once, where recorded: none when no edition records any).
    Reads the participants in one query, only when an edition has some."""
    editions = list(editions)
    bodies = 0
    if any(edition.body_count for edition in editions):
        rows = Participant.objects.filter(edition__in=editions).values_list("place_id", "name")
        bodies = len({place_id or name for place_id, name in rows})
    ranks = {}
    for edition in editions:
        rank = edition.program_rank
        row = ranks.setdefault(
            edition.program_id,
            SimpleNamespace(program=edition.program, numbers=[], total=rank.total if rank else 0),
        )
        if rank:
            row.numbers = sorted([*row.numbers, rank.number])
    return SimpleNamespace(
        edition_count=len(editions),
        programs=[row.program for row in ranks.values()],
        program_ranks=list(ranks.values()),
        day_count=sum(edition.day_count for edition in editions),
        venues=list(dict.fromkeys(edition.venue for edition in editions if edition.venue)),
        online=any(
            edition.attendance == AttendanceMode.ONLINE and not edition.venue
            for edition in editions
        ),
        body_count=bodies,
    )
