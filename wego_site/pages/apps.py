from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's own pages, composed from every content app; it has no models."""

    name = "wego_site.pages"
    label = "site_pages"
    verbose_name = "Site pages"
