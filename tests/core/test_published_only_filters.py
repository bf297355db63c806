"""`.published()` is the publication rule and nothing more: what a page loads with it
(tags, a program, a testimonial's sources) the page names itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wego_site.pagecache.generation import publishable_models

pytestmark = pytest.mark.django_db


def test_published_neither_joins_nor_prefetches():
    models = publishable_models()
    assert len(models) >= 4
    for model in models:
        published = model.objects.published()
        assert published.query.select_related is False, model
        assert not published._prefetch_related_lookups, model


def test_published_posts_run_one_query(seed):
    from news.models import Post

    with CaptureQueriesContext(connection) as queries:
        posts = list(Post.objects.published())
    assert posts
    assert len(queries) == 1
