"""PostgreSQL full-text search (stemming, ranking, web-search syntax, GIN indexes) and
the plain fallback used elsewhere."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from pages import search
from tests.factories import PostFactory
from tests.pages.searching import (
    only_fallback,
    only_postgresql,
    search_page,
    sections,
)
from wego_site.core import fulltext
from wego_site.pagecache import generation

pytestmark = pytest.mark.django_db


@only_postgresql
def test_postgresql_stems_ranks_and_highlights(client, seed):
    # Stemming: "workshops" finds the joint workshop and highlights the word as written.
    response, html = search_page(client, "workshops")
    editions = sections(response)["editions"].hits
    assert editions[0].object.slug == "2018"
    assert "<mark>Workshop</mark>" in html
    # Ranking: the post that is all about a word comes before one that mentions it once.
    now = timezone.now() - dt.timedelta(minutes=1)
    once = PostFactory(
        title="Other news", lede="Many things happened; among them, Quillword.", published_at=now
    )
    about = PostFactory(
        title="Quillword Quillword",
        lede="Quillword, Quillword and more Quillword.",
        published_at=now - dt.timedelta(days=1),  # older, so only ranking puts it first
    )
    hits = sections(search_page(client, "Quillword")[0])["news"].hits
    assert [hit.object for hit in hits] == [about, once]
    # Neighbouring matches are marked as one phrase.
    assert str(hits[0].title) == "<mark>Quillword Quillword</mark>"


@only_postgresql
def test_postgresql_understands_web_search_syntax(client, seed):
    found = sections(search_page(client, '"Smart Health Responder" -Americas')[0])
    titles = [hit.object.title for hit in found["news"].hits]
    assert titles and all("Americas" not in title for title in titles)
    all_titles = [
        hit.object.title
        for hit in sections(search_page(client, '"Smart Health Responder"')[0])["news"].hits
    ]
    assert any("Americas" in title for title in all_titles)
    # "or": either word.
    either = sections(search_page(client, "Bucharest or Muscat")[0])["testimonials"]
    assert {hit.object.city for hit in either.hits} == {"Bucharest", "Muscat"}


@only_postgresql
def test_postgresql_answers_from_the_gin_indexes(seed):
    """Each type's matches can come from the GIN index on its stored search document."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_search_idx'"
        )
        indexes = dict(cursor.fetchall())
    assert all(sql.endswith("USING gin (search_document)") for sql in indexes.values())
    assert set(indexes) == {
        "program_search_idx",
        "edition_search_idx",
        "topic_search_idx",
        "site_visit_search_idx",
        "participant_search_idx",
        "post_search_idx",
        "testimonial_search_idx",
    }
    with CaptureQueriesContext(connection) as queries:
        search.run("Cybersecurity")
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN " + query["sql"])
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    # Each of the seven conditions is on an indexed column. (On the seed's few rows the
    # planner rightly prefers other plans; on 10,000 posts EXPLAIN ANALYZE shows
    # "Bitmap Index Scan on post_search_idx".)
    conditions = re.findall(r"search_document @@ \S+::tsquery", "\n".join(plans))
    assert len(conditions) >= len(indexes)


def test_search_indexes_are_built_on_postgresql_only():
    """Migrations declare the GIN indexes everywhere; SQLite gets a harmless SQL comment."""
    editor = connection.SchemaEditorClass(connection, collect_sql=True)
    (index,) = [i for i in Post._meta.indexes if isinstance(i, fulltext.SearchIndex)]
    sql = str(index.create_sql(Post, editor))
    if connection.vendor == "postgresql":
        assert sql.startswith(
            'CREATE INDEX "post_search_idx" ON "news_post" USING gin ("search_document")'
        )
    else:
        assert sql == "-- post_search_idx: full-text index, PostgreSQL only"
        assert str(index.remove_sql(Post, editor)) == sql
    assert fulltext.searchable_fields(Post) == ["title", "lede", "body"]


@only_postgresql
def test_the_database_keeps_the_search_document_true(empty_site):
    """Rows written without Django's save() (bulk inserts, updates) are found as well."""
    (post,) = Post.objects.bulk_create(
        [Post(title="Bulk", slug="bulk", lede="About lighthouses.", status="published")]
    )
    assert [hit.object for hit in search.run("lighthouse").sections[0].hits] == [post]
    Post.objects.filter(pk=post.pk).update(lede="About windmills.")
    # A write without signals starts no content generation: a script that makes one says
    # so itself (docs/deployment.md), and searches then read the rows again.
    generation.bump_generation()
    assert search.run("lighthouse").sections == []
    assert search.run("windmills").sections[0].hits[0].object == post


@only_postgresql
def test_a_word_in_every_row_costs_only_the_first_candidates(client, empty_site, monkeypatch):
    """A common word ranks only the first matches, so it costs what a rare one does."""
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 5)
    for number in range(8):
        PostFactory(
            title=f"Workshop {number}",
            slug=f"workshop-{number}",
            lede="A workshop on data.",
            published_at=timezone.now() - dt.timedelta(days=number),
        )
    results = search.run("workshop")
    (news,) = results.sections
    assert news.total == 5
    assert news.is_capped
    assert [hit.object.slug for hit in news.hits] == [f"workshop-{n}" for n in range(5)]
    page = client.get(reverse("search"), {"q": "workshop"}).content.decode()
    assert 'News <span class="count">(5+)</span>' in page
    assert "All 5+ news results for “workshop”" in page
    page = client.get(reverse("search"), {"q": "workshop", "kind": "news"}).content.decode()
    assert "most relevant of the first 5 matches" in page


@only_fallback
def test_the_fallback_counts_every_match(empty_site, monkeypatch):
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 5)
    for number in range(8):
        PostFactory(title=f"Workshop {number}", lede=".")
    (news,) = search.run("workshop").sections
    assert (news.total, news.is_capped) == (8, False)
