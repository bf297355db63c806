from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's own pages, composed from every content app; it has no models."""

    name = "pages"
    label = "pages"
    verbose_name = "Site pages"
