"""The site's maps: land from Natural Earth as shipped in a package (drawn by a command,
committed), Equal Earth, a named link per mark, a small map, drawn once per generation."""

import gzip
import io
import itertools
import json
import math
import re

import pytest
from django.core.management import call_command

from wego_site.core import world_map
from wego_site.core.world_map import Mark, drawn_once, locator_map, project
from wego_site.pagecache.generation import bump_generation


def test_the_committed_land_is_what_draw_land_makes_from_the_package(tmp_path):
    """The outline comes from Natural Earth's data in the package, never typed by hand."""
    pytest.importorskip("shapely")
    output = tmp_path / "land.json"
    call_command("draw_land", output=output, stdout=io.StringIO())
    assert json.loads(output.read_text()) == world_map.land()
    assert "Natural Earth" in world_map.land()["source"]


def test_equal_earth_puts_places_where_they_are():
    width, height = world_map.WIDTH, world_map.HEIGHT
    x, y = project(0, 0)
    # The equator: in the middle across, below the middle down (84° N to 60° S are drawn).
    assert round(x) == width // 2
    assert 0.5 < y / height < 0.6
    assert project(-180, 0)[0] == pytest.approx(0)
    assert project(180, 0)[0] == pytest.approx(width)
    seoul, accra, harare = project(126.98, 37.57), project(-0.2, 5.56), project(31.05, -17.83)
    assert accra[0] < harare[0] < seoul[0]
    assert seoul[1] < accra[1] < harare[1]  # north is up


def many_marks(count):
    return [
        Mark(
            f"Place {i}",
            latitude=(i * 7) % 140 - 60,
            longitude=(i * 37) % 360 - 180,
            url=f"/cities/place-{i}/",
            count=1 + i % 9,
        )
        for i in range(count)
    ]


def test_the_map_names_and_links_every_mark_and_has_a_legend():
    svg = str(world_map.world_map(many_marks(3), title="The title", description="The text"))
    assert svg.startswith(
        '<div class="world-map-block"><div class="world-map-frame"><svg class="world-map"'
    )
    assert '<title id="world-map-title">The title</title>' in svg
    assert '<desc id="world-map-desc">The text</desc>' in svg
    links = re.findall(r'<a class="map-mark" href="([^"]+)"><title>([^<]+)</title><circle', svg)
    assert sorted(links) == [(f"/cities/place-{i}/", f"Place {i}") for i in range(3)]
    assert re.search(r'<ul class="map-legend[^>]*>.*Once.*3 times', svg)
    # Nothing from another host, no script.
    assert "<script" not in svg and 'href="http' not in svg


def test_the_map_weighs_at_most_60_kb_compressed_even_with_many_places():
    svg = str(world_map.world_map(many_marks(300), title="t", description="d"))
    assert len(gzip.compress(svg.encode())) <= 60 * 1024


def test_a_mark_is_escaped():
    svg = str(
        world_map.world_map(
            [Mark("<b>Ré</b> & co", 1, 1, "/cities/x/?a=1&b=2")], title="<t>", description="d"
        )
    )
    assert "&lt;b&gt;Ré&lt;/b&gt; &amp; co" in svg and "<b>" not in svg
    assert 'href="/cities/x/?a=1&amp;b=2"' in svg and "&lt;t&gt;" in svg


def _locator_land_holds(svg, x, y):
    """Whether the locator's land (even-odd) covers a point of its drawing."""
    d = re.search(r'class="locator-map__land" fill-rule="evenodd" d="([^"]+)"', svg)[1]
    rings = [
        [tuple(map(float, pair)) for pair in re.findall(r"(-?[\d.]+) (-?[\d.]+)", ring)]
        for ring in re.findall(r"M[^M]*", d)
    ]
    return sum(world_map._holds(ring, (x, y)) for ring in rings) % 2 == 1


def _on_disc(svg, longitude, latitude, reach=world_map.LOCATOR_REACH, centre=None):
    globe = world_map._Globe(*(centre or (longitude, latitude)), reach)
    x, y = globe(longitude, latitude)
    return x * x + y * y < 1


