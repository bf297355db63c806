"""The form's rate limit is one count for the whole site: kept in a cache every worker and
machine shares (Redis, or the database without it), never in a worker's own memory."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from tests.applications.test_apply import post

pytestmark = pytest.mark.django_db


def test_the_count_is_shared_by_every_worker(client, call, country, settings):
    settings.APPLICATION_RATE = "2/h"
    for n in range(2):
        assert post(client, call, country, email=f"a{n}@example.org").status_code == 302
        # The next form reaches another worker, whose own memory holds nothing.
        cache.clear()
    response = post(client, call, country, email="a3@example.org")
    assert response.status_code == 429
    assert Application.objects.count() == 2


def test_without_redis_the_count_is_kept_in_the_database(settings):
    assert settings.RATELIMIT_USE_CACHE == "rate-limit"
    backend = settings.CACHES["rate-limit"]["BACKEND"]
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        assert backend == settings.CACHES["default"]["BACKEND"]
    else:
        assert backend == "wego_site.core.counter_cache.CounterDatabaseCache"
        caches["rate-limit"].set("probe", 1)
        assert caches["rate-limit"].get("probe") == 1


def test_a_form_costs_one_statement_per_counting_step(client, call, country, settings):
    """Both limits, counted in the database: an add then an incr (or a get) for each of
    the three counts, one statement each, never Django's read-then-write."""
    if settings.CACHES["rate-limit"]["BACKEND"] != (
        "wego_site.core.counter_cache.CounterDatabaseCache"
    ):
        pytest.skip("the rate limits count in Redis here")
    assert post(client, call, country, email="first@example.org").status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert post(client, call, country, email="second@example.org").status_code == 302
    counting = [query["sql"] for query in queries if "wego_rate_limit_cache" in query["sql"]]
    assert len(counting) == 6, counting
