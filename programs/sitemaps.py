"""Sitemap sections for programs and editions: published ones only, dated by their last edit."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from programs.models import Edition, Program
from wego_site.core.publishing import published_q


class ProgramSitemap(Sitemap):
    def items(self):
        # A program's page lists its editions, so an edited edition dates the page too.
        return (
            Program.objects.published()
            .annotate(
                editions_updated_at=Max("editions__updated_at", filter=published_q("editions__"))
            )
            .order_by("position", "title")
        )

    def lastmod(self, program):
        return max(filter(None, [program.updated_at, program.editions_updated_at]))


class EditionSitemap(Sitemap):
    def items(self):
        return Edition.objects.published().select_related("program")  # for the address

    def lastmod(self, edition):
        return edition.updated_at