def test_the_locator_map_is_a_globe_centred_on_its_place():
    """A disc with a sharp edge: the sea a circle, the land cut to it, the place in the
    middle, the parallels and meridians on it."""
    svg = str(locator_map(Mark("Baguio", 16.4, 120.6, "")))
    assert 'viewBox="-101 -101 202 202"' in svg
    assert '<circle class="locator-map__sea" r="100"/>' in svg
    assert '<circle class="locator-map__edge" r="100"/>' in svg
    assert '<circle class="locator-map__mark" cx="0.0" cy="0.0" r="6"/>' in svg
    assert 'class="locator-map__graticule" d="M' in svg
    land = re.search(r'class="locator-map__land" fill-rule="evenodd" d="([^"]+)"', svg)[1]
    for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", land):
        assert math.hypot(float(x), float(y)) <= 100.1
    assert "<title" in svg and "Baguio" in svg


def test_the_locator_globe_fills_land_and_sea_rightly():
    """Baguio's far side is in Brazil, inside the Americas' outline: the land is still
    the land (Luzon, China) and the sea the sea (the Philippine Sea, the South China Sea)."""
    svg = str(locator_map(Mark("Baguio", 16.4, 120.6, "")))
    globe = world_map._Globe(120.6, 16.4, world_map.LOCATOR_REACH)
    for longitude, latitude, is_land in [
        (121.0, 17.0, True),
        (105.0, 30.0, True),
        (135.0, 15.0, False),
        (115.0, 12.0, False),
    ]:
        x, y = globe(longitude, latitude)
        assert _locator_land_holds(svg, x * 100, y * 100) is is_land


def test_the_larger_the_names_the_fewer_are_written_on_the_map():
    """A layer per size, each by one rule (every place named, set apart with a line
    where nothing beside its mark is clear): the narrow one (32 units, 12 px on a 480 px
    map) holds only the names that fit at that size; the table under the map lists
    every place. A map drawn narrower than 30rem (a phone's) names none."""
    marks = [
        Mark(f"P{i}", 10.0, 10.0 + i * 12, f"/{i}/", label=f"Place number {i}") for i in range(6)
    ]
    svg = str(world_map.world_map(marks, title="t", description="d"))
    counts = {
        layer: labels.count("<text")
        for layer, labels in re.findall(
            r'<g class="world-map__labels world-map__labels--(\w+)"[^>]*>(.*?)</g>', svg
        )
    }
    assert set(counts) == {"wide", "medium", "narrow"}
    assert 0 < counts["narrow"] <= counts["medium"] <= counts["wide"] == 6
    assert counts["narrow"] < counts["wide"]
    # 12 px at least where each layer is shown: from 480 px.
    assert 32 * 480 / world_map.WIDTH >= 12


def test_the_locator_map_of_a_place_frames_its_continent():
    """Not a strip of coast: Accra's disc reaches Dakar, Cairo and Nairobi, so Africa is
    recognisable with no border drawn."""
    for latitude, longitude in [(14.7, -17.4), (30.0, 31.2), (-1.3, 36.8)]:
        assert _on_disc(None, longitude, latitude, centre=(-0.2, 5.56))


@pytest.mark.django_db
def test_a_map_is_drawn_once_per_content_generation():
    drawings = []

    def draw():
        drawings.append(1)
        return f"map {len(drawings)}"

    assert drawn_once("test", draw) == drawn_once("test", draw) == "map 1"
    bump_generation()
    assert drawn_once("test", draw) == "map 2"
    assert len(drawings) == 2


def test_the_locator_map_leaves_out_small_lakes():
    # Lake Chad, a 3 × 4 unit hole in the outline, is near Accra.
    assert "M580 207l0 -4 -3 0 0 4z" in world_map.land()["d"]
    assert "M580 207l0 -4 -3 0 0 4z" not in world_map.locator_land()
    # The Caspian Sea is large enough to stay.
    assert "M615 89l" in world_map.locator_land()


def test_the_locator_map_holds_every_place_of_a_country():
    marks = [Mark("Obninsk", 55.1, 36.6, ""), Mark("Yakutsk", 62.0, 129.7, "")]
    svg = str(locator_map(marks, title="Where the places of Russia are", reach=20))
    for x, y in re.findall(r'class="locator-map__mark" cx="([^"]+)" cy="([^"]+)"', svg):
        assert math.hypot(float(x), float(y)) < 90
    assert svg.count('class="locator-map__mark"') == 2 and "Where the places of Russia are" in svg


