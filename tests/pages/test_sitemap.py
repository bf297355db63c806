"""sitemap.xml lists every public page and nothing else."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from pages.places import public_places
from programs.models import Edition, Program
from tests.factories import EditionFactory, PostFactory, as_one_change
from tests.hidden_content import HIDDEN_WORD, make_hidden_content

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://testserver"


def sitemap_entries(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own response
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def expected_urls():
    programs = list(Program.objects.published())
    editions = list(Edition.objects.published())
    posts = list(Post.objects.published())
    pages = [
        "/",
        "/programs/",
        "/programs/archive/",
        "/news/",
        "/testimonials/",
        "/testimonials/2011/",
        "/testimonials/2013/",
        "/data/",
        "/api/v1/docs/",
        *{f"/programs/kind/{program.kind}/" for program in programs},
        *{f"/programs/archive/{edition.start_date.year}/" for edition in editions},
        *{f"/news/{post.published_at_local.year}/" for post in posts},
        *{f"/news/tag/{tag.slug}/" for post in posts for tag in post.tags.all()},
    ]
    places = list(public_places().select_related("country"))
    pages += [
        "/cities/",
        *{place.country.get_absolute_url() for place in places if place.country.code},
    ]
    objects = [*programs, *editions, *posts, *places]
    return {HOST + path for path in pages} | {HOST + obj.get_absolute_url() for obj in objects}


def test_sitemap_lists_the_grouped_pages_of_the_seed(client, seed):
    entries = sitemap_entries(client)
    assert HOST + "/programs/kind/joint-workshop/" in entries
    assert HOST + "/programs/archive/2012/" in entries
    assert HOST + "/news/2020/" in entries
    assert HOST + "/news/tag/smart-health-responder/" in entries
    assert len([url for url in entries if "/programs/archive/" in url]) == 1 + 8
    assert len([url for url in entries if "/news/tag/" in url]) == 11


def test_sitemap_lists_every_published_program_edition_and_post(client, seed):
    entries = sitemap_entries(client)
    assert set(entries) == expected_urls()
    # 4 programs, 9 editions, 10 posts; 6 list pages; by year: 2 testimonial, 8 archive,
    # 1 news; 4 program kinds; 11 tags; the places (22 that took part, hosts and
    # offices) and their 18 countries; the open data page and the API's documentation.
    assert len(entries) == 4 + 9 + 10 + 6 + 2 + 8 + 1 + 4 + 11 + 25 + 18 + 2
    assert f"{HOST}/cities/baguio/" in entries and f"{HOST}/countries/ph/" in entries
    assert f"{HOST}/programs/joint-workshop-smart-sustainable-cities-e-government/2018/" in entries
    assert all(entries.values()), "every URL has a lastmod"


def test_sitemap_dates_pages_by_their_last_change(client, seed):
    post = Post.objects.get(slug="wego-holds-first-webinar-on-covid-19-best-practice")
    post.title = "Edited"
    post.save()
    today = timezone.localdate(post.updated_at).isoformat()
    entries = sitemap_entries(client)
    assert entries[HOST + post.get_absolute_url()] == today
    assert entries[f"{HOST}/news/"] == today
    assert entries[f"{HOST}/"] == today
    assert entries[f"{HOST}/programs/"] == "2020-09-29"


def test_drafts_scheduled_items_and_editions_of_a_draft_program_stay_out(client, seed):
    hidden = make_hidden_content()
    entries = sitemap_entries(client)
    assert set(entries) == expected_urls()
    for obj in [*hidden["programs"], *hidden["editions"], *hidden["posts"]]:
        assert HOST + obj.get_absolute_url() not in entries
    assert f"{HOST}/testimonials/2098/" not in entries
    assert f"{HOST}/testimonials/2099/" not in entries
    assert not any(HIDDEN_WORD.lower() in url for url in entries)


def test_a_scheduled_post_enters_the_sitemap_when_its_time_comes(client, seed, monkeypatch):
    soon = timezone.now() + dt.timedelta(hours=1)
    post = PostFactory(title="Soon", slug="soon", published_at=soon)
    assert HOST + post.get_absolute_url() not in sitemap_entries(client)
    monkeypatch.setattr(timezone, "now", lambda: soon + dt.timedelta(seconds=1))
    assert HOST + post.get_absolute_url() in sitemap_entries(client)


def test_sitemap_query_count_does_not_grow_with_the_content(
    client, seed, django_assert_max_num_queries
):
    # Per section (11) a COUNT and a SELECT, plus four MAX() for the list pages' dates
    # and two for the places' (once per content generation).
    with django_assert_max_num_queries(28) as before:
        entries_before = sitemap_entries(client)
    program = Program.objects.get(slug="wego-shrdc-training-program")
    with as_one_change():
        for _ in range(30):
            PostFactory(published_at=timezone.now())
            EditionFactory(program=program, start_date=dt.date(2000, 1, 1), days=0)
    with django_assert_max_num_queries(28) as after:
        entries = sitemap_entries(client)
    # 60 new pages, plus the archive year 2000 and the news year of today.
    assert len(entries) == len(entries_before) + 60 + 2
    assert len(after) == len(before)
