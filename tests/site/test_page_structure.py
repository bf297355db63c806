"""Every kind of public page is well formed: one h1, canonical and Open Graph, unique
titles, headings in order, ISO dates; error pages and an empty site too."""

import itertools
import re

import pytest
from django.template import loader
from django.urls import reverse

from tests.html import parse

pytestmark = pytest.mark.django_db

JEJU = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
MAIN = "/programs/wego-shrdc-training-program/"
CHENGDU = "/programs/chengdu-smart-city-e-government-training-program/"
POST = "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/"

PAGES = [
    "/",
    "/programs/",
    "/programs/kind/main/",
    "/programs/kind/regional/",
    "/programs/kind/partner/",
    "/programs/kind/joint-workshop/",
    MAIN,
    CHENGDU,
    JEJU,
    "/programs/wego-shrdc-training-program/2012-05/",
    "/programs/archive/",
    "/programs/archive/2012/",
    "/news/",
    "/news/2020/",
    "/news/tag/webinar/",
    POST,
    "/testimonials/",
    "/testimonials/2013/",
]


@pytest.fixture
def pages(client, seed):
    return {url: client.get(url) for url in PAGES}


@pytest.mark.engine_neutral  # markup of pages over the seed's rows
def test_every_page_renders_with_one_h1_a_canonical_and_open_graph(pages):
    for url, response in pages.items():
        assert response.status_code == 200, url
        page = parse(response)
        assert [level for level, _ in page.headings].count(1) == 1, url
        assert page.links["canonical"] == f"http://testserver{url}", url
        assert page.meta["og:url"] == page.links["canonical"]
        assert page.meta["og:title"] and page.meta["og:description"], url
        assert page.meta["description"], url
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert '<main id="main-content"' in html
        assert 'href="#main-content"' in html
        assert '<nav class="site-nav" aria-label="Main">' in html


@pytest.mark.engine_neutral  # markup of pages over the seed's rows
def test_titles_and_descriptions_are_unique(pages):
    titles = [parse(r).title for r in pages.values()]
    assert len(set(titles)) == len(titles), titles
    descriptions = [parse(r).meta["description"] for r in pages.values()]
    # Pages of one list share their description with their year and tag pages at most.
    assert len(set(descriptions)) >= len(descriptions) - 2


@pytest.mark.engine_neutral  # markup of pages over the seed's rows
def test_headings_never_skip_a_level(pages):
    for url, response in pages.items():
        levels = [level for level, _ in parse(response).headings]
        assert levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (url, levels)


@pytest.mark.engine_neutral  # markup of pages over the seed's rows
def test_every_time_element_has_an_iso_date(pages):
    for url, response in pages.items():
        for value in parse(response).times:
            assert value and len(value) == 10 and value[4] == "-", (url, value)


def test_nav_marks_the_current_section(client, seed):
    html = client.get("/news/2020/").content.decode()
    assert f'href="{reverse("news:post_list")}" aria-current="true"' in html
    html = client.get("/programs/archive/").content.decode()
    assert 'href="/programs/archive/" aria-current="page"' in html
    assert 'href="/programs/" aria-current' not in html
    # A country's page is under Cities, as a place's page is.
    cities = reverse("place_list")
    for path in (reverse("country_detail", args=["ph"]), "/cities/"):
        html = client.get(path).content.decode()
        assert f'href="{cities}" aria-current=' in html, path


def test_500_page_needs_no_context_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert '<html lang="en">' in html
    assert html.count("<h1>") == 1
    assert '<main id="main-content"' in html


def test_404_page_is_styled(client, seed):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = parse(response)
    assert [text for level, text in page.headings if level == 1] == ["Page not found"]
    assert page.meta["robots"] == "noindex"
    html = response.content.decode()
    assert "<title>Page not found · " in html
    # The missing address is no page: nothing names it as the canonical one or shares it.
    assert 'rel="canonical"' not in html and "og:url" not in html


def test_404_page_marks_no_section_and_offers_a_search(client, seed):
    html = client.get("/programs/no-such-thing/").content.decode()
    menu = html[
        html.index('aria-label="Main"') : html.index("</nav>", html.index('aria-label="Main"'))
    ]
    assert "aria-current" not in menu
    main = html[html.index("<main") : html.index("</main>")]
    assert 'role="search"' in main and 'action="/search/"' in main
    assert html.count('role="search"') == 1  # not the header's as well
    # Its label is short: the lede above it has said what happened.
    assert '<label for="not-found-q">Search the site</label>' in main


START_FROM = {
    "/programs/": "Programs",
    "/programs/archive/": "Archive of editions",
    "/cities/": "Cities",
    "/news/": "News",
}


def test_404_page_starts_from_the_search_and_a_few_key_pages(client, seed):
    """The search, then four key destinations in a grid: not the footer's links again."""
    html = client.get("/no-such-page/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    grid = main[main.index('class="link-list link-list--grid"') :]
    grid = grid[: grid.index("</ul>")]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', grid) == list(START_FROM.items())
    assert main.index('role="search"') < main.index('id="start-from"')


def test_the_search_page_marks_search_current_in_the_menu(client, seed):
    html = client.get("/search/?q=Jeju").content.decode()
    assert 'class="site-header__search" href="/search/" aria-current="page">' in html
    # The edition's dates as every page writes them.
    assert '<span class="date-range"><time datetime="2018-07-09">9</time>' in html


@pytest.mark.parametrize(
    "url", ["/", "/programs/", "/programs/archive/", "/news/", "/testimonials/"]
)
def test_pages_render_on_an_empty_site(client, empty_site, url):
    response = client.get(url)
    assert response.status_code == 200
    assert [level for level, _ in parse(response).headings].count(1) == 1


def test_a_page_may_fill_only_the_title_and_description_blocks(rf):
    from django.template import RequestContext, Template

    template = Template(
        '{% extends "base.html" %}{% block title %}Only a title{% endblock %}'
        "{% block description %}Only a description{% endblock %}"
    )
    html = template.render(RequestContext(rf.get("/somewhere/"), {}))
    assert "<title>Only a title</title>" in html
    assert '<meta name="description" content="Only a description">' in html
    assert '<link rel="canonical" href="http://testserver/somewhere/">' in html