def test_crowded_marks_are_boxed_on_the_map_and_drawn_apart_in_a_named_inset():
    marks = [
        Mark("Seoul, Korea", 37.57, 126.98, "/s/", label="Seoul", region="Korea"),
        Mark("Goyang-si, Korea", 37.66, 126.83, "/g/", label="Goyang-si", region="Korea"),
        Mark("Accra, Ghana", 5.56, -0.2, "/a/", label="Accra", region="Ghana"),
    ]
    svg = str(world_map.world_map(marks, title="t", description="d"))
    # Accra alone is named on the map; Seoul and Goyang-si, crowded, are boxed instead.
    layers = re.findall(
        r'<g class="world-map__labels world-map__labels--(\w+)" aria-hidden="true" '
        r'font-size="(\d+)">(.*?)</g>',
        svg,
    )
    assert [(layer, int(size)) for layer, size, _ in layers] == list(world_map.LABEL_SIZES)
    for _, _, labels in layers:
        assert re.findall(r">([^<]+)</text>", labels) == ["Accra"]
    assert svg.count('class="world-map__inset-box"') == 1
    assert 'id="world-map-land"' in svg
    insets = str(world_map.inset_maps(marks))
    assert insets.count('<figure class="map-inset">') == 1
    assert "<title>Korea, enlarged: Goyang-si, Seoul</title>" in insets
    assert '<use href="#world-map-land" transform=' in insets
    assert re.findall(r"<text[^>]*>([^<]+)</text>", insets) == ["Goyang-si", "Seoul"]
    assert world_map.inset_maps(marks[2:]) == ""


def test_a_crowded_spots_marks_are_drawn_apart_on_the_map_inside_its_box():
    """Drawn where they are, Seoul's ring would cover Jeju's (and the dots of Goyang and
    Seongnam, a few kilometres off): each place of a crowded spot is drawn apart from the
    others, no two drawings touching, the first (the host of the most editions) where it
    is and each other on its true bearing from it, all inside the spot's dashed box; a
    place alone stays where it is."""
    marks = _seed_marks()
    svg = str(world_map.world_map(marks, title="t", description="d"))
    drawn = {
        title: (float(x), float(y), float(r) + (2 if "host" in css else 0.75))
        for css, title, x, y, r in re.findall(
            r'<a class="(map-mark[^"]*)" href="[^"]+"><title>([^<]+)</title>'
            r'<circle cx="([^"]+)" cy="([^"]+)" r="([^"]+)"/>',
            svg,
        )
    }
    korea = ["Seoul", "Jeju", "Goyang", "Seongnam"]
    for a, b in itertools.combinations(korea, 2):
        (ax, ay, ar), (bx, by, br) = drawn[a], drawn[b]
        assert math.dist((ax, ay), (bx, by)) >= ar + br, (a, b)
    assert drawn["Seoul"][:2] == pytest.approx(project(126.98, 37.57), abs=0.1)
    assert drawn["Accra"][:2] == pytest.approx(project(-0.2, 5.56), abs=0.1)
    seoul = drawn["Seoul"]
    assert drawn["Jeju"][1] > seoul[1] + 20, "Jeju south of Seoul"
    assert drawn["Goyang"][0] < seoul[0] and drawn["Goyang"][1] < seoul[1], "Goyang north-west"
    assert drawn["Seongnam"][0] > seoul[0] and drawn["Seongnam"][1] > seoul[1], (
        "Seongnam south-east"
    )
    boxes = [
        tuple(float(v) for v in box)
        for box in re.findall(
            r'<rect class="world-map__inset-box" x="([^"]+)" y="([^"]+)" '
            r'width="([^"]+)" height="([^"]+)"/>',
            svg[: svg.index('<g class="world-map__marks">')],
        )
    ]
    (box,) = [b for b in boxes if b[0] < seoul[0] < b[0] + b[2] and b[1] < seoul[1] < b[1] + b[3]]
    for name in korea:
        x, y, r = drawn[name]
        assert box[0] <= x - r and x + r <= box[0] + box[2], name
        assert box[1] <= y - r and y + r <= box[1] + box[3], name


