"""The landing page tells the seed page's story, with figures computed from the data."""

import datetime as dt
import json

import pytest

from programs.models import Edition, Program, ProgramKind
from tests.factories import as_one_change, make_edition
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_landing_tells_the_seed_page_story_in_order(client, seed):
    response = client.get("/")
    text = text_of(response)
    headings = [text for _, text in parse(response).headings]
    order = [
        "Training Programs",
        "About",
        "Main Training Programs",
        "Regional Office Programs",
        "WeGO Partners’ Programs",
        "Past programs",
        "Archives",
        "Joint Workshops",
        "Testimonies of former participants",
        "Contacts",
    ]
    assert [h for h in headings if h in order] == order
    assert "Topics of Previous Training Programs" in headings
    for dates in ["5–9 September 2011", "29 May – 6 June 2012", "27–31 March 2017"]:
        assert dates in text
    assert (
        "Chengdu Smart City & e-Government Training Program No information available yet." in text
    )
    assert "Ulyanovsk Region" in text
    for program in [
        "WeGO–SHRDC Training Program",
        "Chengdu Smart City & e-Government Training Program",
        "World Bank Institute’s Smart Cities Webinar Series",
        "Joint Workshop for Smart Sustainable Cities & e-Government",
    ]:
        assert program in text
    assert "World Bank Institute’s Smart Cities Webinar Series" in text
    assert "18 cities awarded for their smart initiatives" in text
    assert "Next year’s Joint Workshop will take place in Seoul" in text
    assert "Jeju Sunrise Park (UNESCO World Heritage Site)" in text
    assert "Ms. Melissa Ovalle Buenrostro" in text
    assert "mailto:andrew@we-gov.org" in response.content.decode()


def test_landing_figures_are_computed_from_the_data(client, seed):
    text = text_of(client.get("/"))
    assert "Editions since 2011 9" in text
    assert "Cities and public bodies taking part 18" in text
    assert "Countries represented 13" in text
    assert "Programs 4" in text
    assert "9 editions since 2011, with participants from 18 cities" in text
    assert "(including speakers, observers and resource personnel) 69" in text

    Edition.objects.filter(slug="2011-09").delete()
    text = text_of(client.get("/"))
    assert "Editions since 2012 8" in text


def test_landing_has_organization_json_ld(client, seed):
    scripts = parse(client.get("/")).scripts
    data = [json.loads(body) for kind, body in scripts if kind == "application/ld+json"]
    assert data[0]["@type"] == "Organization"
    assert data[0]["alternateName"] == "WeGO"


def test_landing_links_every_main_edition_of_the_seed_and_the_archive(client, seed):
    html = client.get("/").content.decode()
    for edition in Edition.objects.filter(program__kind=ProgramKind.MAIN):
        assert f'href="{edition.get_absolute_url()}"' in html
    assert 'href="/programs/archive/"' in html


def test_landing_stays_the_same_size_as_the_archive_grows(client, seed):
    """The landing shows the latest editions; the archive holds them all."""
    main = Program.objects.get(kind=ProgramKind.MAIN)
    with as_one_change():
        older = [
            make_edition(main, start=dt.date(1990 + n, 1, 10), title=f"Old {n}", slug=f"old-{n}")
            for n in range(20)
        ]
    html = client.get("/").content.decode()
    assert older[0].get_absolute_url() not in html
    assert Edition.objects.get(slug="2017-03").get_absolute_url() in html
    assert html.count('class="date-list"') == 1
    # The figures still count every edition and start with the oldest.
    assert "Editions since 1990" in html
    assert older[0].get_absolute_url() in client.get("/programs/archive/").content.decode()
