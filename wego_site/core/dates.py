"""Dates that come from a URL, for every app's views."""

import datetime as dt

from django.http import Http404


def valid_year(year):
    """A year a date can hold in every time zone; anything else is a 404, never a 500."""
    if not dt.MINYEAR < year < dt.MAXYEAR:
        raise Http404("No such year.")
    return year
