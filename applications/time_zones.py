"""The time zones a call's moments may be given in. They are written in the call's own
zone by wego_site.core.date_text: "31 January 2027, 18:00 Seoul time (UTC+9)"."""

import zoneinfo
from functools import cache
from importlib import resources

from django.core.exceptions import ValidationError


@cache
def time_zone_choices():
    """UTC and the zones of the IANA database's list by country (tzdata's zone.tab), for
    the editors' drop-down: one name per zone, without the old aliases the database keeps
    for compatibility (“Asia/Calcutta” beside “Asia/Kolkata”)."""
    try:
        table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        table = ""
    names = {
        line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")
    } or {name for name in zoneinfo.available_timezones() if "/" in name}
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in sorted(names))]


def is_time_zone(name):
    """Any zone the database knows, old aliases included (a call may have been given one)."""
    return name == "UTC" or ("/" in name and name in zoneinfo.available_timezones())


def validate_time_zone(name):
    if not is_time_zone(name):
        raise ValidationError(f"“{name}” is not a time zone; choose one such as “Asia/Seoul”.")
