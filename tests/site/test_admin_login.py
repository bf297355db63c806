"""Admin sign-in: locked after repeated failures, with a clear message that reveals nothing."""

import pytest
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
