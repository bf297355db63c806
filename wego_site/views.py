"""The “Training Programs” landing page, composed from every app, and the error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from news.models import Post
from programs.models import (
    Contact,
    Edition,
    Introduction,
    Program,
    ProgramKind,
    RegionalOffice,
    attach_parts,
)
from programs.views import kind_sections
from testimonials.models import Testimonial

logger = logging.getLogger(__name__)


def training_figures(programs, editions):
    """Figures for the page, computed from the public programs and editions (with parts)."""
    participants = [p for edition in editions for p in edition.participant_list]
    for edition in editions:
        edition.country_count = len({p.country_id for p in edition.participant_list})
    return {
        "program_total": len(programs),
        "edition_count": len(editions),
        "first_year": min((edition.year for edition in editions), default=None),
        "program_count": len({edition.program_id for edition in editions}),
        "body_count": len({(p.name, p.country_id) for p in participants}),
        "country_count": len({p.country_id for p in participants}),
    }


class LandingView(TemplateView):
    """The seed page's story in its order: overview, about, each kind of program, news,
    archives, the latest joint workshop, testimonials and contacts.

    Eight queries whatever the amount of data: introductions, programs, regional
    offices, editions, the editions' parts (one UNION), news, testimonials, contacts.
    """

    template_name = "landing.html"
    news_count = 6

    def get_context_data(self, **kwargs):
        introductions = Introduction.objects.by_section()
        programs = list(Program.objects.published().select_related("regional_office"))
        editions = attach_parts(Edition.objects.published().select_related("venue_country"))
        sections = {section["kind"]: section for section in kind_sections(programs, introductions)}
        offices_with_program = {p.regional_office_id for p in programs if p.regional_office_id}
        main_programs = sections[ProgramKind.MAIN]["programs"]
        joint_workshops = [e for e in editions if e.program.kind == ProgramKind.JOINT_WORKSHOP]
        featured = joint_workshops[0] if joint_workshops else None
        return super().get_context_data(
            introductions=introductions,
            main_section=sections[ProgramKind.MAIN],
            main_editions=sorted(
                (e for e in editions if e.program in main_programs), key=lambda e: e.start_date
            ),
            regional_section=sections[ProgramKind.REGIONAL],
            offices_without_program=[
                office
                for office in RegionalOffice.objects.all()
                if office.pk not in offices_with_program
            ],
            partner_section=sections[ProgramKind.PARTNER],
            joint_section=sections[ProgramKind.JOINT_WORKSHOP],
            featured_edition=featured,
            figures=training_figures(programs, editions),
            archive_years=sorted({edition.year for edition in editions}, reverse=True),
            latest_posts=Post.objects.published().prefetch_related(None)[: self.news_count],
            testimonials=Testimonial.objects.published(),
            contacts=Contact.objects.filter(programs__in=Program.objects.published())
            .distinct()
            .order_by("name"),
            organization_json_ld={
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": "World Smart Sustainable Cities Organization",
                "alternateName": "WeGO",
                "url": self.request.build_absolute_uri("/"),
            },
            **kwargs,
        )


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
