"""The data sets at /data/: the page (licence, citation, schema.org Dataset), the CSV
files, and a data package that Frictionless accepts."""

import codecs
import csv
import hashlib
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from frictionless import Package

from opendata.tables import TABLES
from programs.models import Country
from tests.factories import EditionFactory, ParticipantFactory, TestimonialFactory
from tests.html import json_ld_blocks, parse, text_of

pytestmark = pytest.mark.django_db

JEJU = "joint-workshop-smart-sustainable-cities-e-government"


def rows(client, name):
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_jeju_2018_participants_by_country_from_the_csv(client, seed, places):
    jeju = [row for row in rows(client, "participation") if row["edition"] == f"{JEJU}/2018"]
    assert len(jeju) == 18
    by_country = {}
    for row in jeju:
        by_country[row["country_name"]] = by_country.get(row["country_name"], 0) + 1
    assert by_country["Russia"] == 3
    assert by_country["Philippines"] == 2
    accra = next(row for row in jeju if row["participant"] == "Accra")
    assert (accra["country"], accra["place"]) == ("GH", "accra")


def test_editions_name_their_counts_and_format_as_the_pages_do(client, seed):
    jeju = next(row for row in rows(client, "editions") if row["identifier"] == f"{JEJU}/2018")
    assert (jeju["people_trained"], jeju["participating_bodies"]) == ("28", "18")
    assert jeju["attendance"] == "in-person"


def test_participation_lists_only_editions_that_have_ended(client, seed):
    upcoming = EditionFactory(start_date=date.today() + timedelta(days=30), slug="upcoming")
    ParticipantFactory(edition=upcoming, country=Country.objects.get(code="GH"))
    assert "upcoming" not in {row["edition"].split("/")[1] for row in rows(client, "participation")}


def test_every_file_starts_with_a_byte_order_mark_so_excel_reads_utf_8(client, seed):
    for name in TABLES:
        content = client.get(f"/data/{name}.csv").content
        assert content.startswith(codecs.BOM_UTF8 + header_line(name)), name
    package = json.loads(client.get("/data/datapackage.json").content)
    assert {resource["encoding"] for resource in package["resources"]} == {"utf-8-sig"}


def header_line(name):
    return ",".join(TABLES[name].header()).encode() + b"\r\n"


def test_places_carry_coordinates_and_the_gazetteers_credit(client, seed, places):
    accra = next(row for row in rows(client, "places") if row["slug"] == "accra")
    assert (accra["geonames_id"], accra["latitude"], accra["longitude"]) == (
        "2306104",
        "5.55602",
        "-0.19690",
    )
    package = json.loads(client.get("/data/datapackage.json").content)
    places = next(r for r in package["resources"] if r["name"] == "places")
    assert "GeoNames" in places["sources"][0]["title"]
    assert "GeoNames" in client.get("/data/").content.decode()


def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(client, seed):
    TestimonialFactory(quote='=HYPERLINK("http://evil.example")', person_name="Formula")
    quote = next(row for row in rows(client, "testimonials") if row["person"] == "Formula")
    assert quote["quote"] == '\'=HYPERLINK("http://evil.example")'


def test_the_package_describes_every_file_and_frictionless_accepts_it(
    client, seed, places, tmp_path
):
    package = json.loads(client.get("/data/datapackage.json").content)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert [resource["path"] for resource in package["resources"]] == [
        f"{name}.csv" for name in TABLES
    ]
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    for resource in package["resources"]:
        (tmp_path / resource["path"]).write_bytes(client.get(f"/data/{resource['path']}").content)
        text = (tmp_path / resource["path"]).read_text(encoding=resource["encoding"])
        header = text.splitlines()[0].split(",")
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_page_lists_each_file_with_its_rows_size_and_last_change(client, seed, places):
    html = client.get("/data/").content.decode()
    places_csv = client.get("/data/places.csv").content
    card = re.search(
        r'<li class="data-file">\s*<h3[^>]*>[^<]*</h3>\s*<p[^>]*><a [^>]*href="/data/places.csv".*?</li>',
        html,
        re.S,
    )[0]
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card[: card.index("<details")]))
    assert facts["Rows"] == str(places_csv.count(b"\r\n") - 1)
    # The size is said in the download button, with the format.
    assert f"(CSV, {len(places_csv) / 1024:.1f}\xa0KB)" in card
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d"', facts["Last changed"])
    # The file's columns are folded in its own row.
    assert "<summary>The 12 columns of places.csv</summary>" in card
    text = text_of(client.get("/data/"))
    assert "(CC BY 4.0)" in text and "CC-BY-4.0" not in text
    assert text.index("places.csv") < text.index("Licence and how to cite")
    assert '<nav class="breadcrumbs"' in html


