"""Admin sign-in: locked after repeated failures, with a clear message that reveals nothing."""

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_wrong_user_name_and_wrong_password_read_the_same(client, editor):
    wrong_password = sign_in(client, "editor", "nope").content.decode()
    wrong_name = sign_in(client, "nobody", "pw-editor-1").content.decode()
    message = "Please enter the correct username and password for a staff account."
    assert message in wrong_password
    assert message in wrong_name


def test_login_locks_out_after_repeated_failures(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "wrong").status_code == 200
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in temporarily locked" in html
    assert "too many unsuccessful attempts" in html
    assert "password was" not in html and "username was" not in html
    # Even the right password is refused while locked, with the same page.
    right = sign_in(client, "editor", "pw-editor-1")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_successful_sign_in_still_works_below_the_limit(client, editor):
    sign_in(client, "editor", "wrong")
    response = sign_in(client, "editor", "pw-editor-1")
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_lockout_is_per_user_name(client, editor, superuser):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "chief", "pw-chief-1").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy configured: the header is not trusted
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own entry is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: fall back
    ],
)
def test_lockout_counts_the_visitors_address_behind_trusted_proxies(
    settings, rf, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="10.0.0.2")
    assert get_client_ip_address(request) == expected
