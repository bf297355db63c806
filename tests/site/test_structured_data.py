"""Every public page's structured data, parsed: what search engines and link previews get.

Each page has an og:image of 1200 × 630 and valid JSON-LD; each page below the landing
page a BreadcrumbList ending at itself; lists a CollectionPage with an ItemList; an
edition an Event with status, attendance mode, an ISO country code, organizers with
their URL, a description and its own card; a post a NewsArticle with its card.
"""

from news.models import Post
from programs.models import AttendanceMode, Edition, Program
from tests.html import json_ld_blocks, parse
from tests.public_urls import public_urls
from wego_site.core.linked_data import WEGO_URL

HOST = "http://testserver"
JEJU = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
LISTS = {
    "/programs/",
    "/programs/kind/regional/",
    "/programs/archive/",
    "/programs/archive/2018/",
    "/news/",
    "/news/2020/",
    "/news/tag/wego-awards/",
    "/testimonials/",
    "/testimonials/2013/",
}


def html_pages(client):
    """(url, response) of every public HTML page: each shape of list and detail page."""
    extra = [*LISTS, JEJU, "/programs/wego-shrdc-training-program/2011-09/"]
    for url in dict.fromkeys([*public_urls(), *extra]):
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            yield url, response


def test_every_page_has_a_card_and_json_ld_and_breadcrumbs_below_the_landing_page(
    client, seed_cards
):
    seen = 0
    for url, response in html_pages(client):
        seen += 1
        page = parse(response)
        assert page.meta["og:image"].startswith(f"{HOST}/"), url
        assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")
        blocks = json_ld_blocks(response)
        if url == "/":
            assert "BreadcrumbList" not in blocks
            continue
        crumbs = blocks["BreadcrumbList"]["itemListElement"]
        assert len(crumbs) >= 2, url
        assert crumbs[0]["item"] == f"{HOST}/"
        assert crumbs[-1]["item"] == page.links["canonical"], url
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        assert all(c["name"] for c in crumbs), url
        if url.split("?")[0] in LISTS:
            listed = blocks["CollectionPage"]["mainEntity"]
            assert listed["@type"] == "ItemList"
            assert listed["numberOfItems"] == len(listed["itemListElement"]) > 0, url
            assert all(i["url"].startswith(HOST) for i in listed["itemListElement"])
    assert seen >= len(LISTS) + 5


def test_edition_event_has_every_field_rich_results_ask_for(client, seed_cards):
    edition = Edition.objects.get(slug="2018")
    event = json_ld_blocks(client.get(JEJU))["Event"]
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place",
        "name": "Jeju Island, Korea",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Jeju Island",
            "addressCountry": "KR",
        },
    }
    assert event["image"] == [f"{HOST}{edition.social_card.url}"]
    assert event["description"]
    wego = [
        o for o in event["organizer"] if o["name"] == "World Smart Sustainable Cities Organization"
    ]
    assert wego and wego[0]["url"] == WEGO_URL
    assert event["superEvent"]["url"] == f"{HOST}{edition.program.get_absolute_url()}"


def test_an_edition_without_summary_is_described_from_its_own_facts(client, seed_cards):
    event = json_ld_blocks(client.get("/programs/wego-shrdc-training-program/2011-09/"))["Event"]
    assert event["description"] == (
        "Main Training Program “WeGO–SHRDC Training Program”, 5–9 September 2011 in Seoul, Korea."
    )
    assert event["organizer"][0]["url"] == WEGO_URL  # no co-organisers recorded: WeGO's own


def test_online_and_mixed_editions_say_so(client, seed_cards):
    edition = Edition.objects.get(slug="2018")
    for mode, schema in [
        (AttendanceMode.ONLINE, "OnlineEventAttendanceMode"),
        (AttendanceMode.MIXED, "MixedEventAttendanceMode"),
    ]:
        edition.attendance = mode
        edition.save()
        event = json_ld_blocks(client.get(JEJU))["Event"]
        assert event["eventAttendanceMode"] == f"https://schema.org/{schema}"
        locations = (
            event["location"] if isinstance(event["location"], list) else [event["location"]]
        )
        assert {"@type": "VirtualLocation", "url": f"{HOST}{JEJU}"} in locations
        has_place = any(location["@type"] == "Place" for location in locations)
        assert has_place == (mode == AttendanceMode.MIXED)


def test_news_article_has_its_card_and_publisher_logo(client, seed_cards):
    post = Post.objects.published().first()
    article = json_ld_blocks(client.get(post.get_absolute_url()))["NewsArticle"]
    assert article["image"] == [f"{HOST}{post.social_card.url}"]
    assert article["publisher"]["logo"]["url"] == f"{HOST}/static/icons/icon-512.png"
    assert article["author"]["url"] == WEGO_URL


def test_program_page_is_an_event_series_of_its_editions(client, seed_cards):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    series = json_ld_blocks(client.get(program.get_absolute_url()))["EventSeries"]
    assert series["image"] == [f"{HOST}{program.social_card.url}"]
    assert len(series["subEvent"]) == 8
    assert series["startDate"] == "2011"


def test_landing_organization_has_the_word_mark_as_logo(client, seed):
    organization = json_ld_blocks(client.get("/"))["Organization"]
    assert organization["url"] == WEGO_URL
    assert organization["logo"]["url"] == f"{HOST}/static/icons/icon-512.png"