def test_an_insets_marks_are_apart_and_keep_their_bearings():
    """Enlarged, Seoul and its neighbours a few kilometres off still overlapped: spread
    from their middle, no dot hides another, and each keeps its side of the others."""
    marks = [
        Mark("Seoul", 37.57, 126.98, "/s/", label="Seoul", region="Korea", is_host=True),
        Mark("Goyang", 37.66, 126.83, "/g/", label="Goyang", region="Korea"),
        Mark("Seongnam", 37.44, 127.14, "/n/", label="Seongnam", region="Korea"),
        Mark("Jeju", 33.5, 126.53, "/j/", label="Jeju", region="Korea", is_host=True),
    ]
    insets = str(world_map.inset_maps(marks))
    dots = {
        name: (float(x), float(y), float(r) * float(scale))
        for x, y, scale, r, name in re.findall(
            r'<g class="map-inset__mark" transform="translate\(([\d.]+) ([\d.]+)\) '
            r'scale\(([\d.]+)\)"><g class="[^"]*"><circle r="([\d.]+)"/></g></g>'
            r"<text[^>]*>([^<]+)</text>",
            insets,
        )
    }
    assert set(dots) == {"Seoul", "Goyang", "Seongnam", "Jeju"}
    for (ax, ay, ar), (bx, by, br) in itertools.combinations(dots.values(), 2):
        assert math.dist((ax, ay), (bx, by)) >= 2 * max(ar, br) + 0.5
    # Goyang north-west of Seoul, Seongnam south-east, Jeju far south.
    assert dots["Goyang"][0] < dots["Seoul"][0] < dots["Seongnam"][0]
    assert dots["Goyang"][1] < dots["Seoul"][1] < dots["Seongnam"][1] < dots["Jeju"][1]


def test_the_legend_keys_the_dashed_box_where_there_is_one():
    crowded = [
        Mark("Seoul, Korea", 37.57, 126.98, "/s/", label="Seoul", region="Korea"),
        Mark("Goyang-si, Korea", 37.66, 126.83, "/g/", label="Goyang-si", region="Korea"),
    ]
    svg = str(world_map.world_map(crowded, title="t", description="d", inset_label="Boxed"))
    legend = svg[svg.index('<ul class="map-legend') :]
    assert legend.count('class="world-map__inset-box"') == 1 and "Boxed</li>" in legend
    # No box on the map, no key to it.
    alone = str(world_map.world_map(crowded[:1], title="t", description="d", inset_label="Boxed"))
    assert "inset-box" not in alone and "Boxed" not in alone


def test_a_label_that_would_touch_another_goes_elsewhere_or_is_left_out():
    marks = [
        Mark(f"P{i}", 10.0, 10.0 + i * 8, f"/{i}/", label=f"Place number {i}") for i in range(6)
    ]
    svg = str(world_map.world_map(marks, title="t", description="d"))
    wide = re.search(r'<g class="world-map__labels world-map__labels--wide"[^>]*>(.*?)</g>', svg)
    boxes = []
    for x, y, anchor, text in re.findall(
        r'<text x="([^"]+)" y="([^"]+)" text-anchor="([^"]+)">([^<]+)</text>', wide[1]
    ):
        width = len(text) * world_map.LABEL_SIZE * 0.56
        left = {"start": 0, "end": -width, "middle": -width / 2}[anchor] + float(x)
        boxes.append((left, float(y) - world_map.LABEL_SIZE, width, world_map.LABEL_SIZE * 1.2))
    assert 0 < len(boxes) < 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not world_map._overlap(a, b)


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(-17.7, 178.4), (64.7, -147.7), (-54.8, -68.3)]
)
def test_a_place_near_the_flat_maps_edge_is_in_its_globes_middle(latitude, longitude):
    svg = str(locator_map(Mark("Edge", latitude, longitude, "")))
    assert '<circle class="locator-map__mark" cx="0.0" cy="0.0"' in svg
    assert _locator_land_holds(svg, 0, 0) is not None


def _label_boxes(layer_svg, size):
    """Each name's text and box, as _labels measures it."""
    boxes = {}
    for x, y, anchor, text in re.findall(
        r'<text x="([^"]+)" y="([^"]+)" text-anchor="([^"]+)">([^<]+)</text>', layer_svg
    ):
        width = len(text) * size * 0.56
        left = {"start": 0, "end": -width, "middle": -width / 2}[anchor] + float(x)
        boxes[text] = (left, float(y) - size * 0.95, width, size * 1.2)
    return boxes


