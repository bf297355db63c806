"""Views that help people and machines find the site: search, robots.txt, /favicon.ico.

The sitemap itself is Django's view, fed by `pages.sitemaps`.
"""

import functools

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from pages import search, search_help
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb


class SearchView(BreadcrumbsMixin, TemplateView):
    """`/search/?q=...`: every public program, edition, news post, testimonial and place;
    `&kind=news` (a kind of `search.KINDS`) that kind's only, any other value ignored."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        results = search.run(self.request.GET.get("q", ""), self.request.GET.get("kind", ""))
        context = super().get_context_data(results=results, **kwargs)
        if not results.sections:
            # Nothing found (or nothing asked): offer ways on rather than a dead end.
            context["ways_on"] = search_help.ways_on()
            if results.searched:
                context["spelling_hint"] = search_help.spelling_hint(results.query)
        return context

    def get_breadcrumbs(self, context):
        return [Crumb("Search", self.request.path)]


class RobotsTxtView(TemplateView):
    """`/robots.txt`: every page may be crawled; where the sitemap is.

    It names no private path: listing the admin's prefix would publish it. The admin
    answers with `X-Robots-Tag: noindex` and asks to sign in instead.
    """

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sitemap_url=self.request.build_absolute_uri(reverse("sitemap")),
            **kwargs,
        )


@functools.cache
def _favicon():
    return (settings.BASE_DIR / "static" / "icons" / "favicon.ico").read_bytes()


@require_safe
def favicon(request):
    """`/favicon.ico`, where browsers and feed readers look first (drawn by `draw_icons`)."""
    response = HttpResponse(_favicon(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response
