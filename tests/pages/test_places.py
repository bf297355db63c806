"""Where the training has reached: /cities/ (the map and the table), a place's page, a
country's page; only published content counts, and a change shows with no restart."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from programs.models import PlaceKind
from tests.factories import (
    CountryFactory,
    EditionFactory,
    ParticipantFactory,
    PlaceFactory,
    ProgramFactory,
    TestimonialFactory,
)
from tests.html import json_ld_blocks, parse, text_of
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db


def words(html):
    """The words of a piece of a page, its tags read as spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def marks(response):
    """The map's marks: {accessible name: link}."""
    html = response.content.decode()
    svg = html[html.index('<svg class="world-map"') : html.index("</svg>", html.index("world-map"))]
    return {
        name: href
        for href, name in re.findall(
            r'<a class="map-mark(?: map-mark--testimony)?" href="([^"]+)"><title>([^<]+)</title>',
            svg,
        )
    }


@pytest.fixture
def philippines(db):
    country = CountryFactory(name="The Philippines test", code="PH")
    edition = EditionFactory(
        program=ProgramFactory(title="Workshop", slug="workshop"),
        start_date=dt.date(2018, 7, 9),
        venue_country=country,
    )
    baguio = PlaceFactory(
        name="Baguio test",
        slug="baguio-test",
        country=country,
        geonames_id=1728930,
        latitude=Decimal("16.41639"),
        longitude=Decimal("120.59306"),
    )
    ministry = PlaceFactory(
        name="A ministry",
        slug="a-ministry",
        country=country,
        kind=PlaceKind.ORGANISATION,
        latitude=None,
        longitude=None,
    )
    ParticipantFactory(edition=edition, name="Baguio City", country=country, place=baguio)
    ParticipantFactory(edition=edition, name="A ministry", country=country, place=ministry)
    return {"country": country, "edition": edition, "baguio": baguio, "ministry": ministry}


def test_the_map_marks_every_place_with_coordinates_and_the_table_lists_them_all(
    client, empty_site, philippines
):
    response = client.get("/cities/")
    assert response.status_code == 200
    drawn = marks(response)
    assert list(drawn.values()) == ["/cities/baguio-test/"]
    assert next(iter(drawn)).startswith("Baguio test, The Philippines test")
    html = response.content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    # The table says what the map says, and names the organisation the map cannot draw.
    assert '<a href="/cities/baguio-test/">Baguio test</a>' in table
    assert '<a href="/cities/a-ministry/">A ministry</a>' in table
    assert '<span class="data-table__note">Not on the map</span>' in table
    # Only the places are links: the country heads its rows as plain text.
    assert 'class="data-table__group">The Philippines test</th>' in table
    assert "/countries/" not in table
    # The SVG is named and described, and links to nothing outside the site.
    assert '<title id="world-map-title">' in html and '<desc id="world-map-desc">' in html
    assert "<script" not in html[html.index("<svg") : html.index("</svg>")]
    assert "geonames.org" in html and "creativecommons.org/licenses/by/4.0/" in html


def test_drafts_scheduled_and_sample_content_never_count(client, empty_site, philippines):
    country = philippines["country"]
    hidden = {
        "draft": EditionFactory(status=PublicationStatus.DRAFT, venue_country=country),
        "scheduled": EditionFactory(published_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC)),
        "sample": EditionFactory(program=ProgramFactory(is_sample=True)),
    }
    for name, edition in hidden.items():
        place = PlaceFactory(name=f"Hidden {name}", slug=f"hidden-{name}", country=country)
        ParticipantFactory(edition=edition, name=f"Hidden {name}", country=country, place=place)
    response = client.get("/cities/")
    assert "Hidden" not in response.content.decode()
    assert "Hidden" not in text_of(client.get("/countries/ph/"))
    for name in hidden:
        assert client.get(f"/cities/hidden-{name}/").status_code == 404


def test_a_participant_from_a_new_city_is_on_the_map_after_saving(
    client, empty_site, philippines, settings
):
    settings.PAGE_CACHE_ENABLED = True
    assert len(marks(client.get("/cities/"))) == 1
    assert len(marks(client.get("/"))) == 1
    makati = PlaceFactory(name="Makati test", slug="makati-test", country=philippines["country"])
    ParticipantFactory(
        edition=philippines["edition"], name="Makati", country=philippines["country"], place=makati
    )
    for url in ["/cities/", "/"]:
        assert "/cities/makati-test/" in marks(client.get(url)).values(), url