def test_every_host_is_named_at_every_size_clear_of_the_marks_even_where_crowded():
    """Seoul and Jeju are in a crowded group (boxed, no place of it named), Chengdu
    among dots: each host is still named, in every layer, its name touching no mark,
    no box and no other name, and nearer to its own mark than to another host's."""
    seoul = Mark("Seoul, Korea: host", 37.57, 126.98, "/s/", count=8, is_host=True, label="Seoul")
    jeju = Mark("Jeju, Korea: host", 33.5, 126.53, "/j/", is_host=True, label="Jeju")
    chengdu = Mark("Chengdu, China: office", 30.66, 104.06, "/c/", is_host=True, label="Chengdu")
    marks = [
        Mark("Goyang-si, Korea", 37.66, 126.83, "/g/", label="Goyang-si"),
        Mark("Seongnam-si, Korea", 37.44, 127.14, "/n/", label="Seongnam-si"),
        Mark("Chandigarh, India", 30.74, 76.79, "/ch/", label="Chandigarh"),
        Mark("Tashkent, Uzbekistan", 41.26, 69.22, "/t/", label="Tashkent"),
        Mark("Bangkok, Thailand", 13.75, 100.5, "/b/", label="Bangkok"),
        Mark("Yakutsk, Russia", 62.03, 129.73, "/y/", label="Yakutsk"),
        seoul,
        jeju,
        chengdu,
    ]
    svg = str(world_map.world_map(marks, title="t", description="d"))
    # Where each mark is drawn (the crowded spot's apart), and the spot's box.
    layout = world_map._layout(marks, world_map._largest(marks))
    projected = {mark.label: layout.at[(mark.latitude, mark.longitude)] for mark in marks}
    (box,) = layout.boxes
    for layer, size, labels in re.findall(
        r'<g class="world-map__labels world-map__labels--(\w+)" aria-hidden="true" '
        r'font-size="(\d+)">(.*?)</g>',
        svg,
    ):
        boxes = _label_boxes(labels, int(size))
        assert {"Seoul", "Jeju", "Chengdu"} <= set(boxes), layer
        assert not {"Goyang-si", "Seongnam-si"} & set(boxes)
        names = list(boxes.items())
        for i, (name, a) in enumerate(names):
            assert not world_map._overlap(a, box)
            assert a[0] >= 0 and a[0] + a[2] <= world_map.WIDTH and a[1] >= 0
            for _, b in names[i + 1 :]:
                assert not world_map._overlap(a, b), layer
            for other, (x, y) in projected.items():
                if other != name:
                    assert not world_map._overlap(a, (x - 8, y - 8, 16, 16)), (layer, name)
        for host in ("Seoul", "Jeju", "Chengdu"):
            near = world_map._distance(projected[host], boxes[host])
            for rival in {"Seoul", "Jeju", "Chengdu"} - {host}:
                assert near <= world_map._distance(projected[rival], boxes[host]), (layer, host)


def test_the_phone_map_names_every_place_of_its_part_and_insets_the_other():
    """The phone's map: the side of the Atlantic with more places, each named (12 px
    where it is drawn 360 px wide) inside its view, no name touching another or another
    mark; the other side is the first inset, its places named, shown on a phone only."""
    marks = [
        Mark("Mexico City", 19.43, -99.13, "/m/", label="Mexico City", region="Mexico"),
        Mark("Castries", 14.01, -60.99, "/c/", label="Castries", region="Saint Lucia"),
        *(
            Mark(name, lat, lon, f"/{name}/", label=name)
            for name, lat, lon in [
                ("Barcelona", 41.39, 2.17),
                ("Bucharest", 44.43, 26.1),
                ("Tashkent", 41.26, 69.22),
                ("Chandigarh", 30.74, 76.79),
                ("Muscat", 23.59, 58.41),
                ("Bangkok", 13.75, 100.5),
                ("Battaramulla", 6.9, 79.92),
                ("Accra", 5.56, -0.2),
                ("Yakutsk", 62.03, 129.73),
            ]
        ),
        Mark("Chengdu", 30.66, 104.06, "/ch/", is_host=True, label="Chengdu"),
    ]
    svg = str(world_map.world_map(marks, title="t", description="d", phone=True))
    assert '<div class="world-map-frame world-map-frame--phone">' in svg
    phone = svg[svg.index('<svg class="world-map world-map--phone"') :]
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', phone)[1].split()]
    size = int(
        re.search(r'world-map__labels--phone" aria-hidden="true" font-size="(\d+)"', phone)[1]
    )
    assert size * world_map.PHONE_PX / view[2] >= 12
    assert "Europe, Africa and Asia</title>" in phone and '<use href="#world-map-land"/>' in phone
    boxes = _label_boxes(phone, size)
    east = {mark.label for mark in marks if mark.longitude > world_map.ATLANTIC}
    assert set(boxes) == east
    assert phone.count('<a class="map-mark') == len(east)
    names = list(boxes.items())
    for i, (name, a) in enumerate(names):
        assert view[0] <= a[0] and a[0] + a[2] <= view[0] + view[2]
        assert view[1] <= a[1] and a[1] + a[3] <= view[1] + view[3]
        for _, b in names[i + 1 :]:
            assert not world_map._overlap(a, b)
        for mark in marks:
            if mark.label != name:
                x, y = project(mark.longitude, mark.latitude)
                assert not world_map._overlap(a, (x - 8, y - 8, 16, 16)), (name, mark.label)
    insets = str(world_map.inset_maps(marks, phone=True))
    assert insets.count('<figure class="map-inset map-inset--phone">') == 1
    assert "<title>The Americas: Mexico City, Castries</title>" in insets
    assert "<figcaption>The Americas</figcaption>" in insets
    # Without `phone`, neither the phone's map nor its inset.
    assert "world-map--phone" not in str(world_map.world_map(marks, title="t", description="d"))
    assert world_map.inset_maps(marks) == ""


