"""RSS and Atom feeds of the news: the seeded posts, with their dates and tags, and only
what is published."""

import calendar
import datetime as dt

import feedparser
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from tests.factories import PostFactory
from tests.hidden_content import HIDDEN_WORD, make_hidden_content

pytestmark = pytest.mark.django_db

FEEDS = [("news:feed_rss", "rss20"), ("news:feed_atom", "atom10")]


def parse(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


def as_utc(struct_time):
    return dt.datetime.fromtimestamp(calendar.timegm(struct_time), tz=dt.UTC)


@pytest.mark.parametrize(("url_name", "version"), FEEDS)
def test_feed_lists_the_ten_seeded_posts_newest_first_with_their_dates(
    client, seed, url_name, version
):
    _, feed = parse(client, url_name)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    posts = list(Post.objects.published())
    assert len(posts) == 10
    assert [entry.title for entry in feed.entries] == [post.title for post in posts]
    for entry, post in zip(feed.entries, posts, strict=True):
        assert entry.link == f"http://testserver{post.get_absolute_url()}"
        assert as_utc(entry.published_parsed) == post.published_at
    newest = feed.entries[0]
    assert newest.title == "18 cities awarded for their smart initiatives"
    # Published at midnight in Seoul on 29 September 2020, i.e. 15:00 UTC the day before.
    assert as_utc(newest.published_parsed) == dt.datetime(2020, 9, 28, 15, 0, tzinfo=dt.UTC)
    assert as_utc(feed.entries[-1].published_parsed).date() == dt.date(2020, 3, 10)


@pytest.mark.parametrize(("url_name", "version"), FEEDS)
def test_feed_entries_carry_the_lede_and_the_tags(client, seed, url_name, version):
    _, feed = parse(client, url_name)
    by_title = {entry.title: entry for entry in feed.entries}
    post = Post.objects.get(slug="wego-holds-first-webinar-on-covid-19-best-practice")
    entry = by_title[post.title]
    assert entry.summary.startswith(post.lede[:60])
    assert {tag.term for tag in entry.tags} == {tag.name for tag in post.tags.all()}
    assert "Smart Health Responder" in {tag.term for tag in entry.tags}


@pytest.mark.parametrize(("url_name", "version"), FEEDS)
def test_drafts_and_scheduled_posts_stay_out_of_the_feeds(client, seed, url_name, version):
    make_hidden_content()
    response, feed = parse(client, url_name)
    assert len(feed.entries) == 10
    assert HIDDEN_WORD not in response.content.decode()


def test_feeds_hold_the_latest_twenty(client, db):
    start = timezone.now() - dt.timedelta(days=30)
    for day in range(25):
        PostFactory(title=f"Post {day}", published_at=start + dt.timedelta(days=day))
    for url_name, _ in FEEDS:
        _, feed = parse(client, url_name)
        assert [entry.title for entry in feed.entries] == [
            f"Post {day}" for day in range(24, 4, -1)
        ]


def test_a_lede_is_text_not_markup_in_the_feed(client, db):
    PostFactory(title="Markup", lede="<script>alert(1)</script> & more")
    response = client.get(reverse("news:feed_rss"))
    xml = response.content.decode()
    assert "<script>" not in xml
    # Escaped once as HTML (for the reader) and once as XML (for the feed).
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; more" in xml


def test_discovery_links_advertise_both_feeds_and_the_calendar():
    html = render_to_string("includes/discovery_links.html")
    assert (
        f'type="application/rss+xml" title="WeGO Training Programs news (RSS)" href="{reverse("news:feed_rss")}"'
        in html
    )
    assert f'href="{reverse("news:feed_atom")}"' in html
    assert 'type="application/atom+xml"' in html
    assert '<link rel="alternate" type="text/calendar"' in html
    assert f'href="{reverse("programs:calendar")}"' in html


def test_atom_feed_has_an_author(client, seed):
    response, feed = parse(client, "news:feed_atom")
    assert feed.feed.author_detail.name == "World Smart Sustainable Cities Organization"
    assert feed.feed.author_detail.href == "https://we-gov.org/"
    assert b"<author><name>World Smart Sustainable Cities Organization</name>" in response.content


@pytest.mark.parametrize(("url_name", "version"), FEEDS)
def test_each_entry_carries_its_card(client, seed_cards, url_name, version):
    _, feed = parse(client, url_name)
    assert not feed.bozo, feed.get("bozo_exception")
    posts = {post.title: post for post in Post.objects.published()}
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        post = posts[entry.title]
        assert enclosure.href == f"http://testserver{post.social_card.url}"
        assert enclosure.type == "image/png"
        assert int(enclosure.length) == post.social_card.size > 0


def test_a_post_without_its_card_yet_carries_the_site_card(client, seed):
    _, feed = parse(client, "news:feed_rss")
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href == "http://testserver/static/cards/site.png"
    assert int(enclosure.length) > 0


@pytest.mark.parametrize(("url_name", "version"), FEEDS)
def test_a_card_missing_from_storage_drops_that_enclosure_not_the_feed(
    client, seed_cards, url_name, version
):
    post = Post.objects.published().latest("published_at")
    Post.objects.filter(pk=post.pk).update(social_card="cards/missing-from-storage.png")
    _, feed = parse(client, url_name)
    assert not feed.bozo, feed.get("bozo_exception")
    entries = {entry.title: entry for entry in feed.entries}
    assert not entries.pop(post.title).enclosures
    assert entries and all(len(entry.enclosures) == 1 for entry in entries.values())
