"""Views that help people and machines find the site: search and robots.txt.

The sitemap itself is Django's view, fed by `wego_site.pages.sitemaps`.
"""

from django.urls import reverse
from django.views.generic import TemplateView

from wego_site.pages import search


class SearchView(TemplateView):
    """`/search/?q=...`: every public program, edition, news post and testimonial."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(results=search.run(self.request.GET.get("q", "")), **kwargs)


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
