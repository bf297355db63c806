from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WegoSiteConfig(AppConfig):
    name = "wego_site"
    verbose_name = "Site"

    def ready(self):
        from wego_site import (
            cache,
            redirects,  # noqa: F401 - connects the slug-change recorders
        )
        from wego_site.roles import setup_roles_after_migrate

        post_migrate.connect(setup_roles_after_migrate, dispatch_uid="wego_site_setup_roles")
        cache.connect_signals()
