"""How the site writes a moment, everywhere: “2 December 2026, 06:00 Seoul time (UTC+9)”.

A time means nothing without its zone, so the zone is named by its city and its offset
from UTC on that day. A moment is written in the site's zone (settings.TIME_ZONE), or in
the zone given (a call for applications keeps its own).
"""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.dateformat import format as format_date


def utc_offset(moment):
    """“UTC+9”, “UTC+5:30”, “UTC-3” or “UTC” for an aware datetime."""
    minutes = int((moment.utcoffset() or dt.timedelta()).total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(moment, zone_name=None):
    """“Seoul time (UTC+9)”, or “UTC”: the zone a local moment is written in."""
    zone_name = zone_name or timezone.get_current_timezone_name()
    if zone_name == "UTC":
        return "UTC"
    city = zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time ({utc_offset(moment)})"


def local_moment(value, zone_name=None):
    """`value` in the zone named, or in the site's zone."""
    if zone_name:
        return value.astimezone(zoneinfo.ZoneInfo(zone_name))
    return timezone.localtime(value) if timezone.is_aware(value) else value


def moment_text(value, zone_name=None):
    """“2 December 2026, 06:00 Seoul time (UTC+9)”; empty for anything but a datetime."""
    if not isinstance(value, dt.datetime):
        return ""
    local = local_moment(value, zone_name)
    return f"{format_date(local, 'j F Y, H:i')} {zone_label(local, zone_name)}"