def test_a_file_keeps_its_date_until_its_content_changes(client, seed):
    long_ago = timezone.now() - timedelta(days=400)
    for name in ["news", "testimonials"]:
        digest = hashlib.sha256(client.get(f"/data/{name}.csv").content).hexdigest()
        cache.set(f"opendata-file-changed:http://testserver:{name}", (digest, long_ago), None)
    TestimonialFactory(person_name="Newcomer")  # a new content generation

    html = client.get("/data/").content.decode()

    def changed(name):
        row = re.search(rf'<a [^>]*href="/data/{name}.csv".*?</dl>', html, re.S)[0]
        return re.search(r'<time datetime="(\d{4}-\d\d-\d\d)', row)[1]

    assert changed("news") == str(timezone.localtime(long_ago).date())
    assert changed("testimonials") == str(timezone.localdate())


def test_the_page_names_the_licence_how_to_cite_and_every_file(client, seed, settings):
    settings.OPEN_DATA_LICENCE = {
        "id": "CC0-1.0",
        "title": "Creative Commons Zero v1.0 Universal",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    response = client.get("/data/")
    html = response.content.decode()
    assert parse(response).headings[0] == (1, "Open data")
    assert "Creative Commons Zero v1.0 Universal" in html
    assert 'rel="license"' in html
    citation = re.search(r'<blockquote class="citation">(.*?)</blockquote>', html, re.S)
    assert "http://testserver/data/" in citation.group(1)
    links = set(re.findall(r'<a [^>]*href="([^"]+)" type="text/csv" download>', html))
    assert links == {f"/data/{name}.csv" for name in TABLES}
    assert "(CC0 1.0)" in text_of(response)
    assert json.loads(client.get("/data/datapackage.json").content)["licenses"][0]["name"] == (
        "CC0-1.0"
    )


def test_the_page_describes_a_schema_org_dataset_with_its_distribution(client, seed):
    dataset = json_ld_blocks(client.get("/data/"))["Dataset"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(dataset["description"]) >= 50
    urls = {item["contentUrl"] for item in dataset["distribution"]}
    assert urls == {f"http://testserver/data/{name}.csv" for name in TABLES} | {
        "http://testserver/data/datapackage.json"
    }
    assert all(item["@type"] == "DataDownload" for item in dataset["distribution"])


@pytest.mark.parametrize("path", ["/data/editions.csv", "/data/datapackage.json"])
def test_a_file_answers_only_get_and_head(client, seed, path):
    assert client.get(path).status_code == 200
    assert client.head(path).status_code == 200
    for method in ("options", "trace", "put", "delete"):
        response = client.generic(method.upper(), path)
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"


def test_an_unknown_file_is_a_404(client, seed):
    assert client.get("/data/applications.csv").status_code == 404


def test_the_sitemap_lists_the_data_page_and_the_api_documentation(client, seed):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/data/</loc>" in sitemap
    assert "<loc>http://testserver/api/v1/docs/</loc>" in sitemap
    assert "/api/v1/editions/" not in sitemap


def test_the_api_documentation_lists_every_endpoint_its_filters_and_fields(client, seed, settings):
    settings.OPEN_DATA_API_RATE = "30/min"
    response = client.get("/api/v1/docs/")
    text = text_of(response)
    assert parse(response).headings[0] == (1, "API documentation")
    for path in ["/api/v1/editions/", "/api/v1/participation/", "/api/v1/places/{slug}/"]:
        assert f"GET {path}" in text
    assert "participating_countries[].participating_bodies" in text
    assert "venue_country" in text and "page_size" in text
    assert "30 requests a minute" in text


def test_the_api_documentation_describes_every_field_and_lists_enum_values(client, seed):
    html = client.get("/api/v1/docs/").content.decode()
    assert "* `" not in html  # drf-spectacular's Markdown list of an enum's values
    descriptions = re.findall(r"<dd>(.*?)</dd>", html, flags=re.S)
    assert descriptions and all(d.strip() and d.strip() != "—" for d in descriptions)
    assert "<li><code>in-person</code>: In person</li>" in html
    assert (
        "<li><code>upcoming</code>: Not open yet: it opens at <code>opens_at</code>.</li>" in html
    )
    prose = re.sub(r"<pre\b.*?</pre>", "", html.split("<main", 1)[1], flags=re.S)
    assert "'" not in re.sub(r"<[^>]+>", "", prose).replace("&#x27;", "'")  # curly ones only


def test_the_api_documentation_opens_with_its_contents_and_a_command_shown_whole(client, seed):
    html = client.get("/api/v1/docs/").content.decode()
    contents = re.search(r'<nav class="side-col api-contents".*?</nav>', html, flags=re.S)[0]
    anchors = re.findall(r'<h3 id="([^"]+)"', html)
    assert anchors and re.findall(r'href="#([^"]+)"', contents) == ["use", *anchors]
    assert html.index("api-contents") < html.index('id="use"')
    # The example wraps, if it must, after a slash of its address, never inside its
    # scheme's "//" (nor anywhere else): nothing of it is cut at its box's edge.
    assert (
        '<pre class="command" role="region" aria-label="An example request with curl">'
        "<code>curl 'http://<wbr>testserver/<wbr>api/<wbr>v1/<wbr>participation/<wbr>?year=2018'"
    ) in html
    # Folded on a phone (opened by its heading; the stylesheet keeps it open from 56rem).
    fold = re.search(r"<details ([^>]*)>\s*<summary><h2 [^>]*>On this page</h2>", contents)
    assert fold and "open" not in fold[1]


def test_every_page_leads_to_the_open_data(client, seed):
    assert '<a href="/data/">Open data and API</a>' in client.get("/news/").content.decode()


def test_the_api_documentation_says_the_paging_parameters_once(client, seed):
    html = client.get("/api/v1/docs/").content.decode()
    endpoints = html[html.index('id="endpoints"') :]
    # Listed under How to use it, not again as a parameter of each list.
    assert (
        "<dt><code>page_size</code>" not in endpoints and "<dt><code>page</code>" not in endpoints
    )
    assert endpoints.count("A list, in pages:") == html.count(
        "Fields of each item in <code>results</code>"
    )
    assert "?page_size=200" in html[: html.index('id="endpoints"')]


def test_each_data_set_is_headed_by_its_name_with_its_file_under_it(client, seed):
    html = client.get("/data/").content.decode()
    cards = re.findall(r'<li class="data-file">(.*?)</li>', html, re.S)
    heads = [
        re.match(
            r'\s*<h3 class="data-file__title">([^<]+)</h3>\s*<p class="data-file__file">'
            r'<a class="button button--secondary" href="([^"]+)"[^>]*><span>Download ([^<]+) <span',
            card,
        )
        for card in cards[: len(TABLES)]
    ]
    assert all(heads), cards[0][:300]
    assert [(head[1], head[2], head[3]) for head in heads] == [
        (table.title, f"/data/{table.filename}", table.filename) for table in TABLES.values()
    ]


def test_the_data_package_row_has_its_figures_and_its_files_folded_like_the_others(client, seed):
    html = client.get("/data/").content.decode()
    card = re.findall(r'<li class="data-file">(.*?)</li>', html, re.S)[len(TABLES)]
    assert 'href="/data/datapackage.json"' in card
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card[: card.index("<details")]))
    assert facts == {"Files": str(len(TABLES))}
    assert '<span>Download datapackage.json <span class="data-file__format">(JSON)</span>' in card
    folded = card[card.index('<details class="columns" id="package-files">') :]
    assert f"<summary>The {len(TABLES)} files it describes</summary>" in folded
    assert re.findall(r"<dt><code>([^<]+)</code></dt><dd>([^<]+)</dd>", folded) == [
        (table.filename, table.title) for table in TABLES.values()
    ]
