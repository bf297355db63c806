"""The rate limits' database cache (wego_site/core/counter_cache.py): Django's cache API,
with counters the database adds to in one statement, atomically, and never culled."""

import threading
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from wego_site.core.counter_cache import CounterDatabaseCache

pytestmark = pytest.mark.django_db

TABLE = "wego_rate_limit_cache"


@pytest.fixture
def counters():
    cache = caches["rate-limit"]
    if not isinstance(cache, CounterDatabaseCache):
        pytest.skip("the rate limits count in Redis here")
    cache.clear()
    return cache


def rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, value FROM {TABLE} ORDER BY cache_key")  # noqa: S608 - a constant
        return cursor.fetchall()


def test_add_incr_and_get_count_like_any_django_cache(counters):
    assert counters.add("hits", 1, 60) is True
    assert counters.add("hits", 1, 60) is False  # live: left as it is
    assert counters.incr("hits") == 2
    assert counters.incr("hits", 5) == 7
    assert counters.get("hits") == 7
    assert counters.get_many(["hits", "missing"]) == {"hits": 7}
    with pytest.raises(ValueError):
        counters.incr("missing")
    counters.set("probe", 3)
    assert counters.incr("probe") == 4


def test_each_counting_step_is_one_statement(counters):
    counters.add("hits", 0, 60)
    with CaptureQueriesContext(connection) as queries:
        assert counters.add("hits", 1, 60) is False
        assert counters.incr("hits") == 1
        assert counters.get("hits") == 1
    assert len(queries) == 3, [query["sql"] for query in queries]


def test_a_counter_is_stored_as_its_digits_and_other_values_pickled(counters):
    counters.set("count", 12)
    counters.set("history", [1.5, 2.5])  # the API throttle's timestamps
    counters.set("flag", True)
    assert dict(rows())[counters.make_key("count")] == "12"
    assert counters.get("history") == [1.5, 2.5]
    assert counters.get("flag") is True
    assert counters.add("history", 1, 60) is False


def test_an_expired_counter_starts_again(counters):
    counters.add("hits", 5, 1)
    time.sleep(2.1)
    assert counters.get("hits") is None
    assert counters.add("hits", 1, 60) is True
    assert counters.get("hits") == 1


def test_incr_keeps_the_expiry_and_does_not_count_an_expired_key(counters):
    counters.add("hits", 1, 1)
    time.sleep(2.1)
    with pytest.raises(ValueError):
        counters.incr("hits")


def test_a_counter_written_by_djangos_database_cache_goes_on_counting(counters):
    # A row from before this backend: Django's DatabaseCache pickles the integer.
    DatabaseCache(TABLE, {"KEY_PREFIX": counters.key_prefix}).set("old", 4, 60)
    assert counters.get("old") == 4
    assert counters.incr("old") == 5
    assert counters.incr("old") == 6
    assert dict(rows())[counters.make_key("old")] == "6"


def test_live_counters_are_never_culled_and_expired_ones_go(counters, settings):
    counters.add("expired", 1, 1)
    time.sleep(2.1)
    for n in range(400):  # more than Django's default MAX_ENTRIES (300)
        assert counters.add(f"address-{n}", 1, 600) is True
    counters.set("history", [1.0])  # a pickled write, which may cull
    keys = [key for key, _ in rows()]
    assert len(keys) == 401
    assert counters.make_key("expired") not in keys


@pytest.mark.django_db(transaction=True)
def test_increments_at_once_are_all_counted():
    cache = caches["rate-limit"]
    if not isinstance(cache, CounterDatabaseCache) or connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    cache.clear()
    cache.add("busy", 0, 600)
    threads, per_thread = 8, 25

    def count():
        try:
            for _ in range(per_thread):
                caches["rate-limit"].incr("busy")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert cache.get("busy") == threads * per_thread


def test_on_postgresql_the_table_waits_for_no_disk_flush(counters):
    """UNLOGGED, as `migrate` leaves it: a count commits without flushing the log."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL table's property")
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = %s", [TABLE])
        assert cursor.fetchone() == ("u",)
