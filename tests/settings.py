"""Test settings: the real settings, with a throwaway secret and the test host allowed."""

import os
import tempfile
from hashlib import md5

from django.db.backends.signals import connection_created

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests speak plain HTTP to the test client and the live
# server, and use static files without `collectstatic`. Everything else stays as in
# production; tests/site/test_settings.py checks the production values themselves.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
# Staff sign in with a password alone unless a test turns two-factor on
# (settings.STAFF_TWO_FACTOR = True); tests/site/test_two_factor.py does.
os.environ.setdefault("DJANGO_STAFF_2FA", "0")
# The page cache is off unless a test turns it on (settings.PAGE_CACHE_ENABLED = True):
# a test that changes rows with queryset.update() (no signal) and reads the page again
# must see its change. tests/pagecache/ tests the cache itself.
os.environ.setdefault("DJANGO_PAGE_CACHE", "0")

from wego_site.settings import *  # noqa: F403

# pytest-django's SQLite test database lives in memory whatever the name here; this name
# only keeps a test that reached past it away from the developer's db.sqlite3 (and the
# guard below stops it).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["NAME"] = os.path.join(  # noqa: F405
        tempfile.gettempdir(), "wego-not-a-test-database.sqlite3"
    )

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process (pytest-xdist starts one per core) keeps its own content generation:
# the default file is named after the database, and every process's in-memory SQLite
# database has the same name.
PAGE_CACHE_GENERATION_FILE = os.path.join(
    tempfile.gettempdir(),
    "wego-test-page-cache-{}-{}".format(
        md5(str(BASE_DIR).encode()).hexdigest()[:12],  # noqa: F405, S324 - a name
        os.environ.get("PYTEST_XDIST_WORKER", "main"),
    ),
)
# WhiteNoise finds static files where they are written.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True


def refuse_a_database_not_made_for_tests(sender, connection, **kwargs):
    """Tests only ever connect to a database pytest-django made for them: SQLite in memory,
    or a server's `test_…` database (and the server connection without a database that
    creates and drops it). A connection to anything else (the developer's db.sqlite3, the
    database in DATABASE_URL) stops the test before its first query."""
    name = connection.settings_dict["NAME"]
    if name is None:
        return
    name = str(name)
    if "mode=memory" in name or name == ":memory:" or os.path.basename(name).startswith("test_"):
        return
    connection.close()
    raise RuntimeError(
        f"A test tried to use the database {name!r}, which is not a test database. "
        "Ask for pytest-django's `db` (or a fixture that does, such as `seed`)."
    )


connection_created.connect(refuse_a_database_not_made_for_tests, weak=False)
