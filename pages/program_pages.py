"""A program's page and an edition's page: the programs app's content with what the apps
above it add to them (a program's news and coming calls, an edition's call for
applications and the testimonials of its participants).

Composed here, at the top of the tree, so that programs knows nothing of news,
testimonials or applications. Their addresses keep the programs section's names
(`programs:program_detail`, `programs:edition_detail`): see pages/program_urls.py.
"""

from collections import Counter
from urllib.parse import urljoin

from django.db.models import (
    Case,
    F,
    Func,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView

from applications.linked_data import offer_json_ld
from news.models import Post
from programs.linked_data import event_json_ld, series_json_ld
from programs.models import Edition, Participant, Program, SiteVisit, Topic
from programs.views import (
    program_kind_crumb,
    programs_for_cards,
    public_contacts,
    with_latest_edition,
)
from testimonials.models import Testimonial
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb
from wego_site.core.preview import Previewable
from wego_site.core.world_map import places_locator
from wego_site.pagecache.generation import PAGES_KEPT, per_generation, per_generation_each


def public_call(edition):
    """The edition's call for applications when it is published, else None. Load the
    editions with ``select_related("call")``."""
    call = getattr(edition, "call", None)  # no call: the reverse accessor raises
    return call if call is not None and call.is_published else None


def partner_groups(program, editions, programs):
    """What `program`'s partners have done with WeGO besides it: for each partner, in the
    program's order, that co-organized some of `editions` or is a partner of some of
    `programs` (read with `co_organised_by_partners_of` and `sharing_partners_with`),
    {"organisation", "editions", "programs"}; a partner with neither is left out. Expects
    the program's partners, the editions' co-organizers and the programs' partners
    prefetched."""
    groups = []
    for partner in program.partners.all():
        group = {
            "organisation": partner,
            "editions": [e for e in editions if partner in e.co_organisers.all()],
            "programs": [p for p in programs if partner in p.partners.all()],
        }
        if group["editions"] or group["programs"]:
            groups.append(group)
    return groups


def host_places(program, editions):
    """Where a program is held, for the map in its page's head: its regional office's
    place, else the venues of its editions, the most used first (none for a program
    held online or with no edition yet)."""
    office = program.regional_office
    if office is not None and office.place is not None:
        return [office.place]
    venues = Counter(edition.venue_place for edition in editions if edition.venue_place_id)
    return [place for place, _count in venues.most_common()]


class ProgramDetailView(Previewable, BreadcrumbsMixin, DetailView):
    template_name = "programs/program_detail.html"
    context_object_name = "program"
    related_post_count = 3
    other_program_count = 8
    # A few testimonials, newest first; the testimonials page, a link away, has them all.
    testimonial_count = 2

    def get_queryset(self):
        return (
            self.visible(Program.objects)
            .select_related("regional_office__place__country")
            .with_partners_elsewhere()
            .prefetch_related("partners", "contacts")
        )

    @cached_property
    def content(self):
        """What the page shows from the database, read once per content generation for
        each program (a preview reads it afresh): none of it depends on the request or
        the day, and what does (which editions are still to come, which calls are open)
        is sorted out per request in `get_context_data`."""
        if self.preview:
            return self.gather_content()
        return per_generation_each(
            "program-pages", self.kwargs[self.slug_url_kwarg], self.gather_content, PAGES_KEPT
        )

    def gather_content(self):
        """The program (a 404 when it is not public: nothing is kept then), its editions
        (hidden ones too in a preview), a few posts about it and a few testimonials."""
        program = super().get_object()
        # Through the reverse relation each edition's program is this one, so their
        # addresses need no join; each row of the table says how many took part, where
        # recorded, and is named by its year, with its months where the program has two
        # editions that year (counted in the same query).
        editions = list(
            self.visible(program.editions)
            .select_related("venue_country", "venue_place__country", "call")
            .with_participant_counts()
            .with_program_ranks()
        )
        return {
            "program": program,
            "editions": editions,
            # Listed by title and date, each linking to the post.
            "related_posts": list(
                Post.objects.published()
                .filter(related_programs=program)
                .only("title", "slug", "published_at")[: self.related_post_count]
            ),
            "testimonials": self.testimonials(program, editions),
            "partner_editions": self.partner_editions(program),
            "head_map": places_locator(host_places(program, editions)),
        }

    def get_object(self, queryset=None):
        return self.content["program"]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        content = self.content
        editions = content["editions"]
        # The next edition first; past ones newest first (the default order).
        upcoming = [edition for edition in editions if edition.is_upcoming(today)][::-1]
        calls = [public_call(edition) for edition in upcoming]
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        partner_programs = self.partner_programs()
        # A program shown under "Also with" (one with a partner in common, or one whose
        # edition a partner co-organized) is not offered again among the others.
        shown = {program.pk for program in partner_programs} | {
            edition.program_id for edition in content["partner_editions"]
        }
        others = [other for other in self.other_programs() if other.pk not in shown]
        past = [edition for edition in editions if not edition.is_upcoming(today)]
        return super().get_context_data(
            lead_edition=self.lead_edition(past),
            partners_elsewhere=partner_groups(
                self.object, content["partner_editions"], partner_programs
            ),
            other_programs=others[: self.other_program_count],
            # The other programs' cards name their latest edition held: kept per day.
            cards_day=today,
            more_programs=len(others) > self.other_program_count,
            fallback_contacts=self.fallback_contacts(),
            upcoming_editions=upcoming,
            # Calls of the coming editions that are open or still to open.
            calls=[call for call in calls if call is not None and not call.is_over],
            past_editions=past,
            all_editions=editions,
            edition_count=len(editions),
            # A program with no text and no edition: how to take part is its whole
            # story, beside its Key facts (its head's lede names a regional office's).
            says_little=not self.object.body and not editions,
            related_posts=content["related_posts"],
            testimonials=content["testimonials"],
            # How many the testimonials page holds, which the link to it says.
            testimonial_total=getattr(next(iter(content["testimonials"]), None), "site_total", 0),
            head_map=content["head_map"],
            series_json_ld=series_json_ld(self.object, url, editions),
            **kwargs,
        )

    def lead_edition(self, past_editions):
        """A program with no text of its own is presented by the record of its latest
        edition held (its summary, figures, co-organisers and topics), which leads the
        page; else None. Which edition that is depends on the day; its record is read
        once per content generation (a preview reads it afresh)."""
        program = self.object
        if program.summary or program.body or not past_editions:
            return None
        pk = past_editions[0].pk
        if self.preview:
            return self.gather_lead_edition(pk)
        return per_generation_each(
            "program-lead-editions", pk, lambda: self.gather_lead_edition(pk), PAGES_KEPT
        )

    @staticmethod
    def gather_lead_edition(pk):
        edition = (
            Edition.objects.filter(pk=pk)
            .select_related("program", "venue_country")
            .with_participant_counts()
            .with_program_ranks()
            .get()
        )
        prefetch_related_objects(
            [edition], Prefetch("topics", Topic.objects.order_by("position")), "co_organisers"
        )
        return edition

    @staticmethod
    def partner_editions(program):
        """The editions of other real programs that the program's partners co-organized,
        newest first, as rows of the editions' table (what each recorded, its place among
        its program's editions) with their co-organizers; none for a program without
        partners or whose partners co-organized none (no query then)."""
        if not program.partners_co_organised:
            return []
        return list(
            Edition.objects.published()
            .co_organised_by_partners_of(program)
            .filter(program__is_sample=False)
            .select_related("program", "venue_country")
            .with_participant_counts()
            .with_program_ranks()
            .prefetch_related("co_organisers")
        )

    def partner_programs(self):
        """The other real programs with a partner in common with this one, as the programs
        pages' cards in short; none for a program that has no partner in common with
        another (no query then). Read once per content generation and day for each program
        (a card names the latest edition held); a preview reads them afresh."""
        program = self.object
        if not program.partners_shared:
            return []

        def sharing():
            return with_latest_edition(
                list(
                    programs_for_cards()
                    .sharing_partners_with(program)
                    .filter(is_sample=False)
                    .order_by("position", "title")
                )
            )

        if self.preview:
            return sharing()
        today = timezone.localdate().isoformat()
        return per_generation_each(f"partner-programs:{today}", program.pk, sharing, PAGES_KEPT)

    def testimonials(self, program, editions):
        """A few public testimonials of the program or its public editions (of
        `editions`, the program's), newest year first, shown as excerpts linking to the
        whole testimonies; the page is their source, so it is not loaded. Each carries
        `site_total`, the number of public testimonials on the site (the testimonials
        page's), counted in the same query."""
        public_editions = [edition.pk for edition in editions if edition.is_published]
        site_total = Subquery(
            Testimonial.objects.published()
            .order_by()
            .annotate(total=Func(F("pk"), function="COUNT"))
            .values("total")
        )
        return list(
            Testimonial.objects.published()
            .filter(Q(program=program) | Q(edition__in=public_editions))
            .select_related("place")
            .annotate(site_total=site_total)
            .order_by("-year", "pk")[: self.testimonial_count]
        )

    def get_breadcrumbs(self, context):
        program = self.object
        return [program_kind_crumb(program), Crumb(program.title, self.request.path)]

    def other_programs(self):
        """A few ways on, shown as the programs pages' cards: other real public programs
        (never a sample, which is shown apart), those of the same kind first, one more
        than are shown (to tell whether to link to them all). The page stays the same size
        however many programs the site has. Read once per content generation and day
        (a card names the latest edition held) for each kind: one more again, in case
        this program is among them."""
        kind = self.object.kind

        def first_of_kind():
            same_kind_first = Case(When(kind=kind, then=Value(0)), default=Value(1))
            return with_latest_edition(
                list(
                    programs_for_cards()
                    .filter(is_sample=False)
                    .order_by(same_kind_first, "position", "title")[: self.other_program_count + 2]
                )
            )

        today = timezone.localdate().isoformat()
        programs = per_generation(f"other-programs:{kind}:{today}", first_of_kind)
        return [program for program in programs if program.pk != self.object.pk][
            : self.other_program_count + 1
        ]

    def fallback_contacts(self):
        """A program without contacts of its own names the people the site gives for
        every program (those of the published programs), so no page leaves a visitor
        without someone to ask."""
        if self.object.contacts.all():
            return []
        return public_contacts()


class EditionDetailView(Previewable, BreadcrumbsMixin, DetailView):
    template_name = "programs/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return (
            self.visible(Edition.objects)
            .filter(program__slug=self.kwargs["program_slug"])
            .select_related(
                "program__regional_office", "venue_country", "venue_place__country", "call"
            )
            .prefetch_related(
                # In their order on the page (the parts' own ordering would join the
                # edition again to sort by it).
                Prefetch("topics", Topic.objects.order_by("position")),
                Prefetch("site_visits", SiteVisit.objects.order_by("position")),
                Prefetch(
                    "participants",
                    Participant.objects.select_related("country", "place").order_by("position"),
                ),
                "co_organisers",
                "contacts",
                "call__contacts",
            )
        )

    @cached_property
    def content(self):
        """The edition with its parts, grouped participants and testimonials, read once
        per content generation for each edition (a preview reads them afresh); whether
        it is past and its call's state are worked out per request."""
        if self.preview:
            return self.gather_content()
        slugs = (self.kwargs["program_slug"], self.kwargs[self.slug_url_kwarg])
        return per_generation_each("edition-pages", slugs, self.gather_content, PAGES_KEPT)

    def gather_content(self):
        """The edition (a 404 when it is not public: nothing is kept then) and what the
        page lists from other tables. An edition known by its dates and venue only gets
        the compact page, which shows its program's editions instead."""
        edition = super().get_object()
        participant_groups = edition.participants_by_country()
        documented = bool(
            edition.summary
            or edition.body
            or edition.topics.all()
            or edition.site_visits.all()
            or participant_groups
        )
        return {
            "edition": edition,
            "documented": documented,
            "participant_groups": participant_groups,
            "testimonials": list(
                Testimonial.objects.published().filter(edition=edition).select_related("place")
            ),
            "program_editions": [] if documented else self.public_program_editions(edition),
            "head_map": places_locator([edition.venue_place] if edition.venue_place else []),
        }

    def get_object(self, queryset=None):
        return self.content["edition"]

    def get_context_data(self, **kwargs):
        edition = self.object
        content = self.content
        url = self.request.build_absolute_uri(edition.get_absolute_url())
        call = public_call(edition)
        offer = offer_json_ld(call, urljoin(url, call.get_absolute_url())) if call else None
        return super().get_context_data(
            is_past=not edition.is_upcoming(),
            documented=content["documented"],
            # Called by the template where it lists them (not on the compact page).
            neighbours=self.neighbours,
            participant_groups=content["participant_groups"],
            call=call,
            testimonials=content["testimonials"],
            head_map=content["head_map"],
            event_json_ld=event_json_ld(edition, url, offers=offer),
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        edition, program = self.object, self.object.program
        return [
            program_kind_crumb(program),
            Crumb(program.title, program.get_absolute_url()),
            Crumb(edition.full_title, self.request.path),
        ]

    def neighbours(self):
        """The program's editions just before and after this one, oldest first: the ways
        on from an edition page. The compact page has them among its program's editions
        already; else they are read once per content generation."""
        edition = self.object

        def by_date():
            return list(
                Edition.objects.published()
                .filter(program_id=edition.program_id)
                .select_related("program")
                .order_by("start_date", "pk")
                .only("slug", "title", "start_date", "end_date", "program__slug", "program__title")
            )

        editions = sorted(
            self.program_editions
            or per_generation(f"program-editions-by-date:{edition.program_id}", by_date),
            key=lambda e: (e.start_date, e.pk),
        )
        earlier = [e for e in editions if e.start_date < edition.start_date][-1:]
        later = [e for e in editions if e.start_date > edition.start_date][:1]
        return earlier + later

    @staticmethod
    def public_program_editions(edition):
        """Every public edition of the edition's program, newest first, with its call."""
        return list(
            Edition.objects.published()
            .filter(program_id=edition.program_id)
            .select_related("program", "venue_country", "call")
            .with_participant_counts()
            .with_program_ranks()
        )

    # The compact page of an edition shows its program's editions (its timeline), its place
    # among them and how to take part next; its template asks for these.
    @property
    def program_editions(self):
        return self.content["program_editions"]

    def edition_rank(self):
        """This edition's place among its program's public editions, as the archive's rows
        count it (`Edition.program_rank`); None when it is not among them (a staff
        preview)."""
        row = next((e for e in self.program_editions if e.pk == self.object.pk), None)
        return row.program_rank if row else None

    def program_calls(self):
        """Calls of the program's coming editions that are open or about to open."""
        today = timezone.localdate()
        calls = [public_call(e) for e in reversed(self.program_editions) if e.is_upcoming(today)]
        return [call for call in calls if call is not None and not call.is_over]

    def next_edition(self):
        """The program's next coming edition other than this one, which the line on how
        to take part names (the timeline lists it among the others without saying it is
        the next)."""
        today = timezone.localdate()
        coming = [
            e for e in self.program_editions if e.is_upcoming(today) and e.pk != self.object.pk
        ]
        return coming[-1] if coming else None
