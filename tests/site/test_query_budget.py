"""Every public page runs a small, fixed number of queries, whatever the data's size."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.site.public_urls import public_urls
from wego_site.pagecache import generation as page_cache

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 8


@pytest.fixture
def render_every_time(settings):
    """Measure rendering, not the page cache (which answers with no query at all)."""
    settings.PAGE_CACHE_ENABLED = False


def count_queries(client, urls, html_only=False):
    # The content generation is computed when content changes, not by pages; make sure
    # it exists (a cleared Redis has none) so each count is the page's own.
    page_cache.current_state()
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if html_only and not response["Content-Type"].startswith("text/html"):
            continue
        counts[url] = len(queries)
    return counts


def test_public_urls_cover_every_kind_of_page(seed):
    urls = public_urls()
    for expected in ["/", "/programs/", "/news/", "/testimonials/"]:
        assert expected in urls
    assert any(url.startswith("/news/20") for url in urls), "a news post"
    assert any(url.count("/") == 4 and url.startswith("/programs/") for url in urls), "an edition"


def test_every_public_page_stays_within_the_query_budget(client, seed, render_every_time):
    """Every HTML page; feeds, sitemaps and calendars must only not grow (next test)."""
    counts = count_queries(client, public_urls(), html_only=True)
    over = {url: count for url, count in counts.items() if count > QUERY_BUDGET}
    assert not over, f"pages over {QUERY_BUDGET} queries: {over}"


def test_query_counts_do_not_grow_with_the_data(client, seed, render_every_time):
    urls = public_urls()
    with_seed = count_queries(client, urls)
    call_command(
        "generate_bench_data",
        posts=40,
        programs=12,
        editions=30,
        participants=150,
        testimonials=15,
        stdout=io.StringIO(),
    )
    assert count_queries(client, urls) == with_seed


def test_a_cached_page_runs_no_query(client, seed, settings, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"


def test_generator_marks_its_rows_and_removes_only_them(seed):
    from news.models import Post
    from programs.models import Edition, Program

    before = (Program.objects.count(), Edition.objects.count(), Post.objects.count())
    call_command(
        "generate_bench_data",
        posts=5,
        programs=2,
        editions=4,
        participants=8,
        testimonials=2,
        stdout=io.StringIO(),
    )
    assert Post.objects.filter(slug__startswith="bench-").count() == 5
    assert all(
        p.title.startswith("Synthetic") for p in Program.objects.filter(slug__startswith="bench-")
    )
    call_command("generate_bench_data", delete=True, stdout=io.StringIO())
    assert (Program.objects.count(), Edition.objects.count(), Post.objects.count()) == before
