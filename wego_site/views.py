from django.views.generic import TemplateView

from news.models import Post
from programs.models import Introduction, Program, ProgramKind
from testimonials.models import Testimonial


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
