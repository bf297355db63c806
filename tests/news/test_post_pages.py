"""News pages built from factories: pagination, neighbours at equal times, JSON-LD."""

import datetime as dt
import json
import re

import pytest

from news.models import Post
from tests.factories import make_post
from tests.site.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_pagination_ten_a_page(client):
    for _ in range(23):
        make_post()
    assert "23 posts, page 1 of 3" in text_of(client.get("/news/"))
    assert "23 posts, page 3 of 3" in text_of(client.get("/news/?page=3"))
    html = client.get("/news/?page=2").content.decode()
    assert 'href="?page=1" rel="prev"' in html
    assert 'href="?page=3" rel="next"' in html
    assert 'aria-current="page">2<' in html
    assert client.get("/news/?page=4").status_code == 404


def test_long_lists_link_a_few_pages_around_the_current_one(client):
    Post.objects.bulk_create(
        Post(title=f"P{n}", slug=f"p-{n}", lede=".", status="published") for n in range(300)
    )
    html = client.get("/news/?page=15").content.decode()
    page_links = set(re.findall(r'href="\?page=(\d+)"', html))
    assert page_links == {"1", "2", "12", "13", "14", "15", "16", "17", "18", "29", "30"}
    assert html.count('class="pagination__gap"') == 2


def test_neighbours_of_posts_published_at_the_same_moment(client):
    moment = dt.datetime(2021, 3, 1, 12, tzinfo=dt.UTC)
    first = make_post(title="First", slug="first", published_at=moment)
    second = make_post(title="Second", slug="second", published_at=moment)
    third = make_post(title="Third", slug="third", published_at=moment)
    text = text_of(client.get(second.get_absolute_url()))
    assert "Older post First" in text
    assert "Newer post Third" in text
    assert "Newer post Second" in text_of(client.get(first.get_absolute_url()))
    assert "Older post Second" in text_of(client.get(third.get_absolute_url()))


def test_year_in_the_address_is_the_seoul_year(client):
    # 31 December 2020, 20:00 UTC is already 1 January 2021 in Seoul.
    post = make_post(slug="new-year", published_at=dt.datetime(2020, 12, 31, 20, tzinfo=dt.UTC))
    assert post.get_absolute_url() == "/news/2021/new-year/"
    assert client.get("/news/2021/new-year/").status_code == 200
    assert client.get("/news/2020/new-year/").status_code == 404
    assert "1 January 2021" in text_of(client.get("/news/2021/"))


def test_hostile_title_is_escaped_everywhere(client):
    post = make_post(title="</script><script>alert(1)</script>", slug="hostile", tags=["<b>x</b>"])
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    blocks = {
        data["@type"]: data
        for data in (
            json.loads(body)
            for kind, body in parse(response).scripts
            if kind == "application/ld+json"
        )
    }
    assert blocks["NewsArticle"]["headline"] == "</script><script>alert(1)</script>"
    last_crumb = blocks["BreadcrumbList"]["itemListElement"][-1]
    assert last_crumb["name"] == "</script><script>alert(1)</script>"


def test_each_page_of_the_list_has_its_own_title(client):
    for _ in range(11):
        make_post()
    first, second = parse(client.get("/news/")).title, parse(client.get("/news/?page=2")).title
    assert first == "News · WeGO Training Programs"
    assert second == "News, page 2 · WeGO Training Programs"