def test_the_legend_says_how_often_a_place_took_part():
    marks = [
        Mark("A", 10.0, 10.0, "/a/", count=1),
        Mark("B", 10.0, 60.0, "/b/", count=4),
    ]
    svg = str(
        world_map.world_map(
            marks,
            title="t",
            description="d",
            unit=("Took part once", "Took part in {} editions"),
        )
    )
    legend = re.findall(r"</svg>([^<]+)</li>", svg[svg.index('<ul class="map-legend') :])
    assert legend == ["Took part once", "Took part in 2 editions", "Took part in 4 editions"]


def _seed_like_marks():
    """The seed's places east of the Atlantic, with its three hosts."""
    places = [
        ("Barcelona", 41.39, 2.17),
        ("Bucharest", 44.43, 26.1),
        ("Obninsk", 55.1, 36.61),
        ("Tashkent", 41.26, 69.22),
        ("Chandigarh", 30.74, 76.79),
        ("Muscat", 23.59, 58.41),
        ("Bangkok", 13.75, 100.5),
        ("Battaramulla", 6.9, 79.92),
        ("Accra", 5.56, -0.2),
        ("Harare", -17.83, 31.05),
        ("Yakutsk", 62.03, 129.73),
        ("Goyang", 37.66, 126.83),
        ("Seongnam", 37.44, 127.14),
    ]
    return [
        *(Mark(name, lat, lon, f"/{name}/", label=name) for name, lat, lon in places),
        Mark("Mexico City", 19.43, -99.13, "/m/", label="Mexico City"),
        Mark("Castries", 14.01, -60.99, "/c/", label="Castries"),
        Mark("Seoul", 37.57, 126.98, "/s/", count=8, is_host=True, label="Seoul"),
        Mark("Jeju", 33.5, 126.53, "/j/", is_host=True, label="Jeju"),
        Mark("Chengdu", 30.66, 104.06, "/ch/", is_host=True, label="Chengdu"),
    ]


def _layer_names(svg, layer):
    labels = re.search(rf'world-map__labels--{layer}"[^>]*>(.*?)</g>', svg)[1]
    return set(re.findall(r">([^<]+)</text>", labels))


def test_the_wide_and_the_medium_layer_name_the_same_places():
    """One rule names the places at every size (every place, set apart with a line
    where nothing beside its mark is clear), so /cities/ at 1280 px (the wide layer) and
    the landing page's map beside its text (the medium one) name the same places:
    Bucharest and Chandigarh too."""
    svg = str(world_map.world_map(_seed_like_marks(), title="t", description="d"))
    wide, medium = _layer_names(svg, "wide"), _layer_names(svg, "medium")
    assert {"Bucharest", "Chandigarh", "Seoul", "Jeju", "Chengdu"} <= wide
    assert wide == medium


