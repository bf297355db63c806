"""Sitemap sections for programs and editions: published ones only, dated by their last edit."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import timezone

from programs.models import Edition, Program
from wego_site.publishing import PublicationStatus


class ProgramSitemap(Sitemap):
    def items(self):
        # A program's page lists its editions, so an edited edition dates the page too.
        published_editions = Q(
            editions__status=PublicationStatus.PUBLISHED,
            editions__published_at__lte=timezone.now(),
        )
        return (
            Program.objects.published()
            .annotate(editions_updated_at=Max("editions__updated_at", filter=published_editions))
            .order_by("position", "title")
        )

    def lastmod(self, program):
        return max(filter(None, [program.updated_at, program.editions_updated_at]))


class EditionSitemap(Sitemap):
    def items(self):
        return Edition.objects.published()

    def lastmod(self, edition):
        return edition.updated_at
