import io
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from wego_site.pagecache.generation import forget_memos

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


@pytest.fixture
def seed(db):
    """The seed page's content, loaded the way `make run` loads it."""
    call_command("load_seed", stdout=io.StringIO())


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