def test_the_phone_maps_names_keep_clear_of_each_other_marks_and_boxes():
    """On the phone's map no name crowds another, a mark (as drawn: a host's ring, a dot
    by its count) or a crowded spot's box: each keeps a quarter of its size clear, and
    stays inside the frame as far off its edge."""
    marks = _seed_like_marks()
    svg = str(world_map.world_map(marks, title="t", description="d", phone=True))
    phone = svg[svg.index('<svg class="world-map world-map--phone"') :]
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', phone)[1].split()]
    size = int(re.search(r'labels--phone" aria-hidden="true" font-size="(\d+)"', phone)[1])
    pad = size * world_map.CLEARANCE
    boxes = _label_boxes(phone, size)
    east = {mark.label for mark in marks if mark.longitude > world_map.ATLANTIC}
    assert set(boxes) == east - {"Goyang", "Seongnam"}
    (_name, part), _ = world_map.phone_parts(marks)
    # The marks and dashed boxes where the phone's map draws them.
    layout = world_map._layout(part, world_map._largest(marks))
    groups, dashed = layout.groups, layout.boxes
    own_box = {p[0].label: box for g, box in zip(groups, dashed, strict=True) for p in g}
    grown = world_map._grown
    names = list(boxes.items())
    for i, (label, a) in enumerate(names):
        a_clear = grown(a, pad - 0.5)
        assert view[0] <= a_clear[0] and a_clear[0] + a_clear[2] <= view[0] + view[2], label
        for other, b in names[i + 1 :]:
            assert not world_map._overlap(a_clear, b), (label, other)
        for box in dashed:
            if box is not own_box.get(label):
                assert not world_map._overlap(a_clear, box), label
        for mark in part:
            if mark.label != label and own_box.get(mark.label) is not own_box.get(label, 0):
                x, y = layout.at[(mark.latitude, mark.longitude)]
                r = world_map._drawn_radius(mark, 1)
                assert not world_map._overlap(a_clear, (x - r, y - r, 2 * r, 2 * r)), (
                    label,
                    mark.label,
                )


def _symbols(svg):
    """{place: [(css class, radius)]} of the marks an SVG draws, in the order drawn: the
    world map's links (named by their <title>), an inset's marks (named by their text)."""
    drawn = {}
    for css_class, name, r in re.findall(
        r'<a class="([^"]+)" href="[^"]*"><title>([^<]+)</title><circle [^>]*r="([\d.]+)"/>', svg
    ):
        drawn.setdefault(name, []).append((css_class, float(r)))
    for symbols, name in re.findall(
        r'<g class="map-inset__mark"[^>]*>((?:<g class="[^"]+"><circle r="[\d.]+"/></g>)+)</g>'
        r"<text[^>]*>([^<]+)</text>",
        svg,
    ):
        drawn[name] = [
            (css_class, float(r))
            for css_class, r in re.findall(r'<g class="([^"]+)"><circle r="([\d.]+)"/>', symbols)
        ]
    return drawn


def test_insets_and_the_legend_draw_the_maps_own_marks():
    """An enlarged spot draws each place with the symbols the world map draws there (a
    host's ring, a dot sized by its count, a hollow dot for a testimonial), of the same
    radii, all scaled alike; the legend keys them with those symbols and radii too."""
    marks = [
        *(m for m in _seed_like_marks() if m.label not in {"Goyang", "Castries"}),
        Mark("Goyang", 37.66, 126.83, "/g/", count=3, label="Goyang", region="Korea"),
        Mark("Seoul", 37.57, 126.98, "/s/", count=2, label="Seoul", region="Korea"),
        Mark("Castries", 14.01, -60.99, "/c/", is_testimony=True, label="Castries"),
    ]
    svg = str(world_map.world_map(marks, title="t", description="d", inset_label="Boxed"))
    insets = str(world_map.inset_maps(marks, phone=True))
    on_map = _symbols(svg[: svg.index('<ul class="map-legend')])
    in_insets = _symbols(insets)
    assert {"Seoul", "Goyang", "Seongnam", "Jeju", "Castries", "Mexico City"} <= set(in_insets)
    for name, symbols in in_insets.items():
        assert symbols == on_map[name], name
    assert in_insets["Seoul"] == [
        ("map-mark", world_map.radius(2, 3)),
        ("map-mark map-mark--host", world_map.HOST_RADIUS),
    ]
    assert in_insets["Castries"] == [("map-mark map-mark--testimony", world_map.MIN_RADIUS)]
    scales = set(re.findall(r'"map-inset__mark" transform="[^"]*scale\(([\d.]+)\)"', insets))
    assert scales == {str(world_map.INSET_MARK_SCALE)}
    legend = svg[svg.index('<ul class="map-legend') :]
    keyed = re.findall(r'<g class="([^"]+)"><circle [^>]*r="([\d.]+)"/>', legend)
    drawn = {symbol for symbols in on_map.values() for symbol in symbols}
    keyed = {(css_class, float(r)) for css_class, r in keyed}
    assert keyed == {
        *(("map-mark", world_map.radius(count, 3)) for count in (1, 2, 3)),
        ("map-mark map-mark--testimony", world_map.MIN_RADIUS),
        ("map-mark map-mark--host", world_map.HOST_RADIUS),
    }
    assert keyed <= drawn | {("map-mark", world_map.radius(1, 3))}


