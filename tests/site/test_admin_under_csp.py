"""The admin works under the site's Content-Security-Policy (no inline script allowed)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engine_neutral,
    pytest.mark.django_db(transaction=True),
]


def admin_pages():
    """The admin index, and the list and add pages of every registered model."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
    return pages


def test_admin_pages_raise_no_csp_violation(live_server, seed, page):
    boss = get_user_model().objects.create_superuser(
        "boss", "boss@example.org", "a-long-password-1"
    )
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for url in admin_pages():
        response = page.goto(live_server.url + url)
        # 403: a model editors may list but not add to (e.g. the seed-load log).
        assert response.status in {200, 403}, url
    # The date/time shortcuts are drawn by the admin's own scripts: they ran.
    page.goto(live_server.url + reverse("admin:auth_user_change", args=[boss.pk]))
    assert page.locator(".datetimeshortcuts").count() > 0, "admin JavaScript did not run"
    assert violations == []


def test_public_pages_raise_no_header_complaint_in_the_browser(live_server, seed, page):
    """Chromium understands every header: no CSP violation, no unknown policy feature."""
    from tests.public_urls import public_urls

    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if message.type in {"error", "warning"} else None
        ),
    )
    for url in public_urls():
        kind = page.request.get(live_server.url + url).headers.get("content-type", "")
        if kind.startswith("text/html"):  # feeds and calendars download instead
            page.goto(live_server.url + url)
    assert [c for c in complaints if "Policy" in c or "Content Security" in c] == []
