from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.urls import register_converter
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from post_office.apps import PostOfficeConfig


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
        from wego_site.core.converters import YearConverter
        from wego_site.core.roles import setup_roles_after_migrate
        from wego_site.core.uploads import make_uploads_root
        from wego_site.pagecache import generation

        # Django's checks and every upload expect the folder to be there, private.
        make_uploads_root()

        post_migrate.connect(setup_roles_after_migrate, dispatch_uid="wego_site_setup_roles")
        post_migrate.connect(create_cache_tables, dispatch_uid="wego_site_cache_tables")
        # After the admin's autodiscover (its app is first in INSTALLED_APPS), which
        # registered django-otp's device admins and Django's user admin.
        from django.contrib import admin

        from wego_site.core import staff_devices

        staff_devices.register(admin.site)
        generation.connect_signals()
        cards.connect_signals()
        register_converter(YearConverter, "year")


def create_cache_tables(sender, using, verbosity=1, **kwargs):
    """The tables of the database caches in CACHES (the rate limit's, without Redis):
    made after every `migrate`, so no deployment step can forget them, and UNLOGGED on
    PostgreSQL (wego_site/core/counter_cache.py says why)."""
    if sender.label == "wego_site":
        from django.core.management import call_command

        from wego_site.core.counter_cache import unlog_tables

        call_command("createcachetable", database=using, verbosity=0)
        unlog_tables(using)


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with `admin.site` asking staff for a one-time code
    (wego_site/core/admin_site.py)."""

    default = False  # CoreConfig is this module's app
    default_site = "wego_site.core.admin_site.StaffAdminSite"


class AuthenticatorAppsConfig(TOTPConfig):
    """django-otp's TOTP devices, under a heading an administrator can read."""

    verbose_name = "Two-factor sign-in: authenticator apps"


class RecoveryCodesConfig(StaticConfig):
    """django-otp's static devices: each staff member's sheet of one-use recovery codes."""

    verbose_name = "Two-factor sign-in: recovery codes"


class SignInAttemptsConfig(AxesConfig):
    """django-axes' records of sign-in attempts and lockouts, under a heading an
    administrator can read (its own is "Axes")."""

    verbose_name = "Sign-in attempts and lockouts"


class EmailQueueConfig(PostOfficeConfig):
    """django-post-office's queue of the emails the site sends (its own heading is
    "Post Office")."""

    verbose_name = "Emails sent by the site"
