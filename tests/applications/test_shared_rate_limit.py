"""The form's rate limit is one count for the whole site: kept in a cache every worker and
machine shares (Redis, or the database without it), never in a worker's own memory."""

import pytest
from django.core.cache import cache, caches

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
        assert backend == "django.core.cache.backends.db.DatabaseCache"
        caches["rate-limit"].set("probe", 1)
        assert caches["rate-limit"].get("probe") == 1
