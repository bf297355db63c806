"""The footer of every page: WeGO, its website, the contacts, feeds, sitemap, privacy."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.html import text_of


def test_footer_names_wego_its_site_contacts_feeds_and_sitemap(client, seed):
    response = client.get("/news/")
    html = response.content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="https://we-gov.org/"' in footer
    assert "World Smart Sustainable Cities Organization (WeGO)" in footer
    for address in ["andrew@we-gov.org", "alexandra@we-gov.org"]:
        assert f'href="mailto:{address}"' in footer
    for url in ["/news/feed/rss/", "/news/feed/atom/", "/programs/calendar.ics", "/sitemap.xml"]:
        assert f'href="{url}"' in footer
    assert "Contacts" in text_of(response)


def test_footer_has_a_column_per_kind_of_link_and_a_bar_with_copyright_and_privacy(client, seed):
    html = client.get("/news/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    headings = re.findall(r'<p class="site-footer__heading"[^>]*>([^<]+)</p>', footer)
    assert headings == ["About WeGO", "Contacts", "Explore", "Data and feeds"]
    bar = footer[footer.index('<div class="site-footer__bar">') :]
    assert "© World Smart Sustainable Cities Organization (WeGO)" in bar
    assert f'<a href="{reverse("applications:privacy")}">Privacy notice</a>' in bar
    # It repeats nothing: each address and each organisation name once.
    hrefs = re.findall(r'href="([^"]+)"', footer)
    assert len(hrefs) == len(set(hrefs))
    assert footer.count("World Smart Sustainable Cities Organization") == 1


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/programs/",
        "/programs/archive/",
        "/cities/",
        "/news/",
        "/testimonials/",
        "/search/?q=Jeju",
        "/data/",
        "/privacy/applications/",
        "/no-such-page/",
    ],
)
def test_every_page_links_to_the_privacy_notice_in_its_footer(client, seed, url):
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    privacy = reverse("applications:privacy")
    assert footer.count(f'<a href="{privacy}">Privacy notice</a>') == 1


def test_admin_answers_tell_search_engines_to_stay_out(client, db, settings):
    response = client.get(f"/{settings.ADMIN_URL}login/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/robots.txt")


def test_footer_contacts_cost_one_query_per_content_generation(client, seed):
    def contact_queries(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries if "programs_contact" in q["sql"]]

    assert len(contact_queries("/testimonials/")) == 1
    assert contact_queries("/news/") == []  # the same generation: remembered


def test_the_bar_credits_the_maps_only_on_a_page_that_draws_one(client, seed):
    """The footer is kept once per content generation for each kind of page: a page
    with a map and one without, in either order, each get their own bar."""
    for path, credited in [("/news/", False), ("/cities/accra/", True), ("/news/", False)]:
        html = client.get(path).content.decode()
        bar = html[html.index('<div class="site-footer__bar">') :]
        assert ("Map: land from Natural Earth" in bar) is credited, path
        assert html.count('<p class="map-credit">') == int(credited), path


@pytest.mark.browser
@pytest.mark.engine_neutral  # a browser's view of layout, over the seed's rows
@pytest.mark.parametrize("width", [375, 1280])
def test_footer_is_compact_on_a_phone_and_its_links_are_targets(seeded_server, page, width):
    """On a phone the two contacts side by side, and the two lists of links under them in
    the same two columns, its headings, rows and bar set close, so the footer is some
    half a screen (at most 500 px, not 635), every link kept; from 64rem four columns.
    Every link of its columns and bar is at least 24 px tall (WCAG 2.2's target size)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/news/")
    footer = page.locator(".site-footer")
    people = [li.bounding_box() for li in footer.locator(".site-footer__contacts li").all()]
    heading = [footer.get_by_text(name, exact=True) for name in ["Explore", "Data and feeds"]]
    explore, data = (h.bounding_box() for h in heading)
    assert explore["y"] == data["y"] and explore["x"] < data["x"], "side by side"
    if width == 375:
        assert footer.bounding_box()["height"] <= 500
        assert footer.get_by_role("link").count() == 15
        assert people[0]["y"] == people[1]["y"], "the two contacts side by side"
        assert people[1]["x"] == pytest.approx(data["x"], abs=1), "in the lists' columns"
    else:
        about = footer.get_by_text("About WeGO", exact=True).bounding_box()
        assert about["y"] == explore["y"], "four columns"
    for link in footer.locator(".site-footer__col a, .site-footer__bar > p > a").all():
        assert link.bounding_box()["height"] >= 24, link.inner_text()