def _seed_marks():
    """The seed's places as the landing page's map draws them: those known from a
    testimonial hollow, the hosts' rings, the crowded spots (Palestine, Korea, the
    Philippines) boxed."""
    dots = [
        ("Accra", 5.56, -0.2),
        ("Baguio", 16.41, 120.6),
        ("Bangkok", 13.75, 100.5),
        ("Battaramulla", 6.9, 79.92),
        ("Castries", 14.01, -60.99),
        ("Chandigarh", 30.74, 76.79),
        ("Goyang", 37.66, 126.83),
        ("Harare", -17.83, 31.05),
        ("Hebron", 31.53, 35.1),
        ("Makati", 14.55, 121.02),
        ("Obninsk", 55.1, 36.61),
        ("Ramallah", 31.9, 35.2),
        ("Seongnam", 37.44, 127.14),
        ("Tashkent", 41.26, 69.22),
        ("Yakutsk", 62.03, 129.73),
    ]
    heard = [
        ("Barcelona", 41.39, 2.17),
        ("Bucharest", 44.43, 26.1),
        ("Mexico City", 19.43, -99.13),
        ("Muscat", 23.59, 58.41),
    ]
    return [
        *(Mark(name, lat, lon, f"/{name}/", label=name) for name, lat, lon in dots),
        *(Mark(n, lat, lon, f"/{n}/", is_testimony=True, label=n) for n, lat, lon in heard),
        Mark("Seoul", 37.57, 126.98, "/s/", count=8, is_host=True, label="Seoul"),
        Mark("Jeju", 33.5, 126.53, "/j/", is_host=True, label="Jeju"),
        Mark("Chengdu", 30.66, 104.06, "/ch/", is_host=True, label="Chengdu"),
    ]


def test_each_name_reads_as_its_own_marks_on_the_seeds_map():
    """A name written beside a mark (no line) is nearer to it than to any other mark (a
    host's beside its crowded spot, than to any mark outside the spot), so it is read
    as its own. Where the landing page's map is 1280 px wide (the medium
    layer), Muscat, whose right is Chandigarh's, is named on its left, clear of
    Chandigarh's dot, and Chandigarh's name is centred nearer its own dot than Muscat's,
    not hung under Muscat's."""
    marks = _seed_marks()
    svg = str(world_map.world_map(marks, title="t", description="d"))
    # Where each mark is drawn (a crowded spot's apart).
    drawn = world_map._layout(marks, world_map._largest(marks)).at
    where = {}
    for mark in marks:
        where.setdefault(mark.label, drawn[(mark.latitude, mark.longitude)])
    spot = {p[0].label: i for i, g in enumerate(world_map.crowded_groups(marks)) for p in g}
    for layer, size in world_map.LABEL_SIZES:
        layer_svg = re.search(rf'world-map__labels--{layer}"[^>]*>(.*?)</g>', svg)[1]
        boxes = _label_boxes(layer_svg, size)
        ends = [
            (float(x), float(y))
            for x, y in re.findall(r'<line [^>]*x2="([^"]+)" y2="([^"]+)"', layer_svg)
        ]
        for label, box in boxes.items():
            if any(world_map._distance(end, box) < 3 for end in ends):
                continue
            own = world_map._distance(where[label], box)
            for other, point in where.items():
                if other != label and spot.get(other, -1) != spot.get(label, -2):
                    assert own <= world_map._distance(point, box), (layer, label, other)
    medium = re.search(r'world-map__labels--medium"[^>]*>(.*?)</g>', svg)[1]
    boxes = _label_boxes(medium, 20)
    muscat, chandigarh = boxes["Muscat"], boxes["Chandigarh"]
    mx, (cx, cy) = where["Muscat"][0], where["Chandigarh"]
    assert muscat[0] + muscat[2] < mx
    r = 9.75
    assert not world_map._overlap(muscat, (cx - r, cy - r, 2 * r, 2 * r))
    middle = chandigarh[0] + chandigarh[2] / 2
    assert abs(middle - cx) < abs(middle - mx)
