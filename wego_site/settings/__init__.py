"""The settings Django reads (DJANGO_SETTINGS_MODULE=wego_site.settings)."""

from wego_site.settings.base import *  # noqa: F403
