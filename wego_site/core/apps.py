from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    default = True
    """The building blocks every content app uses; its label keeps the tables' names."""

    name = "wego_site.core"
    label = "wego_site"
    verbose_name = "Site"

    def ready(self):
        from wego_site.core import (
            cards,
            redirects,  # noqa: F401 - connects the slug-change recorders
        )
        from wego_site.core.roles import setup_roles_after_migrate
        from wego_site.core.uploads import make_uploads_root
        from wego_site.pagecache import generation

        # Django's checks and every upload expect the folder to be there, private.
        make_uploads_root()

        post_migrate.connect(setup_roles_after_migrate, dispatch_uid="wego_site_setup_roles")
        generation.connect_signals()
        cards.connect_signals()


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with `admin.site` asking staff for a one-time code
    (wego_site/core/admin_site.py)."""

    default = False  # CoreConfig is this module's app
    default_site = "wego_site.core.admin_site.StaffAdminSite"
