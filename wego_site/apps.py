from django.apps import AppConfig


class WegoSiteConfig(AppConfig):
    name = "wego_site"
    verbose_name = "Site"
