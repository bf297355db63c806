"""How the site writes dates and moments, everywhere: date ranges as they read (“5–9
September 2011”, “29 May – 6 June 2012”) and moments with their zone (“2 December 2026,
06:00 Seoul time (UTC+9)”). The template filters (templatetags/wego.py), the admin and the
models' labels all write them here.

A time means nothing without its zone, so the zone is named by its city and its offset
from UTC on that day. A moment is written in the site's zone (settings.TIME_ZONE), or in
the zone given (a call for applications keeps its own).
"""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

DAY_MONTH_YEAR = "j F Y"
DAY_MONTH = "j F"
DAY = "j"


def date_range_parts(start, end):
    """The start and end labels of a range, dropping what the end already says; the end
    is None for a single day."""
    if end is None or end == start:
        return format_date(start, DAY_MONTH_YEAR), None
    if (start.year, start.month) == (end.year, end.month):
        return format_date(start, DAY), format_date(end, DAY_MONTH_YEAR)
    if start.year == end.year:
        return format_date(start, DAY_MONTH), format_date(end, DAY_MONTH_YEAR)
    return format_date(start, DAY_MONTH_YEAR), format_date(end, DAY_MONTH_YEAR)


def range_separator(start, end):
    """A closed-up en dash between days of one month, a spaced one otherwise."""
    return "–" if (start.year, start.month) == (end.year, end.month) else " – "


def date_range_text(start, end=None):
    """“5–9 September 2011”, “29 May – 6 June 2012”, “30 December 2012 – 2 January 2013”."""
    first, last = date_range_parts(start, end)
    if last is None:
        return first
    return f"{first}{range_separator(start, end)}{last}"


def month_range_text(start, end=None):
    """The months a range runs in, without days or year: “July”, “May–June”, “December–
    January”."""
    first = format_date(start, "F")
    last = format_date(end, "F") if end else first
    return first if last == first else f"{first}–{last}"


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


def day_text(value, zone_name=None):
    """“7 December 2026”: the day of a moment in the zone named (or the site's)."""
    if not isinstance(value, dt.datetime):
        return ""
    return format_date(local_moment(value, zone_name), DAY_MONTH_YEAR)


UTC_SEPARATOR = " — "


def utc_text(value, zone_name=None):
    """“5 January, 20:18 UTC”: the moment in UTC, for a moment written in another zone;
    the year only when it differs from the local one. Empty where the zone is at UTC."""
    if not isinstance(value, dt.datetime):
        return ""
    local = local_moment(value, zone_name)
    if not local.utcoffset():
        return ""
    utc = value.astimezone(dt.UTC)
    day = format_date(utc, DAY_MONTH if utc.year == local.year else DAY_MONTH_YEAR)
    return f"{day}, {format_date(utc, 'H:i')} UTC"


def moment_text(value, zone_name=None, *, with_utc=False):
    """“2 December 2026, 06:00 Seoul time (UTC+9)”; empty for anything but a datetime.

    `with_utc` adds the same moment in UTC, for readers anywhere (a call's deadline):
    “6 January 2027, 05:18 Seoul time (UTC+9) — 5 January, 20:18 UTC”; the year is
    repeated only when it differs. A zone at UTC on that day is written once."""
    if not isinstance(value, dt.datetime):
        return ""
    day, time = _day_and_time(local_moment(value, zone_name), zone_name)
    text = f"{day}, {time}"
    utc = utc_text(value, zone_name) if with_utc else ""
    return f"{text}{UTC_SEPARATOR}{utc}" if utc else text


def _day_and_time(local, zone_name):
    """(“2 December 2026”, “06:00 Seoul time (UTC+9)”): the two parts of a moment."""
    return format_date(
        local, DAY_MONTH_YEAR
    ), f"{format_date(local, 'H:i')} {zone_label(local, zone_name)}"


def moment_html(value, zone_name=None, *, with_utc=False):
    """`moment_text` marked up as a <time> whose datetime is the moment with its offset;
    empty for anything but a datetime.

    The day with its time, and the zone, are each kept on one line (`.nowrap`), so a
    narrow column breaks only before the zone: “6 January 2027, 11:45” is never split.
    The UTC equivalent is a span of its own (`.moment__utc`), its separator in another
    (`.moment__sep`, the dash held to the moment before it), so each place can set it as
    a second, smaller line while it still reads as one line of text with no style."""
    if not isinstance(value, dt.datetime):
        return ""
    local = local_moment(value, zone_name)
    utc = utc_text(value, zone_name) if with_utc else ""
    day = format_date(local, DAY_MONTH_YEAR)
    return format_html(
        '<time datetime="{}"><span class="nowrap">{}, {}</span> <span class="nowrap">{}</span>{}</time>',
        local.isoformat(timespec="minutes"),
        day,
        format_date(local, "H:i"),
        zone_label(local, zone_name),
        format_html(
            '<span class="moment__sep">{}</span><span class="moment__utc">{}</span>',
            UTC_SEPARATOR.replace(" ", "\N{NO-BREAK SPACE}", 1),
            utc,
        )
        if utc
        else "",
    )
