"""The API's endpoints: what they list, the identifiers and page addresses they carry,
the filters and their messages, and the same publication rule as the pages."""

from datetime import date, timedelta

import pytest

from programs.models import AttendanceMode, Country, Edition
from tests.factories import EditionFactory, ParticipantFactory, ProgramFactory
from tests.hidden_content import HIDDEN_WORD, make_hidden_content
from tests.opendata.conftest import results

pytestmark = pytest.mark.django_db

JEJU = "joint-workshop-smart-sustainable-cities-e-government"
ENDPOINTS = [
    "programs",
    "editions",
    "places",
    "countries",
    "participation",
    "news",
    "testimonials",
    "calls",
]


def test_the_root_lists_every_endpoint_and_the_licence(client, seed):
    data = client.get("/api/v1/").json()
    assert data["endpoints"] == {name: f"http://testserver/api/v1/{name}/" for name in ENDPOINTS}
    assert data["schema"] == "http://testserver/api/v1/schema/"
    assert data["documentation"] == "http://testserver/api/v1/docs/"
    assert data["data"] == "http://testserver/data/"
    assert data["licence"]["id"] == "CC-BY-4.0"


def test_every_endpoint_answers_with_a_page_of_results(client, seed, places):
    for name in ENDPOINTS:
        response = client.get(f"/api/v1/{name}/")
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/json"
        assert set(response.json()) == {"count", "next", "previous", "results"}, name


def test_items_carry_a_stable_identifier_and_their_page(client, seed, places):
    key_of = {
        "programs": "slug",
        "editions": "identifier",
        "places": "slug",
        "countries": "code",
        "news": "slug",
        "testimonials": "identifier",
    }
    for name, key in key_of.items():
        items = results(client.get(f"/api/v1/{name}/"))
        assert items, name
        for item in items:
            assert item[key], (name, item)
            page = client.get(item["url"].removeprefix("http://testserver").split("#")[0])
            assert page.status_code == 200, item["url"]


def test_the_jeju_2018_participants_by_country(client, seed):
    edition = client.get(f"/api/v1/editions/{JEJU}/2018/").json()
    by_country = {
        row["name"]: row["participating_bodies"] for row in edition["participating_countries"]
    }
    assert by_country["Russia"] == 3  # Obninsk, Ulyanovsk Region, Yakutsk
    assert by_country["Philippines"] == 2
    assert len(by_country) == 13
    assert sum(by_country.values()) == len(edition["participants"]) == 18

    rows = results(client.get(f"/api/v1/participation/?program={JEJU}&year=2018"))
    assert {row["country_name"]: row["participations"] for row in rows} == by_country
    assert {row["country"] for row in rows} >= {"RU", "PH", "KR", "GH"}


def test_an_edition_holds_its_parts(client, seed, places):
    edition = client.get(f"/api/v1/editions/{JEJU}/2018/").json()
    assert edition["identifier"] == f"{JEJU}/2018"
    assert edition["url"] == f"http://testserver/programs/{JEJU}/2018/"
    assert edition["venue_city"] == "Jeju Island"
    assert edition["venue_country"] == {"code": "KR", "name": "Korea"}
    assert edition["people_involved"] == 69
    assert edition["people_trained"] == 28
    assert edition["attendance"] == "in-person"
    assert "Kakao Corporation" in [visit["name"] for visit in edition["site_visits"]]
    assert "World Bank" in edition["co_organisers"]
    assert len(edition["topics"]) == 6
    accra = next(p for p in edition["participants"] if p["name"] == "Accra")
    assert accra == {"name": "Accra", "country": {"code": "GH", "name": "Ghana"}, "place": "accra"}


def test_places_carry_the_gazetteers_id_and_coordinates(client, seed, places):
    accra = client.get("/api/v1/places/accra/").json()
    assert accra["geonames_id"] == 2306104
    assert (accra["latitude"], accra["longitude"]) == (5.55602, -0.1969)
    assert accra["url"] == "http://testserver/cities/accra/"
    assert accra["participation_count"] == accra["edition_count"] == 1
    organisation = client.get(
        "/api/v1/places/ministry-of-information-and-communications-vn/"
    ).json()
    assert organisation["kind"] == "organisation"
    assert organisation["latitude"] is organisation["longitude"] is None
    cities = results(client.get("/api/v1/places/?kind=city&country=gh"))
    assert [place["slug"] for place in cities] == ["accra"]


def test_countries_by_their_iso_code(client, seed):
    korea = client.get("/api/v1/countries/kr/").json()
    assert korea["name"] == "Korea"
    assert korea["url"] == "http://testserver/countries/kr/"
    listed = results(client.get(f"/api/v1/countries/?program={JEJU}&year=2018"))
    assert len(listed) == 13


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("/api/v1/editions/?year=twenty", "year", "Give a year as four digits, e.g. 2018."),
        ("/api/v1/editions/?year=1850", "year", "Give a year from 2000 to 2100."),
        ("/api/v1/editions/?kind=festival", "kind", "Unknown kind"),
        ("/api/v1/editions/?program=no-such-program", "program", "No public program"),
        ("/api/v1/editions/?country=Korea", "country", "two-letter ISO 3166-1 code"),
        ("/api/v1/participation/?country=", "country", "Give a value"),
        ("/api/v1/places/?kind=town", "kind", "Unknown kind of place"),
        ("/api/v1/news/?year=2020&year=2021", "year", "Give this parameter once."),
        ("/api/v1/testimonials/?page_size=1000", "page_size", "from 1 to 200"),
        ("/api/v1/programs/?page=0", "page", "Give a page number"),
        ("/api/v1/editions/?program=%00", "program", "without a NUL character"),
        ("/api/v1/countries/?program=a%00b", "program", "without a NUL character"),
    ],
)
def test_a_bad_filter_value_is_a_400_with_a_message(client, seed, query, parameter, message):
    response = client.get(query)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert message in body["errors"][parameter][0]
    assert "no-store" in response["Cache-Control"]


