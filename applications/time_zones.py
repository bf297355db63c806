"""The time zones a call's moments may be given in. They are written in the call's own
zone by wego_site.core.date_text: "31 January 2027, 18:00 Seoul time (UTC+9)"."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def time_zone_choices():
    """Every IANA zone with a city in its name, for the editors' drop-down."""
    names = sorted(name for name in zoneinfo.available_timezones() if "/" in name)
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def validate_time_zone(name):
    if name not in {value for value, _label in time_zone_choices()}:
        raise ValidationError(f"“{name}” is not a time zone; choose one such as “Asia/Seoul”.")
