"""The gazetteer: GeoNames' cities by id, by name in a country, and by the first letters."""

from decimal import Decimal

from programs import gazetteer


def test_a_city_by_its_geonames_id():
    baguio = gazetteer.by_id(1728930)
    assert (baguio.name, baguio.country_code) == ("Baguio", "PH")
    assert (baguio.latitude, baguio.longitude) == (Decimal("16.41639"), Decimal("120.59306"))
    assert gazetteer.by_id(0) is None
    assert gazetteer.by_id("not a number") is None


def test_lookup_by_name_and_country_ignores_case_and_accents():
    assert [c.geonames_id for c in gazetteer.lookup("baguio", "ph")] == [1728930]
    assert [c.name for c in gazetteer.lookup("BUCURESTI", "RO")] == ["Bucharest"]
    assert gazetteer.lookup("Baguio", "KR") == []


def test_lookup_knows_other_names_and_what_officials_add_to_them():
    assert [c.name for c in gazetteer.lookup("Goyang", "KR")] == ["Goyang-si"]
    assert [c.name for c in gazetteer.lookup("Battaramulla", "LK")] == ["Battaramulla South"]
    assert [c.name for c in gazetteer.lookup("Castries City", "LC")] == ["Castries"]
    assert [c.name for c in gazetteer.lookup("Hebron Municipality", "PS")] == ["Hebron"]


def test_a_new_place_is_named_as_typed_only_when_the_city_goes_by_that_name():
    def named(typed, country_code):
        return gazetteer.name_for_place(typed, gazetteer.lookup(typed, country_code)[0])

    assert named("Ulaanbaatar", "MN") == "Ulaanbaatar"  # GeoNames: "Ulan Bator"
    assert named("Goyang", "KR") == "Goyang"
    assert named("bogota", "CO") == "Bogotá"  # the gazetteer's spelling of its own name
    assert named("Castries City", "LC") == "Castries"  # an official's addition dropped
    assert named("Kumasi", "GH") == "Kumasi"


def test_lookup_gives_every_city_of_a_name_most_populous_first():
    chandigarhs = gazetteer.lookup("Chandigarh", "IN")
    assert len(chandigarhs) == 2
    assert chandigarhs[0].geonames_id == 1274746
    assert chandigarhs[0].population > chandigarhs[1].population


def test_search_by_the_first_letters_most_populous_first():
    korean = gazetteer.search("seo", "KR")
    assert korean[0].name == "Seoul"
    assert all(city.country_code == "KR" for city in korean)
    assert "Seongnam-si" in [city.name for city in korean]
    assert len(gazetteer.search("s", limit=5)) == 5
    assert gazetteer.search("") == []
    assert gazetteer.search("qqqqzz") == []


def test_the_tables_are_read_once_per_process_and_a_look_up_by_id_folds_no_name():
    gazetteer._cities.cache_clear()
    gazetteer._keys.cache_clear()
    assert gazetteer.by_id(1835848).name == "Seoul"
    assert gazetteer._keys.cache_info().misses == 0
    gazetteer.lookup("Seoul", "KR")
    gazetteer.search("Seo")
    gazetteer.by_id(1835848)
    assert gazetteer._cities.cache_info().misses == 1
    assert gazetteer._keys.cache_info().misses == 1