def test_the_country_page_lists_its_places_and_organisations(client, empty_site, philippines):
    response = client.get("/countries/ph/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Baguio test" in text and "A ministry" in text
    assert "Workshop" in text  # the edition they took part in


def test_unknown_places_and_countries_are_not_found(client, empty_site, philippines):
    for url in [
        "/cities/nowhere/",
        "/countries/zz/",
        "/countries/phl/",
        "/countries/fr/",  # a real code no published content names
        "/cities/?program=nowhere",
        "/cities/?year=20x8",
        "/cities/?year=1999",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_country_code_in_capitals_redirects_to_its_one_address(client, empty_site, philippines):
    for url in ["/countries/PH/", "/countries/Ph/"]:
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == "/countries/ph/"
    assert client.get("/countries/ZZ/", follow=True).status_code == 404


def test_filters_by_program_and_year_are_plain_links(client, empty_site, philippines):
    other = EditionFactory(start_date=dt.date(2013, 6, 23))
    elsewhere = PlaceFactory(name="Elsewhere", slug="elsewhere")
    ParticipantFactory(edition=other, name="Elsewhere", country=elsewhere.country, place=elsewhere)
    page = client.get("/cities/").content.decode()
    assert 'href="/cities/?year=2018"' in page and 'href="/cities/?program=workshop"' in page
    by_year = marks(client.get("/cities/?year=2013"))
    assert list(by_year.values()) == ["/cities/elsewhere/"]
    by_program = marks(client.get("/cities/?program=workshop"))
    assert list(by_program.values()) == ["/cities/baguio-test/"]


def test_a_city_page_names_its_edition_and_carries_its_coordinates(client, empty_site, philippines):
    TestimonialFactory(
        edition=philippines["edition"], place=philippines["baguio"], quote="It was useful."
    )
    response = client.get("/cities/baguio-test/")
    assert response.status_code == 200
    text = text_of(response)
    assert parse(response).title.startswith("Baguio test")
    assert philippines["edition"].full_title in text
    assert "It was useful." in text
    assert "16.42" not in text  # the coordinates are for machines (JSON-LD), not the page
    assert 'class="locator-map"' in response.content.decode()
    place = json_ld_blocks(response)["City"]
    assert place["name"] == "Baguio test"
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 16.41639,
        "longitude": 120.59306,
    }
    assert place["sameAs"] == "https://www.geonames.org/1728930/"
    assert place["containedInPlace"]["identifier"] == "PH"


def test_an_edition_page_links_each_participant_to_its_place(client, empty_site, philippines):
    """Only the places are links; their country is a label, its page a link away from
    each place's."""
    html = client.get(philippines["edition"].get_absolute_url()).content.decode()
    assert '<a href="/cities/baguio-test/">Baguio City</a>' in html
    assert "<dt>The Philippines test</dt>" in html
    assert 'href="/countries/ph/"' in client.get("/cities/baguio-test/").content.decode()


def test_sitemap_and_search_include_the_places(client, empty_site, philippines):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ["/cities/", "/cities/baguio-test/", "/cities/a-ministry/", "/countries/ph/"]:
        assert f"{path}</loc>" in sitemap, path
    found = client.get("/search/?q=baguio").content.decode()
    assert 'href="/cities/baguio-test/"' in found


def test_the_menu_leads_to_the_cities(client, empty_site, philippines):
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert 'href="/cities/"' in nav


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # The places, the hosts, the years each place took part (one union of
        # participants and testimonials), the filters, the generation.
        ("/cities/", 5),
        ("/cities/?year=2018", 5),
        # A place's page and a country's: one query more each for who else took part
        # in the latest edition, one more on a place's for the other places of its country.
        ("/cities/baguio-test/", 8),
        ("/countries/ph/", 7),
    ],
)
def test_query_counts_are_pinned(
    client, empty_site, philippines, settings, url, budget, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")  # the content generation exists before the count
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_a_regional_offices_programs_cost_one_query_on_its_places_page(
    client, empty_site, philippines, settings, django_assert_max_num_queries
):
    """The Key facts name the programs of a place's regional office (published, not a
    sample): one query more than a place without an office, whatever their number."""
    from programs.models import RegionalOffice

    settings.PAGE_CACHE_ENABLED = False
    office = RegionalOffice.objects.create(
        name="Office test",
        slug="office-test",
        region="Asia",
        city="Baguio",
        place=philippines["baguio"],
    )
    for slug in ("one", "two"):
        ProgramFactory(title=f"Program {slug}", slug=slug, regional_office=office)
    ProgramFactory(title="Hidden", slug="hidden", regional_office=office, is_sample=True)
    client.get("/")
    with django_assert_max_num_queries(9):
        html = client.get("/cities/baguio-test/").content.decode()
    facts = facts_of(html)
    assert "Regional office Office test Program one Program two" in facts
    assert "Hidden" not in facts


def test_the_seed_cities_are_on_the_map_with_their_hosts(client, seed):
    from programs.models import Place

    took_part = Place.objects.took_part().drawable()
    assert took_part.count() >= 15
    response = client.get("/cities/")
    drawn = set(marks(response).values())
    assert drawn == {place.get_absolute_url() for place in took_part}
    html = response.content.decode()
    hosts = dict(
        re.findall(
            r'<a class="map-mark map-mark--host" href="([^"]+)"><title>([^<]+)</title>', html
        )
    )
    assert hosts["/cities/seoul/"] == "Seoul, Korea: host of 8 editions"
    assert "/cities/jeju/" in hosts


def test_the_seed_countries_and_cities(client, seed):
    philippines = text_of(client.get("/countries/ph/"))
    assert "Baguio" in philippines and "Makati" in philippines
    baguio = client.get("/cities/baguio/")
    assert "Joint Workshop for Smart Sustainable Cities" in text_of(baguio)
    geo = json_ld_blocks(baguio)["City"]["geo"]
    assert (geo["latitude"], geo["longitude"]) == (16.41639, 120.59306)  # the gazetteer's


def test_two_countries_with_one_code_still_give_a_page(client, empty_site, philippines):
    """ISO codes are not unique among the rows an editor keeps: never a server error."""
    CountryFactory(name="Philippines, again", code="PH")
    assert client.get("/countries/ph/").status_code == 200


def test_country_names_take_the_article_english_gives_them():
    from programs.models import Country

    assert Country(name="Philippines", code="PH").name_in_sentence == "the Philippines"
    assert Country(name="United States", code="US").name_in_sentence == "the United States"
    assert Country(name="Republic of Korea", code="KR").name_in_sentence == "the Republic of Korea"
    assert Country(name="The Gambia", code="GM").name_in_sentence == "The Gambia"
    assert Country(name="Korea", code="KR").name_in_sentence == "Korea"


def test_a_place_has_one_name_on_the_map_in_the_tables_and_on_its_page(client, seed):
    """The map's names and the tables are the names the editions' participants use, and
    a place's page lists no participant that only says its name again."""
    html = client.get("/cities/").content.decode()
    for gazetteers in ("Goyang-si", "Seongnam-si", "Makati City", "Battaramulla South"):
        assert gazetteers not in html
    svg = re.search(r'<svg class="world-map".*?</svg>', html, re.S)[0]
    labels = set(re.findall(r">([^<]+)</text>", svg))
    assert {"Seoul", "Jeju"} <= labels
    assert set(marks(client.get("/cities/"))) >= {
        "Makati, Philippines: 1 edition, 1 participation",
        "Goyang, Korea: 1 edition, 1 participation",
    }
    page = client.get("/cities/makati/")
    assert "<h1>Makati</h1>" in page.content.decode()
    makati = text_of(page)
    assert "Who took part" not in makati
    # A body in a city is named as it took part, beside the city's own name.
    battaramulla = text_of(client.get("/cities/battaramulla/"))
    assert "Who took part Urban Development Authority, Battaramulla" in battaramulla


@pytest.mark.parametrize("slug", ["baguio", "hebron", "jeju"])
def test_a_places_map_is_in_its_head_and_its_facts_follow_its_record(client, seed, slug):
    """The locator map is the picture beside the page's heading, once; on a phone (the
    source's order) the editions, then the Key facts with the map's sources, then who
    took part, what they said and how to take part."""
    html = client.get(f"/cities/{slug}/").content.decode()
    facts = html.index('id="facts-heading"')
    assert html.count('<svg class="locator-map"') == 1
    assert html.index("<h1>") < html.index('<figure class="page-head__map">') < facts
    assert html.index('id="take-part-heading"') > facts
    for later in ('id="participants-heading"', 'id="testimonials-heading"'):
        if later in html:
            assert html.index(later) > facts
    if 'id="editions-heading"' in html:
        assert html.index('id="editions-heading"') < facts


def test_place_and_country_pages_say_each_fact_once_and_apart_from_hosting(client, seed):
    baguio = client.get("/cities/baguio/")
    text = text_of(baguio)
    assert "A city in the Philippines that took part in 1 edition of WeGO’s training." in text
    assert "Who took part" not in text  # the edition row names Baguio already
    # The record first (on a phone too), then the facts with the map, captioned by
    # what it shows: the place and its country.
    assert text.index("Editions (1)") < text.index("Key facts")
    facts = text[text.index("Key facts") :]
    assert "Editions" not in facts
    assert "on the world map" not in text
    assert re.search(
        r'<figcaption class="page-head__map-caption">Baguio, Philippines</figcaption>',
        baguio.content.decode(),
    )
    assert '<span class="nowrap">(<a href="https://creativecommons.org/licenses/by/4.0/">' in (
        baguio.content.decode()
    )
    seoul = text_of(client.get("/cities/seoul/"))
    assert "A city in Korea that hosted 8 editions of WeGO’s training." in seoul
    korea = text_of(client.get("/countries/kr/"))
    # Each count says what it counts: the editions its places took part in, those held
    # there, and the list's heading says it holds both.
    assert "2 places in Korea took part in 1 edition of WeGO’s training." in korea
    assert "9 editions were held in Korea." in korea
    assert "Editions (9) Held in Korea or with participants from it" in korea
    took_part = korea[korea.index("Cities and organisations that took part") : korea.index("Hosts")]
    assert "Seoul" not in took_part and "Goyang 1 edition" in took_part
    hosts = korea[korea.index("Hosts") :]
    assert "Seoul host city of 8 editions" in hosts
    philippines = text_of(client.get("/countries/ph/"))
    assert "Makati 1 edition" in philippines
    assert "City city" not in philippines and "in the Philippines took part" in philippines


def test_the_places_table_is_by_country_with_the_years_they_took_part(client, seed):
    """Not a column of identical counts: each country heads the rows of its places, and
    each place says the years of the editions it took part in."""
    html = client.get("/cities/").content.decode()
    # From 64rem two tables side by side, cut at a country: read here as one.
    table = "".join(
        re.findall(r'<table class="data-table places-by-country">(.*?)</table>', html, re.S)
    )
    korea = re.search(r"<tbody>(.*?)</tbody>", table[table.index('">Korea</th>') - 200 :], re.S)[1]
    assert re.search(r'<th scope="rowgroup" rowspan="2" class="data-table__group">', korea)
    rows = re.findall(
        r'<a href="/cities/([^/]+)/">[^<]+</a>.*?<td class="num">([^<]+)</td>', korea, re.S
    )
    assert rows == [("goyang", "2018"), ("seongnam", "2018")]
    countries = re.findall(r'class="data-table__group">([^<]+)</th>', table)
    assert countries == sorted(countries) and len(countries) == 17
    assert "Participations" not in table


def test_places_known_from_a_testimonial_are_shown_as_such(client, seed):
    response = client.get("/cities/")
    html = response.content.decode()
    text = text_of(response)
    # Said under the place's name, not in the column of numbers, which has a dash.
    row = html[html.index('<a href="/cities/barcelona/">') :]
    row = row[: row.index("</tr>")]
    header, cells = row.split("</th>")
    assert '<span class="data-table__note">Known from a testimonial</span>' in header
    assert "testimonial" not in cells and '<td class="num">2013</td>' in cells
    assert re.search(r'<a class="map-mark map-mark--testimony" href="/cities/barcelona/">', html)
    assert "From a testimonial" in text  # the legend
    # Every mark holds a transparent circle to hit with a finger.
    assert html.count('class="map-mark__hit"') == html.count('<a class="map-mark')


def test_the_maps_sources_are_one_quiet_line_in_the_footers_bar(client, seed):
    """Not in the head, not in the Key facts, no raw coordinates: one line in the
    footer's bar, after the copyright and before the privacy notice."""
    html = client.get("/cities/baguio/").content.decode()
    facts = html[
        html.index('<dl class="facts">') : html.index("</dl>", html.index("facts-heading"))
    ]
    assert "Coordinates" not in facts and "GeoNames" not in facts and "Map:" not in facts
    head = html[html.index('<div class="page-head">') : html.index('<div class="page-sections')]
    assert "GeoNames" not in head and "Natural Earth" not in head
    assert html.count('<p class="map-credit">') == 1
    credit = re.search(r'<p class="map-credit">(.*?)</p>', html)
    note = re.sub(r"<[^>]+>", "", credit[1])
    assert note.startswith("Map: land from Natural Earth;") and "CC BY 4.0" in note
    assert 'href="https://www.geonames.org/"' in credit[1]
    bar = html.index('<div class="site-footer__bar">')
    assert bar < html.index("(WeGO)</p>", bar) < credit.start() < html.index("Privacy notice", bar)
    korea = client.get("/countries/kr/").content.decode()
    head = korea[korea.index('<div class="page-head">') : korea.index('<div class="page-sections')]
    assert '<svg class="locator-map"' in head
    assert ">Where the places of Korea are</title>" in head
    # Seoul, Jeju, Goyang and Seongnam: the hosts and those that took part.
    assert head.count('class="locator-map__mark"') == 4
    assert ">The places of Korea</figcaption>" in head
    # Its sources in the footer's bar, once.
    assert korea.count('class="locator-map"') == 1
    assert korea.count('<p class="map-credit">') == 1
    assert korea.index("</main>") < korea.index('<div class="site-footer__bar">')
    assert korea.index('<div class="site-footer__bar">') < korea.index("map-credit")


def test_the_seed_maps_crowded_korean_places_are_drawn_apart_on_the_cities_page_only(client, seed):
    html = client.get("/cities/").content.decode()
    insets = html[html.index('<div class="map-insets">') :]
    assert "<figcaption>Korea, enlarged</figcaption>" in insets
    korea = re.search(r"<title>Korea, enlarged: ([^<]+)</title>", insets)[1]
    assert set(korea.split(", ")) == {"Goyang", "Seoul", "Seongnam", "Jeju"}
    assert '<g class="world-map__labels world-map__labels--wide" aria-hidden="true"' in html
    # The landing page holds only the phone's inset of the Americas, no crowded spot.
    landing = client.get("/").content.decode()
    assert landing.count('<figure class="map-inset') == 1
    assert '<figure class="map-inset map-inset--phone">' in landing
    assert "enlarged</figcaption>" not in landing


PLACE_PAGES = ["/cities/", "/cities/baguio-test/", "/countries/ph/"]


def test_place_pages_gather_their_lists_once_per_content_generation(
    client, empty_site, philippines, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    for url in PLACE_PAGES:
        client.get(url)
        # Rendered again with no content change: the aggregates are not read again.
        with django_assert_max_num_queries(1):
            assert client.get(url).status_code == 200, url


def test_place_pages_show_a_content_change_at_once(client, empty_site, philippines, settings):
    settings.PAGE_CACHE_ENABLED = False
    for url in PLACE_PAGES:
        assert "Second workshop" not in text_of(client.get(url)), url
    second = EditionFactory(
        program=ProgramFactory(title="Second workshop", slug="second-workshop"),
        start_date=dt.date(2019, 7, 9),
        venue_country=philippines["country"],
    )
    ParticipantFactory(
        edition=second,
        name="Baguio City",
        country=philippines["country"],
        place=philippines["baguio"],
    )
    assert "Second workshop" in text_of(client.get("/cities/?program=second-workshop"))
    for url in ["/cities/baguio-test/", "/countries/ph/"]:
        assert "Second workshop" in text_of(client.get(url)), url
    table = client.get("/cities/").content.decode()
    assert re.search(r"Baguio test</a>.*?<td[^>]*>2018, 2019</td>", table, re.S)


def test_place_counts_follow_the_day_an_edition_ends(
    client, empty_site, philippines, settings, monkeypatch
):
    """An edition counts once it has ended: the next day's pages count it, with no
    content change in between."""
    settings.PAGE_CACHE_ENABLED = False
    from django.utils import timezone

    ending = philippines["edition"]
    today = timezone.localdate()
    ending.start_date, ending.end_date = today, today
    ending.save()
    assert "/cities/baguio-test/" not in client.get("/cities/").content.decode()
    assert "Baguio test 1 edition" not in text_of(client.get("/countries/ph/"))
    tomorrow = today + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "/cities/baguio-test/" in marks(client.get("/cities/")).values()
    assert "Baguio test 1 edition" in text_of(client.get("/countries/ph/"))


def test_a_places_own_page_does_not_repeat_it_on_its_editions_rows(client, seed):
    """Seoul's eight editions are all in Seoul: its page names none of them by the venue,
    and does not say it above the rows either (the page is Seoul's). All eight are the
    WeGO–SHRDC Training Program's: the caption names and links it once, each row's link
    is its dates (the program's name in it for screen readers), as on the program's page."""
    html = client.get("/cities/seoul/").content.decode()
    start = html.index('<table class="archive-table')
    table = html[start : html.index("</table>", start)]
    assert "Seoul, Korea" not in table and '<th scope="col">Venue</th>' not in table
    assert '<th scope="col">Program</th>' not in table and "archive-table__program" not in table
    caption = table[table.index("<caption>") : table.index("</caption>")]
    assert re.sub(r"<[^>]+>", "", caption) == (
        "Editions, newest first. All are editions of the WeGO–SHRDC Training Program."
    )
    assert caption.count("<a ") == 1 and 'href="/programs/wego-shrdc-training-program/"' in caption
    links = re.findall(r'<th class="archive-table__dates" scope="row"><a [^>]*>(.*?)</a>', table)
    assert len(links) == 8
    assert re.sub(r"<[^>]+>", "", links[0]) == "WeGO–SHRDC Training Program, 27–31 March 2017"
    assert all(
        '<span class="visually-hidden">WeGO–SHRDC Training Program, </span>' in a for a in links
    )
    # Which of the program's editions each is, its years heading their rows.
    assert re.findall(r'class="archive-table__rank">([^<]*)<', table) == [
        f"Edition {n} of 8" for n in range(8, 0, -1)
    ]
    assert 'scope="rowgroup"' in table and "edition-table" not in html
    # The program is named once: not again among the key facts beside the table.
    facts = html[html.index('id="facts-heading"') : html.index("</aside>")]
    assert "WeGO–SHRDC Training Program" not in facts


def test_a_countrys_editions_of_several_programs_name_each_rows_program(client, seed):
    """Korea's editions are of two programs, in two venues: each row is led by its dates,
    the row's header and its one link (named for screen readers with the program), its
    program a quiet line under them, not a link nor a column; its venue; the caption
    adds nothing."""
    html = client.get("/countries/kr/").content.decode()
    start = html.index('<table class="archive-table')
    table = html[start : html.index("</table>", start)]
    assert re.findall(r'<th scope="col">(\w+)</th>', table) == ["Year", "Dates", "Venue"]
    links = re.findall(r'<th class="archive-table__dates" scope="row"><a [^>]*>(.*?)</a>', table)
    assert [re.sub(r"<[^>]+>", "", a) for a in links[:2]] == [
        "Joint Workshop for Smart Sustainable Cities &amp; e-Government, 9–12 July 2018",
        "WeGO–SHRDC Training Program, 27–31 March 2017",
    ]
    assert all(a.startswith('<span class="visually-hidden">') for a in links) and len(links) == 9
    programs = re.findall(r'<span class="archive-table__program">(.*?)</span></th>', table)
    assert [re.sub(r"<[^>]+>", "", line) for line in programs[:2]] == [
        "Joint Workshop for Smart Sustainable Cities &amp; e\u2011Government",
        "WeGO–SHRDC Training Program · Edition 8 of 8",
    ]
    assert table.count("<a ") == 9
    assert '<caption class="visually-hidden">Editions, newest first</caption>' in table


@pytest.mark.parametrize("url", ["/", "/cities/"])
def test_the_map_names_the_host_cities_and_says_so(client, seed, url):
    """Seoul, where most editions were held, is in the crowded Korean spot and Chengdu,
    the regional office, among other places: both are named in every layer of names
    (a phone's map names none: the tables and enlarged spots do), and the map's
    description names the hosts."""
    html = client.get(url).content.decode()
    svg = re.search(r'<svg class="world-map".*?</svg>', html, re.S)[0]
    layers = re.findall(
        r'<g class="world-map__labels world-map__labels--(\w+)"[^>]*>(.*?)</g>', svg
    )
    assert [layer for layer, _ in layers] == ["wide", "medium", "narrow"]
    for _, labels in layers:
        named = re.findall(r">([^<]+)</text>", labels)
        assert {"Seoul", "Chengdu", "Jeju"} <= set(named)
    description = re.search(r"<desc[^>]*>([^<]+)</desc>", svg)[1]
    assert (
        "3 hosts (where editions were held, regional offices), each a ring named on the map: "
        in description
    )
    assert description.count("Seoul") == description.count("Chengdu") == 1


def facts_of(html):
    """The words of a place page's Key facts panel."""
    return words(html[html.index('id="facts-heading"') : html.index("</aside>")])


def test_every_place_page_has_key_facts_led_by_its_country(client, seed):
    """Every place's page has its Key facts, in the rail beside its record: its country
    (a link to the country's page), then what the page records of it, so no rail holds a
    lone fact and no place lacks the panel (Accra: its country, the year and the program
    it took part in)."""
    from pages.places import public_places

    for place in public_places().select_related("country"):
        html = client.get(place.get_absolute_url()).content.decode()
        facts = facts_of(html)
        assert re.search(r"Key facts\s+Country\s", facts), place.slug
        assert len(re.findall(r"<dt>", html[html.index('id="facts-heading"') :])) >= 2, place.slug
    accra = facts_of(client.get("/cities/accra/").content.decode())
    assert "Country Ghana" in accra and "Took part 2018" in accra
    assert "Program Joint Workshop for Smart Sustainable Cities" in accra


def test_a_place_page_keeps_its_record_then_the_rail_then_what_was_said(client, seed):
    """Bucharest is known from a testimonial: its edition, then (on a phone; beside the
    whole page from 56 rem) the rail of its Key facts and how to take part next, then the
    quote, under the editions in the page's first column."""
    html = client.get("/cities/bucharest/").content.decode()
    assert (
        html.index('id="editions-heading"')
        < html.index('class="side-stack"')
        < html.index('id="facts-heading"')
        < html.index('id="take-part-heading"')
        < html.index('class="main-col"')
        < html.index('id="testimonials-heading"')
    )
    assert 'class="page-sections with-aside with-aside--rail-last"' in html
    assert "with-aside--opening" not in html


def test_a_hosts_key_facts_do_not_count_again_what_its_head_says(client, seed):
    """Seoul's lede says "hosted 8 editions" over "Editions (8)": the facts do not say it
    a third time; they name the other places of Korea. Jeju likewise for its one."""
    for slug, count in (("seoul", "8 editions"), ("jeju", "1 edition")):
        html = client.get(f"/cities/{slug}/").content.decode()
        text = words(html)
        assert f"hosted {count} of WeGO’s training" in text
        aside = html[html.index('id="facts-heading"') : html.index("</aside>")]
        assert "Host of" not in aside
        assert "Also in Korea" in words(aside)


def test_a_place_that_hosted_some_of_its_editions_says_so_in_its_facts(
    client, empty_site, philippines
):
    """Where the lede counts the editions it took part in, not those it hosted, the facts
    say how many it hosted."""
    baguio = philippines["baguio"]
    held = EditionFactory(
        program=ProgramFactory(title="Other", slug="other"),
        start_date=dt.date(2019, 5, 6),
        venue_country=baguio.country,
        venue_place=baguio,
    )
    assert held.venue_place == baguio
    html = client.get("/cities/baguio-test/").content.decode()
    assert "took part in 2 editions of WeGO’s training" in words(html)
    aside = html[html.index('id="facts-heading"') : html.index("</aside>")]
    assert "Host of 1 edition" in words(aside)


def test_a_citys_key_facts_summarise_it_for_a_visitor(client, seed):
    """A city's Key facts: its country (linked), the years it took part in (or hosted),
    the program of its editions (linked) and the other places of its country."""
    html = client.get("/cities/baguio/").content.decode()
    facts = html[
        html.index('<dl class="facts">') : html.index("</dl>", html.index("facts-heading"))
    ]
    text = words(facts)
    assert "Country Philippines" in text and 'href="/countries/ph/"' in facts
    assert "Took part 2018" in text
    assert "Program Joint Workshop for Smart Sustainable Cities" in text
    assert 'href="/programs/joint-workshop-smart-sustainable-cities-e-government/"' in facts
    assert "Also in the Philippines Makati" in text and 'href="/cities/makati/"' in facts
    seoul = client.get("/cities/seoul/").content.decode()
    facts = seoul[seoul.index('<dl class="facts">') :]
    facts = facts[: facts.index("</dl>")]
    text = words(facts)
    # Its first and last years, which its lede ("host of 8 editions") does not say.
    assert "Hosted 2011–2017" in text
    assert "Program WeGO–SHRDC Training Program" in text
    assert "(16.42, 120.59)" not in html  # its coordinates only in its JSON-LD


def test_a_regional_offices_place_names_the_office_and_its_programs(client, seed):
    """Chengdu took part in no edition: its facts name its country, its regional office
    and the program that office runs (linked)."""
    html = client.get("/cities/chengdu/").content.decode()
    facts = facts_of(html)
    assert "Country China" in facts
    assert "Regional office WeGO Regional Office for Asia Chengdu Smart City" in facts
    assert 'href="/programs/chengdu-smart-city-e-government-training-program/"' in html


@pytest.mark.parametrize(
    ("years", "text"),
    [
        ({2018}, "2018"),
        ({2011, 2012, 2013, 2014, 2015, 2016, 2017}, "2011–2017"),
        ({2013, 2018}, "2013 and 2018"),
        ({2011, 2012, 2014, 2016}, "2011–2012, 2014 and 2016"),
        (set(), ""),
    ],
)
def test_years_read_as_runs(years, text):
    from pages.place_pages import year_runs

    assert year_runs(years) == text


def test_how_to_take_part_next_on_a_place_links_to_the_contacts_once(client, seed):
    """A place's "How to take part next" is two short sentences: where calls are published
    (a link to the training programs) and a link to the contacts the footer lists, in
    the words every page's "whom to write to" uses, never their names and addresses again."""
    for slug in ("baguio", "chengdu"):
        html = client.get(f"/cities/{slug}/").content.decode()
        section = html[html.index('id="take-part-heading"') :]
        section = section[: section.index("</section>")]
        assert "mailto:" not in section and "Sidorova" not in section
        assert 'href="/programs/"' in section
        assert (
            "To hear of a new call, or for any question, write to the contacts at the foot of this page"
            in words(section)
        )
        assert section.count('href="#footer-contacts"') == 1
        main = html[html.index("<main") : html.index('<footer class="site-footer">')]
        assert "mailto:" not in main
        assert 'id="footer-contacts"' in html


def test_a_hosts_page_says_who_came_to_the_edition_it_hosted(client, seed):
    """Jeju hosted the Joint Workshop 2018, whose participants came from 13 countries: its
    page counts them as "Who came to Jeju" (a page that took part says "Also at this
    edition") and links to their list on the edition's page; Seoul's editions record no
    participants, so its page has no such section."""
    html = client.get("/cities/jeju/").content.decode()
    section = html[html.index('id="also-at-heading"') :]
    section = section[: section.index("</section>")]
    text = words(section)
    assert "Who came to Jeju" in text
    assert "18 cities and bodies from 13 countries took part in the Joint Workshop" in text
    assert "other cities" not in text
    assert 'id="also-at-heading"' not in client.get("/cities/seoul/").content.decode()


def test_a_place_and_a_country_count_who_else_took_part_in_their_latest_edition(client, seed):
    """Baguio and the Philippines took part in Jeju 2018: the page says how many others
    took part, from how many countries, and links to the edition and to its list of
    participants; the list itself is the edition's page's, not repeated on the place's
    (17 rows of other cities were most of Baguio's page)."""
    edition = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    for url, counted in [
        ("/cities/baguio/", "17 other cities and bodies from 13 countries"),
        ("/countries/ph/", "16 other cities and bodies from 12 countries"),
    ]:
        html = client.get(url).content.decode()
        section = html[html.index('id="also-at-heading"') :]
        section = section[: section.index("</section>")]
        assert counted in words(section)
        assert f'href="{edition}"' in section
        assert f'href="{edition}#participants-heading"' in section
        assert "by-country" not in section and 'href="/cities/' not in section
    assert 'id="participants-heading"' in client.get(edition).content.decode()


def test_a_countrys_globe_is_drawn_as_far_around_as_a_places(client, seed):
    """A country's locator is the globe a place's is, 50 degrees around its places (at
    20 it was a close-up of a coast that no longer read as a globe)."""
    from programs.models import Place
    from wego_site.core.world_map import LOCATOR_REACH, Mark, locator_map

    html = client.get("/countries/ph/").content.decode()
    head = html[html.index('<div class="page-head">') : html.index('<div class="page-sections')]
    marks = [
        Mark(place.name, float(place.latitude), float(place.longitude), "")
        for place in Place.objects.filter(slug__in=["baguio", "makati"]).order_by("name")
    ]
    title = "Where the places of the Philippines are"
    assert str(locator_map(marks, title=title, reach=LOCATOR_REACH)) in head


def test_a_places_editions_carry_no_edition_totals(client, seed):
    """Baguio took part in Jeju 2018: the edition's 28 participants from 18 cities and
    bodies are the edition's, and on Baguio's page would read as Baguio's own."""
    html = client.get("/cities/baguio/").content.decode()
    assert "Joint Workshop for Smart Sustainable Cities" in html
    assert "archive-table__took-part" not in html and "28 participants" not in html
    # Its one edition: dates (the program under them) and venue, no year column and no
    # length.
    table = html[html.index('<table class="archive-table') : html.index("</table>")]
    heads = re.findall(r'<th scope="col">(\w+)</th>', table)
    assert heads == ["Dates", "Venue"]
    assert '<td class="archive-table__venue">Jeju Island, Korea</td>' in table


def test_the_places_by_country_are_cut_in_two_at_a_country_near_their_middle():
    """/cities/'s two tables: cut between countries, never inside one, where the two
    halves come nearest one height (a note under a place's name counts half a row)."""
    from types import SimpleNamespace

    from pages.places import in_two_columns

    def place(note=False):
        return SimpleNamespace(participant_count=0 if note else 1, is_drawable=True)

    def names(halves):
        return [[country for country, _ in half] for half in halves]

    groups = [("A", [place()] * 4), ("B", [place()]), ("C", [place()] * 2), ("D", [place()])]
    assert names(in_two_columns(groups)) == [["A"], ["B", "C", "D"]]
    # A note under a name makes its row taller, and may move the cut.
    assert names(in_two_columns([("A", [place()]), ("B", [place()]), ("C", [place()])])) == [
        ["A"],
        ["B", "C"],
    ]
    noted = [("A", [place()]), ("B", [place()]), ("C", [place(note=True)])]
    assert names(in_two_columns(noted)) == [["A", "B"], ["C"]]
    assert in_two_columns(groups[:1]) == (groups[:1], [])
    assert in_two_columns([]) == ([], [])
