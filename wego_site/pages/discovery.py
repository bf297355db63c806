"""Views that help people and machines find the site: search and robots.txt.

The sitemap itself is Django's view, fed by `wego_site.pages.sitemaps`.
"""

from django.urls import reverse
from django.views.generic import TemplateView

from wego_site.pages import search, search_help


class SearchView(TemplateView):
    """`/search/?q=...`: every public program, edition, news post and testimonial."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        results = search.run(self.request.GET.get("q", ""))
        context = super().get_context_data(results=results, **kwargs)
        if not results.sections:
            # Nothing found (or nothing asked): offer ways on rather than a dead end.
            context["ways_on"] = search_help.ways_on()
            if results.searched:
                context["spelling_hint"] = search_help.spelling_hint(results.query)
        return context


class RobotsTxtView(TemplateView):
    """`/robots.txt`: everything but the admin may be crawled; where the sitemap is."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sitemap_url=self.request.build_absolute_uri(reverse("sitemap")),
            admin_path=reverse("admin:index"),
            **kwargs,
        )
