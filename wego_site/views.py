import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from news.models import Post
from programs.models import Introduction, Program, ProgramKind
from testimonials.models import Testimonial

logger = logging.getLogger(__name__)


class LandingView(TemplateView):
    """The “Training Programs” page: the seed page's story, composed from every app."""

    template_name = "landing.html"

    def get_context_data(self, **kwargs):
        programs = list(Program.objects.published().select_related("regional_office"))
        return super().get_context_data(
            introductions=Introduction.objects.by_section(),
            programs_by_kind=[
                (kind, [p for p in programs if p.kind == kind]) for kind in ProgramKind
            ],
            latest_posts=Post.objects.published()[:10],
            testimonials=Testimonial.objects.published(),
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
