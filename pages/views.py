"""The “Training Programs” landing page, composed from every app, and the error pages."""

import logging
import re

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from news.models import Post
from pages.program_pages import public_call
from programs.figures import SiteFigures
from programs.models import (
    Edition,
    Introduction,
    Program,
    ProgramKind,
    RegionalOffice,
    attach_parts,
)
from programs.views import kind_sections, public_contacts
from testimonials.models import Testimonial
from wego_site.core.linked_data import wego_organization
from wego_site.pagecache.generation import per_generation

logger = logging.getLogger(__name__)


class LandingView(TemplateView):
    """The overview first, then what is coming (open calls, upcoming editions), a short
    section per kind of program, the latest news, the archive, the latest joint
    workshop, testimonials and contacts; each leads on to its full page.

    Eight queries, and a page of the same size, whatever the amount of data:
    introductions, programs, regional offices, the latest editions of each kind (with the
    site's figures: `programs.figures`), the featured edition's parts (one UNION), news,
    testimonials and contacts. Each list is capped; its "all ..." link leads to the full list.

    They run once per content generation (`per_generation`): the site's busiest page
    then renders without a query even when the page cache cannot answer (a new query
    string, a front cache's miss), and the figures, which count the whole archive, are
    not counted again on every render.
    """

    template_name = "landing.html"
    news_count = 3
    programs_per_kind = 6
    main_edition_count = 12
    testimonial_count = 2

    def get_context_data(self, **kwargs):
        # Per day too: an edition becomes past when its last day is over, with no save.
        today = timezone.localdate()
        return super().get_context_data(
            **per_generation(f"landing-{today.isoformat()}", self.landing_data),
            organization_json_ld={
                "@context": "https://schema.org",
                **wego_organization(self.request.build_absolute_uri("/"), logo=True),
            },
            **kwargs,
        )

    def landing_data(self):
        introductions = Introduction.objects.by_section()
        programs = list(Program.objects.published().select_related("regional_office"))
        sections = {section["kind"]: section for section in kind_sections(programs, introductions)}
        for section in sections.values():
            section["total"] = len(section["programs"])
            section["programs"] = section["programs"][: self.programs_per_kind]
        offices_with_program = {p.regional_office_id for p in programs if p.regional_office_id}
        editions = list(
            Edition.objects.published()
            .latest_of_each_kind(self.main_edition_count)
            .annotate(**SiteFigures.annotations())
            .select_related("program", "venue_country", "call")
        )
        today = timezone.localdate()
        coming = sorted((e for e in editions if e.is_upcoming(today)), key=lambda e: e.start_date)
        editions_held = [e for e in editions if not e.is_upcoming(today)]
        calls = {e.pk: public_call(e) for e in coming}
        calls = {pk: call for pk, call in calls.items() if call is not None and not call.is_over}
        joint_workshops = [e for e in editions_held if e.program.kind == ProgramKind.JOINT_WORKSHOP]
        featured = attach_parts(joint_workshops[:1])
        for edition in featured:
            edition.country_count = len({p.country_id for p in edition.participant_list})
        testimonials = (
            Testimonial.objects.published()
            .select_related("program", "edition__program")
            .order_by("-year", "pk")
        )
        return {
            # First on the page: calls open or about to open, then the other coming editions.
            "open_calls": sorted(calls.values(), key=lambda call: call.closes_at),
            "coming_editions": [e for e in coming if e.pk not in calls],
            "introductions": introductions,
            "about_text": about_without_overview(introductions),
            "main_section": sections[ProgramKind.MAIN],
            "main_editions": sorted(
                (e for e in editions_held if e.program.kind == ProgramKind.MAIN),
                key=lambda e: e.start_date,
            ),
            "regional_section": sections[ProgramKind.REGIONAL],
            "offices_without_program": [
                office
                for office in RegionalOffice.objects.all()
                if office.pk not in offices_with_program
            ],
            "partner_section": sections[ProgramKind.PARTNER],
            "joint_section": sections[ProgramKind.JOINT_WORKSHOP],
            "featured_edition": featured[0] if featured else None,
            "figures": SiteFigures.of(
                editions, program_total=sum(not program.is_sample for program in programs)
            ),
            "latest_posts": list(Post.objects.published()[: self.news_count]),
            # The latest testimonials, in the order of the testimonials page.
            "testimonials": list(testimonials[: self.testimonial_count]),
            "contacts": public_contacts(),
        }


def about_without_overview(introductions):
    """The “About” text without the sentences it shares with the overview above it.

    On the seed page both open with the same sentence; the landing page shows the
    overview first, so the About section starts where the two differ.
    """
    overview, about = introductions.get("overview"), introductions.get("about")
    if about is None:
        return ""
    text = about.text
    if overview is not None:
        for sentence in re.split(r"(?<=[.!?])\s+", overview.text.strip()):
            if sentence and text.startswith(sentence):
                text = text[len(sentence) :].lstrip()
            else:
                break
    return text


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
