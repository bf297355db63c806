from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    """The open data: a read-only API at /api/v1/ and downloadable data sets at /data/."""

    name = "opendata"
    verbose_name = "Open data"
