"""The content generation: a new one on every change and at every publication time, and
what pages memoise per generation (so a rendered page costs fewer queries)."""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from programs.models import Program, ProgramKind
from testimonials.models import Testimonial
from tests import factories
from tests.html import text_of
from tests.site.test_query_budget import QUERY_BUDGET
from wego_site.core.templatetags import wego as wego_tags
from wego_site.pagecache import generation as page_cache

pytestmark = pytest.mark.django_db


def cached_twice(client, url):
    """The page's HTML, once rendered and once more from the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def test_tags_added_removed_and_cleared_are_seen_on_the_cached_post_page(
    client, seed, page_cache_backend
):
    post = factories.PostFactory(title="A tagged story", tags=["seoul"])
    url = post.get_absolute_url()
    assert 'rel="tag">Webinar<' not in post_head(cached_twice(client, url))

    post.tags.add("webinar")
    assert 'rel="tag">Webinar<' in post_head(client.get(url).content.decode())

    cached_twice(client, url)
    post.tags.remove("webinar")
    assert 'rel="tag">Webinar<' not in post_head(client.get(url).content.decode())

    assert 'rel="tag">Seoul<' in post_head(cached_twice(client, url))
    post.tags.clear()
    assert 'rel="tag">Seoul<' not in post_head(client.get(url).content.decode())


def post_head(html):
    """A post page's own part, its head and text, where its tags are (over its text or
    among its facts), up to its pager (the latest news under it has rows with tags of
    their own)."""
    start = html.index('<header class="post__head">')
    return html[start : html.index('<nav class="pager"', start)]


def test_programs_linked_and_unlinked_are_seen_on_the_cached_post_page(
    client, seed, page_cache_backend
):
    """A plain many-to-many relation sends only m2m_changed (no save of a through row)."""
    post = factories.PostFactory(title="A story about programs")
    program = Program.objects.published().first()
    url, link = post.get_absolute_url(), f'href="{program.get_absolute_url()}"'
    assert link not in cached_twice(client, url)

    post.related_programs.add(program)
    assert link in client.get(url).content.decode()

    cached_twice(client, url)
    post.related_programs.remove(program)
    assert link not in client.get(url).content.decode()

    post.related_programs.add(program)
    assert link in cached_twice(client, url)
    post.related_programs.clear()
    assert link not in client.get(url).content.decode()


def test_a_page_cached_during_an_edits_transaction_is_retired_when_it_commits(
    client, seed, page_cache_backend, django_capture_on_commit_callbacks
):
    """A visitor who arrives between the save and its commit reads the old rows (another
    connection) and caches them under the generation the save began; the second
    retirement, at commit, drops that page."""
    # A seed row: a save earlier in this test would already have registered the bump at
    # the commit of the test's own transaction, which never comes.
    testimonial = Testimonial.objects.published().first()
    url = "/testimonials/"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        testimonial.quote = "After the edit."
        testimonial.save()
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_pages_never_query_for_the_publication_time(
    client, seed, page_cache_backend, django_assert_num_queries
):
    factories.PostFactory(title="Later", published_at=timezone.now() + dt.timedelta(hours=2))
    with django_assert_num_queries(0):
        _token, next_publication = page_cache.current_state()
    assert next_publication > timezone.now() + dt.timedelta(hours=1)


def test_the_first_request_after_a_publication_time_starts_a_new_generation(
    seed, page_cache_backend, monkeypatch
):
    publish_at = timezone.now() + dt.timedelta(hours=1)
    factories.PostFactory(title="Scheduled", published_at=publish_at)
    before = page_cache.current_state()
    assert before[1] == publish_at
    monkeypatch.setattr(timezone, "now", lambda: publish_at + dt.timedelta(seconds=1))
    after = page_cache.current_state()
    assert after[0] != before[0]
    assert after[1] == page_cache.NEVER


def test_the_landing_gathers_its_data_once_per_content_generation(
    client, seed, settings, page_cache_backend, django_assert_max_num_queries
):
    """With the page cache off (or a URL it has not seen) the landing still renders
    without a query, until the content changes."""
    settings.PAGE_CACHE_ENABLED = False
    page_cache.current_state()  # a generation has begun, as after any content change
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert "Editions since 2011 9" in text_of(client.get("/"))
    with django_assert_max_num_queries(0):
        assert "Editions since 2011 9" in text_of(client.get("/?utm_source=newsletter"))

    main = Program.objects.get(kind=ProgramKind.MAIN)
    edition = factories.EditionFactory(program=main, start_date=dt.date(2009, 5, 1))
    factories.ParticipantFactory(edition=edition, position=1, name="A new city")
    text = text_of(client.get("/"))
    assert "Editions since 2009 10" in text
    assert "Cities and public bodies 23" in text


def test_the_landing_writes_its_content_once_per_generation_and_day(
    client, seed, settings, page_cache_backend, monkeypatch
):
    """Its markup too is kept with its data: a change, or a new day, is seen at once."""
    settings.PAGE_CACHE_ENABLED = False
    page_cache.current_state()
    client.get("/")
    again = client.get("/?utm_source=newsletter")
    assert "includes/program_card.html" not in {template.name for template in again.templates}

    main = Program.objects.get(kind=ProgramKind.MAIN)
    main.title = "The Renamed Main Program"
    main.save()
    assert "The Renamed Main Program" in text_of(client.get("/"))

    # An edition that ends in two days is counted on the day after, with no change made.
    today = timezone.localdate()
    factories.EditionFactory(program=main, start_date=today, end_date=today + dt.timedelta(days=2))
    assert "Editions since 2011 9" in text_of(client.get("/"))
    later = timezone.now() + dt.timedelta(days=4)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Editions since 2011 10" in text_of(client.get("/"))


def test_the_landing_counts_a_scheduled_edition_once_it_is_public(
    client, seed, settings, page_cache_backend, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = False
    publish_at = timezone.now() + dt.timedelta(hours=1)
    main = Program.objects.get(kind=ProgramKind.MAIN)
    factories.EditionFactory(program=main, start_date=dt.date(2009, 5, 1), published_at=publish_at)
    assert "Editions since 2011 9" in text_of(client.get("/"))

    monkeypatch.setattr(timezone, "now", lambda: publish_at + dt.timedelta(seconds=1))
    assert "Editions since 2009 10" in text_of(client.get("/"))


def test_news_list_is_read_once_per_content_generation(
    client, seed, settings, page_cache_backend, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    page_cache.current_state()
    assert ": 10 posts, " in text_of(client.get("/news/"))
    with django_assert_num_queries(0):  # its posts, their tags, the total and the years kept
        assert ": 10 posts, " in text_of(client.get("/news/"))

    factories.PostFactory(
        title="From the past", published_at=dt.datetime(2009, 6, 1, tzinfo=dt.UTC)
    )
    response = client.get("/news/")
    assert re.search(r": 11 posts, [^·]+ · page 1 of 2", text_of(response))
    assert 'href="/news/2009/"' in response.content.decode()


def test_per_generation_computes_once_and_holds_one_generation_only(db, page_cache_backend):
    assert page_cache.per_generation("answer", lambda: 1) == 1
    assert page_cache.per_generation("answer", lambda: 2) == 1
    page_cache.bump_generation()
    assert page_cache.per_generation("other", lambda: 3) == 3
    # Memory holds the current generation's values only, however many names came before.
    assert list(page_cache._memos["values"]) == ["other"]
    assert page_cache.per_generation("answer", lambda: 4) == 4


def test_per_generation_each_keeps_at_most_its_limit_of_items(db, page_cache_backend):
    def each(key, value):
        return page_cache.per_generation_each("pages", key, lambda: value, limit=2)

    assert (each("a", 1), each("b", 2), each("c", 3)) == (1, 2, 3)
    # The first two are kept; past the limit an item is computed every time.
    assert (each("a", 10), each("b", 20), each("c", 30)) == (1, 2, 30)
    page_cache.bump_generation()
    assert (each("c", 300), each("c", 301)) == (300, 300)


def test_a_post_page_is_read_once_per_content_generation_and_shows_the_next_edit(
    client, db, settings, page_cache_backend, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    post = factories.PostFactory(title="Kept title", body="First body.", tags=["Energy"])
    url = post.get_absolute_url()
    assert "First body." in text_of(client.get(url))
    with django_assert_num_queries(0):
        assert "First body." in text_of(client.get(url))

    post.body = "Second body."
    post.save()
    page = text_of(client.get(url))
    assert "Second body." in page and "First body." not in page

    post.status = "draft"
    post.save()
    assert client.get(url).status_code == 404


def test_a_search_is_run_once_per_content_generation_and_finds_what_is_published_next(
    client, db, settings, page_cache_backend, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    factories.PostFactory(title="Rainwater harvesting in Accra")
    assert "Rainwater harvesting in Accra" in text_of(client.get("/search/?q=rainwater"))
    with django_assert_num_queries(0):
        assert "Rainwater harvesting" in text_of(client.get("/search/?q=rainwater"))

    factories.PostFactory(title="Rainwater tanks in Seoul")
    page = text_of(client.get("/search/?q=rainwater"))
    assert "Rainwater tanks in Seoul" in page and "Rainwater harvesting in Accra" in page


def test_the_archive_keeps_its_rows_for_one_day_only(
    client, db, settings, page_cache_backend, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = False
    today = timezone.localdate()
    factories.EditionFactory(start_date=today - dt.timedelta(days=3), end_date=today)

    def held_and_upcoming():
        lede = text_of(client.get(reverse("programs:edition_archive")))
        held = re.search(r"(\d+) editions? held", lede)
        upcoming = re.search(r"and (\d+) upcoming", lede)
        return int(held[1]), int(upcoming[1]) if upcoming else 0

    held, upcoming = held_and_upcoming()
    assert held_and_upcoming() == (held, upcoming)  # read again, kept

    # The next day the edition is one held, although no content changed.
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert held_and_upcoming() == (held + 1, upcoming - 1)


def test_one_kind_of_fragment_cannot_crowd_out_another(db, page_cache_backend, monkeypatch):
    monkeypatch.setattr(wego_tags, "FRAGMENT_LIMIT", 2)

    def render(name, key, shown):
        markup = f'{{% load wego %}}{{% per_generation "{name}" key %}}{{{{ shown }}}}{{% endper_generation %}}'
        return Template(markup).render(Context({"key": key, "shown": shown}))

    # Searches fill their two places; a third is rendered afresh each time, not kept.
    assert [render("search", key, "first") for key in (1, 2, 3)] == ["first"] * 3
    assert [render("search", key, "again") for key in (1, 2, 3)] == ["first", "first", "again"]
    # Another kind of fragment still has its own places.
    assert render("card", 1, "first") == "first"
    assert render("card", 1, "again") == "first"