def test_filters_by_program_kind_year_and_country(client, seed):
    editions = results(client.get("/api/v1/editions/?kind=main&year=2012"))
    assert [e["identifier"] for e in editions] == [
        "wego-shrdc-training-program/2012-07",
        "wego-shrdc-training-program/2012-05",
    ]
    assert [e["identifier"] for e in results(client.get("/api/v1/editions/?country=LC"))] == [
        f"{JEJU}/2018"
    ]
    rows = results(client.get("/api/v1/participation/?kind=joint-workshop&country=ru"))
    assert [(r["year"], r["participations"]) for r in rows] == [(2018, 3)]
    assert results(client.get("/api/v1/participation/?kind=main")) == []


def test_lists_come_in_pages(client, seed):
    first = client.get("/api/v1/news/?page_size=3").json()
    assert len(first["results"]) == 3
    assert first["next"] == "http://testserver/api/v1/news/?page=2&page_size=3"
    assert client.get("/api/v1/news/?page=99").status_code == 404


def test_unknown_items_and_addresses_are_json_404s(client, seed):
    for url in [
        "/api/v1/programs/no-such-program/",
        f"/api/v1/editions/{JEJU}/1999/",
        "/api/v1/countries/zz/",
        "/api/v1/nothing-here/",
        "/api/v1/countries/%00/",
        "/api/v1/places/a%00b/",
        f"/api/v1/editions/{JEJU}/%00/",
        "/api/v1/news/a%20b/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"], url


def test_drafts_scheduled_and_sample_content_never_appear(client, seed):
    make_hidden_content()
    sample = ProgramFactory(title="Sample Quokkaland", slug="sample-quokkaland", is_sample=True)
    EditionFactory(program=sample, slug="sample-2030", title=f"{HIDDEN_WORD} sample")
    for name in ENDPOINTS:
        text = client.get(f"/api/v1/{name}/?page_size=200").content.decode()
        assert HIDDEN_WORD not in text, name
    assert client.get("/api/v1/programs/hidden-draft-program/").status_code == 404
    assert client.get("/api/v1/programs/sample-quokkaland/").status_code == 404
    assert (
        client.get("/api/v1/editions/wego-shrdc-training-program/hidden-draft/").status_code == 404
    )
    assert client.get("/api/v1/editions/?program=hidden-draft-program").status_code == 400


def test_a_country_counts_only_public_participation(client, seed):
    draft = EditionFactory(status="draft")
    ParticipantFactory(edition=draft, country=Country.objects.get(code="GH"))
    assert client.get("/api/v1/countries/gh/").json()["participation_count"] == 1
    assert Edition.objects.filter(participants__country__code="GH").count() == 2


def test_participation_counts_only_editions_that_have_ended(client, seed):
    """The rule of the site's figures and the places' counts: an upcoming edition's
    participants are listed with it, and counted once it has ended."""
    ghana = Country.objects.get(code="GH")
    upcoming = EditionFactory(start_date=date.today() + timedelta(days=30))
    ParticipantFactory(edition=upcoming, country=ghana, name="Accra")
    year = upcoming.start_date.year

    country = client.get("/api/v1/countries/gh/").json()
    assert (country["participation_count"], country["edition_count"]) == (1, 1)
    assert results(client.get(f"/api/v1/participation/?country=gh&year={year}")) == []
    listed = client.get(f"/api/v1/editions/{upcoming.program.slug}/{upcoming.slug}/").json()
    assert [p["name"] for p in listed["participants"]] == ["Accra"]


def test_attendance_is_given_in_the_sites_words(client, seed):
    for stored, value in [
        (AttendanceMode.ONLINE, "online"),
        (AttendanceMode.MIXED, "in-person-and-online"),
    ]:
        edition = EditionFactory(attendance=stored)
        url = f"/api/v1/editions/{edition.program.slug}/{edition.slug}/"
        assert client.get(url).json()["attendance"] == value


def test_a_lists_total_follows_a_content_change_at_once(client, seed):
    """The total of a list asked for without filters is counted once per content
    generation: a new edition is counted on the next request."""
    before = client.get("/api/v1/editions/").json()["count"]
    assert client.get("/api/v1/editions/?year=2031").json()["count"] == 0
    EditionFactory(start_date=date(2031, 5, 1), end_date=date(2031, 5, 2))
    assert client.get("/api/v1/editions/").json()["count"] == before + 1
    assert client.get("/api/v1/editions/?page_size=3").json()["count"] == before + 1
    assert client.get("/api/v1/editions/?year=2031").json()["count"] == 1


def test_a_lists_total_is_not_read_again_until_the_content_changes(
    client, seed, django_assert_max_num_queries
):
    client.get("/api/v1/editions/")
    with django_assert_max_num_queries(20) as counted:
        client.get("/api/v1/editions/")
    assert not any("COUNT(*) AS" in query["sql"] for query in counted.captured_queries)
