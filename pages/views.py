"""The “Training Programs” landing page, composed from every app, and the error pages."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from news.models import Post
from pages.places import counted_places, host_places, participation_insets, participation_map
from pages.program_pages import public_call
from programs.figures import SiteFigures
from programs.models import Edition, Introduction, Program
from programs.views import kind_sections, public_contacts
from testimonials.models import Testimonial
from wego_site.core.linked_data import wego_organization
from wego_site.pagecache.generation import per_generation

logger = logging.getLogger(__name__)


class LandingView(TemplateView):
    """The overview and the open call first (or how to take part next), then the
    programs, the site's figures, the latest news and testimonials; each leads on to its
    full page.

    Seven queries, and a page of the same size, whatever the amount of data:
    introductions, programs (with their public editions counted), the latest editions of
    each kind (with the site's figures: `programs.figures`), news, testimonials,
    contacts and the places of the map (`places.participation_map`, drawn once per
    content generation and shared with /cities/). Each list is capped; its "all ..." link leads to the full list.

    They run once per content generation (`per_generation`): the site's busiest page
    then renders without a query even when the page cache cannot answer (a new query
    string, a front cache's miss), and the figures, which count the whole archive, are
    not counted again on every render. The template writes the content once per
    generation and day as well (`{% per_generation %}`).
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
            # The page's content is written once per generation and day as well.
            landing_day=today,
            organization_json_ld={
                "@context": "https://schema.org",
                **wego_organization(self.request.build_absolute_uri("/"), logo=True),
            },
            **kwargs,
        )

    def landing_data(self):
        introductions = Introduction.objects.by_section()
        programs = list(
            Program.objects.published()
            .with_public_edition_counts()
            .select_related("regional_office")
            .prefetch_related("partners")
        )
        editions = list(
            Edition.objects.published()
            .latest_of_each_kind(self.main_edition_count)
            .annotate(**SiteFigures.annotations())
            .select_related("program", "venue_country", "call")
        )
        today = timezone.localdate()
        coming = sorted((e for e in editions if e.is_upcoming(today)), key=lambda e: e.start_date)
        for edition in coming:
            edition.public_call = public_call(edition)
        calls = {e.pk: e.public_call for e in coming if e.public_call and not e.public_call.is_over}
        # Each program's card names its latest edition held (editions come newest first).
        latest_held = {}
        for edition in editions:
            if not edition.is_upcoming(today):
                latest_held.setdefault(edition.program_id, edition)
        for program in programs:
            program.latest_edition = latest_held.get(program.pk)
        sections = kind_sections(programs, introductions)
        # The map's places and hosts, loaded once for the map and its phone's inset.
        places, hosts = list(counted_places()), list(host_places())
        testimonials = (
            Testimonial.objects.published()
            .select_related("program", "edition__program", "place")
            .order_by("-year", "pk")
        )
        return {
            # In the hero: calls open or about to open, soonest deadline first; without
            # one, the next edition to come.
            "open_calls": sorted(calls.values(), key=lambda call: call.closes_at),
            "coming_editions": [e for e in coming if e.pk not in calls],
            "introductions": introductions,
            "about_text": getattr(introductions.get("about"), "text", ""),
            # Every program, in the order of the kinds, a few of each.
            "programs": [
                program
                for section in sections
                for program in section["programs"][: self.programs_per_kind]
            ],
            "figures": SiteFigures.of(
                editions, program_total=sum(not program.is_sample for program in programs)
            ),
            "latest_posts": list(Post.objects.published().with_tags()[: self.news_count]),
            # The latest testimonials, in the order of the testimonials page.
            "testimonials": list(testimonials[: self.testimonial_count]),
            "contacts": public_contacts(),
            # The map of the places that took part: /cities/'s, drawn once per generation,
            # and on a phone, under it, /cities/'s inset of the places its phone map
            # leaves out (the Americas); not the crowded spots, which /cities/ enlarges.
            "participation_map": participation_map(places=places, hosts=hosts),
            "participation_insets": participation_insets(places=places, hosts=hosts, crowded=False),
        }


def unavailable_dependencies():
    """What this server needs to answer pages and cannot reach: the database (a content
    table read, so a locked or missing database counts) and the shared cache."""
    failed = []
    try:
        Program.objects.only("pk").first()
    except DatabaseError as error:
        logger.error("Health check: the database does not answer (%s).", type(error).__name__)
        failed.append("database")
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        try:
            cache.set("healthz", "ok", 10)
            if cache.get("healthz") != "ok":
                raise ConnectionError("the value read back differs")
        except Exception as error:  # redis-py raises its own errors, not OSError's
            logger.error("Health check: the cache does not answer (%s).", type(error).__name__)
            failed.append("cache")
    return failed


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors: 200 "ok", or 503 naming what does not answer."""
    failed = unavailable_dependencies()
    if failed:
        body = "".join(f"{name}: unavailable\n" for name in failed)
        return HttpResponse(body, status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
