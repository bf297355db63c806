"""Public pages of programs and editions. Every queryset starts from `.published()`."""

from django.db.models import Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from programs.models import (
    Contact,
    Edition,
    Introduction,
    Program,
    ProgramKind,
    RegionalOffice,
    prefetch_parts,
)
from wego_site.core.dates import YearListMixin
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb, collection
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


def programs_crumb():
    return Crumb("Programs by kind", reverse("programs:program_list"))


def archive_crumb():
    return Crumb("Archive of editions", reverse("programs:edition_archive"))


class PublicProgramsMixin(BreadcrumbsMixin):
    def get_queryset(self):
        return (
            Program.objects.published()
            .with_public_edition_counts()
            .select_related("regional_office")
        )

    def offices_without_program(self):
        """Regional offices with no public program, named among the regional office
        programs (the template asks)."""
        return list(RegionalOffice.objects.exclude(programs__in=Program.objects.published()))


class ProgramListView(PublicProgramsMixin, TemplateView):
    """Every public program, grouped by kind, each introduced by its section text."""

    template_name = "programs/program_list.html"

    def get_breadcrumbs(self, context):
        return [programs_crumb()]

    def get_context_data(self, **kwargs):
        sections = kind_sections(list(self.get_queryset()), Introduction.objects.by_section())
        shown = [program for section in sections for program in section["programs"]]
        return super().get_context_data(
            sections=sections, collection=collection("Programs by kind", shown), **kwargs
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
        programs = list(self.get_queryset().filter(kind=kind))
        heading = introduction.heading if introduction and introduction.heading else kind.label
        return super().get_context_data(
            kind=kind,
            introduction=introduction,
            programs=programs,
            kind_section={"kind": kind, "introduction": introduction, "programs": programs},
            other_kinds=[k for k in ProgramKind if k != kind],
            collection=collection(heading, programs),
            page_heading=heading,
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        return [programs_crumb(), Crumb(context["page_heading"], self.request.path)]


class ProgramDetailView(BreadcrumbsMixin, DetailView):
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return (
            Program.objects.published()
            .select_related("regional_office")
            .prefetch_related("partners", "contacts")
        )

    def get_editions(self):
        """The program's editions to list; a staff preview may include hidden ones.

        Through the reverse relation each edition's program is this one, so their
        addresses need no join."""
        return self.object.editions.published().select_related("venue_country", "call")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        editions = list(self.get_editions())
        upcoming = [edition for edition in editions if edition.is_upcoming(today)]
        # Asked through the reverse relation: programs never imports news.
        posts = self.object.posts.published()[:3]
        return super().get_context_data(
            other_programs=self.other_programs(),
            fallback_contacts=self.fallback_contacts(),
            # The next edition first; past ones newest first (the default order).
            upcoming_editions=upcoming[::-1],
            # Calls of the coming editions that are open or still to open.
            calls=[
                e.public_call for e in upcoming[::-1] if e.public_call and not e.public_call.is_over
            ],
            past_editions=[edition for edition in editions if not edition.is_upcoming(today)],
            all_editions=editions,
            edition_count=len(editions),
            related_posts=posts,
            series_json_ld=self.object.series_json_ld(
                self.request.build_absolute_uri(self.object.get_absolute_url()), editions
            ),
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        program = self.object
        return [kind_crumb(ProgramKind(program.kind)), Crumb(program.title, self.request.path)]

    def kind_introduction(self):
        """The introduction of the program's kind: the page of a program known by its name
        only presents the regional office that runs it with it (its template asks)."""
        return Introduction.objects.filter(section=self.object.kind).first()

    def other_programs(self):
        return list(
            Program.objects.published()
            .exclude(pk=self.object.pk)
            .only("slug", "title", "kind", "position")
        )

    def fallback_contacts(self):
        """A program without contacts of its own names the people the site gives for
        every program (those of the published programs), so no page leaves a visitor
        without someone to ask."""
        if self.object.contacts.all():
            return []
        return public_contacts()


def public_contacts():
    """The contacts of the public programs, once per content generation (footer, landing,
    programs without contacts of their own)."""
    return per_generation("public-contacts", lambda: list(Contact.objects.of_public_programs()))


class EditionDetailView(BreadcrumbsMixin, DetailView):
    template_name = "programs/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return (
            Edition.objects.published()
            .filter(program__slug=self.kwargs["program_slug"])
            .select_related("program__regional_office", "venue_country", "call")
            .prefetch_related("co_organisers", "contacts", "call__contacts")
        )

    def get_object(self, queryset=None):
        # Topics, site visits and participants in one query instead of three.
        return prefetch_parts(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        edition = self.object
        url = self.request.build_absolute_uri(edition.get_absolute_url())
        participant_groups = edition.participants_by_country()
        return super().get_context_data(
            is_past=not edition.is_upcoming(),
            # An edition known by its dates and venue only gets the compact page.
            documented=bool(
                edition.summary
                or edition.body
                or edition.topics.all()
                or edition.site_visits.all()
                or participant_groups
            ),
            # Called by the template where it lists them (not on the compact page).
            neighbours=self.neighbours,
            participant_groups=participant_groups,
            # Through the reverse relation each testimonial's edition is this one, program
            # loaded: `source` needs no query of its own.
            testimonials=edition.testimonials.published(),
            event_json_ld=edition.event_json_ld(url),
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        edition, program = self.object, self.object.program
        return [
            kind_crumb(ProgramKind(program.kind)),
            Crumb(program.title, program.get_absolute_url()),
            Crumb(edition.title, self.request.path),
        ]

    def neighbours(self):
        """The program's editions just before and after this one, oldest first: the ways
        on from an edition page, in one query."""
        edition = self.object
        siblings = Edition.objects.published().filter(program_id=edition.program_id)
        earlier = siblings.filter(start_date__lt=edition.start_date).order_by("-start_date")
        later = siblings.filter(start_date__gt=edition.start_date).order_by("start_date")
        return list(
            Edition.objects.filter(
                Q(pk=Subquery(earlier.values("pk")[:1])) | Q(pk=Subquery(later.values("pk")[:1]))
            )
            .select_related("program")
            .order_by("start_date")
            .only("slug", "title", "start_date", "end_date", "program__slug", "program__title")
        )

    # The page of an edition known only by its dates and venue shows its program's
    # editions and how to take part next; its template asks for these.
    @cached_property
    def program_editions(self):
        """Every public edition of this edition's program, newest first, with its call."""
        return list(
            Edition.objects.published()
            .filter(program_id=self.object.program_id)
            .select_related("program", "venue_country", "call")
            .with_participant_counts()
        )

    def program_calls(self):
        """Calls of the program's coming editions that are open or about to open."""
        today = timezone.localdate()
        return [
            e.public_call
            for e in reversed(self.program_editions)
            if e.is_upcoming(today) and e.public_call and not e.public_call.is_over
        ]

    def next_edition(self):
        today = timezone.localdate()
        coming = [
            e for e in self.program_editions if e.is_upcoming(today) and e.pk != self.object.pk
        ]
        return coming[-1] if coming else None


class EditionArchiveView(BreadcrumbsMixin, YearListMixin, ListView):
    """Every public edition of every program, newest first, as rows of the edition table:
    the whole archive in pages of `paginate_by`, or one year's editions on one page."""

    template_name = "programs/edition_archive.html"
    context_object_name = "editions"
    paginate_by = 50
    year_lookup = "start_date__year"
    years_memo = "edition-years"

    def get_queryset(self):
        editions = Edition.objects.published().select_related("program", "venue_country")
        return (
            self.narrowed_to_year(editions).with_participant_counts().order_by("-start_date", "-pk")
        )

    def public_years(self):
        years = Edition.objects.published().dates("start_date", "year", order="DESC")
        return [day.year for day in years]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        name = f"Editions of {year}" if year else "Archive of editions"
        context["collection"] = collection(name, context["editions"])
        return context

    def get_breadcrumbs(self, context):
        year = self.kwargs.get("year")
        if year is None:
            return [archive_crumb()]
        return [archive_crumb(), Crumb(str(year), self.request.path)]
