"""A call's moments as they read: "31 January 2027, 18:00 Seoul time (UTC+9)".

A deadline means nothing without its time zone, so every moment of a call is written
in the call's own zone, with the zone named and its offset from UTC on that day.
"""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def time_zone_choices():
    """Every IANA zone with a city in its name, for the editors' drop-down."""
    names = sorted(name for name in zoneinfo.available_timezones() if "/" in name)
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def utc_offset(moment):
    """ "UTC+9", "UTC+5:30", "UTC−3" or "UTC" for an aware datetime."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone_name):
    """ "Seoul time" for Asia/Seoul, "UTC" for UTC."""
    if zone_name == "UTC":
        return "UTC"
    return zone_name.rsplit("/", 1)[-1].replace("_", " ") + " time"


def local_moment(moment, zone_name):
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name))


def moment_text(moment, zone_name):
    """ "31 January 2027, 18:00 Seoul time (UTC+9)"."""
    local = local_moment(moment, zone_name)
    when = f"{local.day} {local:%B %Y, %H:%M}"
    label = zone_label(zone_name)
    offset = utc_offset(local)
    return f"{when} {label}" if label == offset else f"{when} {label} ({offset})"


def validate_time_zone(name):
    if name not in {value for value, _label in time_zone_choices()}:
        raise ValidationError(f"“{name}” is not a time zone; choose one such as “Asia/Seoul”.")
