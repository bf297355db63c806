from django.apps import AppConfig


class WegoSiteConfig(AppConfig):
    name = "wego_site"
    verbose_name = "Site"

    def ready(self):
        from wego_site import cache

        cache.connect_signals()
