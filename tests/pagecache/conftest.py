"""Fixtures of the page-cache tests: the cache backend(s) to run against."""

import os

import pytest
from django.core.cache import cache

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture(
    params=[
        "locmem",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not REDIS_URL, reason="REDIS_URL is not set (e.g. redis://127.0.0.1:6379/5)"
            ),
        ),
    ]
)
def page_cache_backend(request, settings):
    settings.PAGE_CACHE_ENABLED = True
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "wego-test",
            }
        }
    cache.clear()
    yield request.param
    cache.clear()
