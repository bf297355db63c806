"""Countries carry their ISO 3166-1 alpha-2 code, found by pycountry from the name."""

import json
from importlib import import_module

import pycountry
import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

from programs.countries import ALIASES, country_code, validate_country_code
from programs.models import Country

SEED_CODES = {
    "Korea": "KR",
    "Ghana": "GH",
    "India": "IN",
    "Kyrgyz Republic": "KG",
    "Palestine": "PS",
    "Philippines": "PH",
    "Russia": "RU",
    "Saint Lucia": "LC",
    "Sri Lanka": "LK",
    "Thailand": "TH",
    "Uzbekistan": "UZ",
    "Vietnam": "VN",
    "Zimbabwe": "ZW",
    # The testimonials' cities' and the Asia office's.
    "Mexico": "MX",
    "Romania": "RO",
    "Spain": "ES",
    "Oman": "OM",
    "China": "CN",
}


def test_the_seeds_country_names_get_their_codes():
    assert {name: country_code(name) for name in SEED_CODES} == SEED_CODES


def test_names_that_name_no_single_country_get_no_code():
    assert country_code("") == ""
    assert country_code("Narnia") == ""
    # A fuzzy match inside another country's name is refused, not guessed: this is
    # part of North Korea's official name.
    assert country_code("Republic of Korea") == ""


def test_each_alias_is_needed():
    """The alias map holds only names pycountry's own look-ups cannot settle."""
    for name in ALIASES:
        try:
            pycountry.countries.lookup(name)
            exact = True
        except LookupError:
            exact = False
        assert not exact, f"{name!r} needs no alias"


def test_the_fixtures_countries_carry_the_looked_up_codes():
    rows = [
        row
        for path in sorted((settings.BASE_DIR / "fixtures").glob("*.json"))
        for row in json.loads(path.read_text())
    ]
    countries = {
        r["fields"]["name"]: r["fields"]["code"] for r in rows if r["model"] == "programs.country"
    }
    assert countries == {name: country_code(name) for name in countries}
    # The 2018 workshop's 13, and the testimonials' and the offices' own.
    assert len(countries) == 18


@pytest.mark.django_db
def test_a_new_country_gets_its_code_from_its_name_unless_given():
    assert Country.objects.create(name="Mongolia").code == "MN"
    assert Country.objects.create(name="Türkiye", code="tr").code == "TR"


def test_only_real_codes_are_accepted():
    validate_country_code("KR")
    with pytest.raises(ValidationError):
        validate_country_code("XK1")
    with pytest.raises(ValidationError):
        validate_country_code("ZZ")


@pytest.mark.django_db
def test_the_data_migration_fills_stored_countries(seed):
    Country.objects.update(code="")
    migration = import_module("programs.migrations.0007_fill_country_codes")
    migration.fill_codes(apps, None)
    assert dict(Country.objects.values_list("name", "code")) == SEED_CODES


@pytest.mark.django_db
def test_a_country_by_iso_code_is_found_or_added_and_a_preview_writes_nothing(seed):
    korea = Country.objects.get(name="Korea")
    assert Country.objects.for_code("kr", "South Korea") == korea
    assert Country.objects.for_code("KR", "South Korea", save=False) == korea

    bhutan = Country.objects.for_code("BT", "Bhutan", save=False)
    assert (bhutan.pk, bhutan.name, bhutan.code) == (None, "Bhutan", "BT")
    assert not Country.objects.filter(name="Bhutan").exists()
    added = Country.objects.for_code("BT", "Bhutan")
    assert (added.name, added.code) == ("Bhutan", "BT")
    assert Country.objects.filter(name="Bhutan").count() == 1

    # A row of that name without a code (in any case) is the one, given the code when saved.
    nepal = Country.objects.create(name="nepal")
    Country.objects.filter(pk=nepal.pk).update(code="")
    assert Country.objects.for_code("NP", "Nepal", save=False) == nepal
    assert Country.objects.get(pk=nepal.pk).code == ""
    assert Country.objects.for_code("NP", "Nepal") == nepal
    assert Country.objects.get(pk=nepal.pk).code == "NP"


def test_the_application_form_names_each_seed_country_as_the_site_does():
    """One name for a country everywhere: the form's list, the confirmation and the
    emails (django-countries, with COUNTRIES_OVERRIDE) say "Korea" as the site's pages
    do, and django-countries' own names still find it (the participants' import)."""
    from django_countries import countries

    rows = json.loads((settings.BASE_DIR / "fixtures" / "00_places.json").read_text())
    seeded = {
        row["fields"]["code"]: row["fields"]["name"]
        for row in rows
        if row["model"] == "programs.country" and row["fields"].get("code")
    }
    assert seeded["KR"] == "Korea"
    assert {code: str(countries.name(code)) for code in seeded} == seeded
    assert countries.by_name("South Korea") == "KR" and countries.by_name("Kyrgyzstan") == "KG"


def test_the_application_form_offers_each_country_once():
    """Korea has two names (the site's, and django-countries' "South Korea" for look-ups
    by name): the form and the admin offer it once, by the site's name."""
    from applications.forms import country_choices

    choices = [code for code, _ in country_choices() if code]
    assert len(choices) == len(set(choices))
    names = dict(country_choices())
    assert names["KR"] == "Korea" and names["KG"] == "Kyrgyz Republic"
    assert "South Korea" not in names.values() and "Kyrgyzstan" not in names.values()
