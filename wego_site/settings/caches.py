"""Caches: the default cache, the rate limits' shared cache, and the page cache's settings."""

import os

from wego_site.environment import env_bool, env_int

# Local memory by default (one cache per process); Redis, shared by every process and
# machine, when REDIS_URL is set. wego_site/pagecache/generation.py explains how pages
# are invalidated.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "wego"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wego",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
# The form's rate limit counts in a cache every process and machine shares: Redis when
# there is one, else a table of the database (created after every `migrate`), never a
# worker's own memory. In the database, Django's DatabaseCache with counters the database
# adds to in one statement (wego_site/core/counter_cache.py); live entries are never culled
# (a culled counter would reset a limit): expired ones are deleted as new counters start.
CACHES["rate-limit"] = (
    CACHES["default"]
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "wego_site.core.counter_cache.CounterDatabaseCache",
        "LOCATION": "wego_rate_limit_cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
)
RATELIMIT_USE_CACHE = "rate-limit"
# Off (0) renders every page: the benchmark's "cold" runs, or chasing a caching doubt.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
# How long this server keeps a rendered page; any content change drops it sooner.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# How long browsers and front caches (nginx, a CDN) may keep a public page.
PAGE_CACHE_MAX_AGE = env_int("DJANGO_HTTP_MAX_AGE", 60)
# Where the content generation lives when the cache is per process (local memory): a
# small file every process on this machine reads. With Redis it lives in Redis.
PAGE_CACHE_GENERATION_FILE = os.environ.get("DJANGO_PAGE_CACHE_GENERATION_FILE", "")
