import io
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from wego_site.pagecache.generation import bump_generation, forget_memos

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache and no memo, so no page is served from another
    test's data (a rollback sends no signal)."""
    cache.clear()
    forget_memos()


def uses_database(item):
    """Whether pytest-django gives this test a database (a `django_db` mark, or `db`,
    `transactional_db` or `live_server` among its fixtures, directly or through another)."""
    return item.get_closest_marker("django_db") is not None or any(
        name in item.fixturenames for name in ("db", "transactional_db", "live_server")
    )


def pytest_collection_modifyitems(items):
    """A test without a database is `engine_neutral`: its outcome is the same on SQLite
    and PostgreSQL (.ci/run runs such tests once)."""
    for item in items:
        if not uses_database(item):
            item.add_marker(pytest.mark.engine_neutral)


@pytest.fixture(autouse=True)
def fresh_generation(request, django_db_blocker, empty_cache):
    """Each test that uses the database starts a content generation of its own, its next
    scheduled moment read from the database as the test finds it. The generation an
    earlier test left behind may carry the moment of a row that test rolled back (a post
    or a call due in a second): when it came, a new generation would start in the middle
    of this test. A test without a database touches none (pytest-django made none for a
    run of such tests alone)."""
    if not uses_database(request.node):
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        bump_generation()


def load_seed():
    """The seed page's content, loaded the way `make run` loads it (a no-op once loaded)."""
    call_command("load_seed", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the seed from the start: loaded once per session, and each
    test's transaction rolls its own changes back."""
    with django_db_blocker.unblock():
        load_seed()


@pytest.fixture
def seed(db):
    """The seed page's content.

    Asks for pytest-django's `db`, so the test database is set up first, whatever else the
    test asks for; pytest-django makes the access transactional when the test also asks
    for `transactional_db` or `live_server`. In a plain test the seed is already there
    (see `django_db_setup`); a transactional test is followed by a flush that empties
    every table, so here the seed is loaded again whenever it is missing.
    """
    from wego_site.core.models import SeedLoad

    if not SeedLoad.objects.exists():
        load_seed()


def content_tables():
    """Every table of the content apps and the building blocks (redirects, seed loads),
    with their many-to-many and history tables; users and groups are not among them."""
    labels = {*settings.CONTENT_APPS, "wego_site"}
    return [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels and model._meta.managed and not model._meta.proxy
    ]


@pytest.fixture(scope="session")
def _seeded_server(django_db_setup):
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def _committed_seed(django_db_setup, django_db_blocker):
    """The seed committed in the test database, outside any test's transaction (a
    transactional test before this one emptied every table)."""
    from wego_site.core.models import SeedLoad

    with django_db_blocker.unblock():
        if not SeedLoad.objects.exists():
            load_seed()
            bump_generation()


@pytest.fixture
def seeded_server(_committed_seed, db, _seeded_server):
    """A live server over the seed, for a browser test that only reads.

    pytest-django's `live_server` makes its test transactional: every table is emptied
    after it, and the next test loads the seed again (a second or more each time). A test
    that writes nothing asks for this server instead: one for the session, over the seed
    committed in the test database. The test itself runs in a transaction like any other,
    which the server does not see on PostgreSQL: a test that changes rows for the server
    to show asks for `live_server` and `seed`.
    """
    _seeded_server._live_server_modified_settings.enable()
    yield _seeded_server
    _seeded_server._live_server_modified_settings.disable()


@pytest.fixture
def empty_site(db):
    """A site with no content at all: the seed is deleted inside the test's transaction
    (and so comes back after it). For tests that count rows or need an empty site."""
    # One transaction, so the foreign keys are checked once every table is empty: a
    # transactional test has none of its own around this.
    with transaction.atomic(), connection.cursor() as cursor:
        for table in content_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - model tables
    # Rows deleted in SQL send no signal: start this test's cache afresh.
    cache.clear()
    forget_memos()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright.

    Skips where no Chromium is installed (a laptop); with REQUIRE_BROWSER=1 (set by
    .ci/run) a missing browser fails the run instead.
    """
    if not CHROMIUM.exists():
        message = f"No Chromium at {CHROMIUM}: `apt-get install chromium` to run browser tests."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1 makes this a failure)")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server's
    # database access happens in other threads, so Django's async guard does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


# --- Users and signed-in clients ---------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def card_media(tmp_path_factory):
    return tmp_path_factory.mktemp("card-media")


@pytest.fixture
def seed_cards(seed, settings, card_media):
    """The seed with its social cards, as `make run` draws them. Their files go to a folder
    the session's tests share: a card's file is named by what it shows, so after the
    first test the cards are found drawn and only the rows are pointed at them."""
    settings.MEDIA_ROOT = card_media
    call_command("make_cards", stdout=io.StringIO())


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-chief-1")


@pytest.fixture
def editor(db, django_user_model):
    """A member of the "Secretariat editor" group (made by migrate), staff, no other rights."""
    from django.contrib.auth.models import Group

    from wego_site.core.roles import EDITOR_GROUP

    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pw-editor-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client
