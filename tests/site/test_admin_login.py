"""Admin sign-in: locked after repeated failures, with a clear message that reveals nothing."""

import datetime as dt
import io
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
LOOPBACK = ["127.0.0.1", "::1"]


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


def sign_in_from(client, address, username, password):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def test_the_lockout_page_says_when_the_lock_lifts(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "editor", "wrong")
    before = timezone.now()
    html = sign_in(client, "editor", "wrong").content.decode()
    lifts_at = re.search(r'<time datetime="([^"]+)">([^<]+)</time>', html)
    assert lifts_at, html
    when = dt.datetime.fromisoformat(lifts_at.group(1))
    assert dt.timedelta(minutes=59) < when - before < dt.timedelta(minutes=61)
    assert "KST" in lifts_at.group(2)


def test_an_address_is_locked_and_the_editor_signs_in_from_another(client, editor):
    for _ in range(6):
        sign_in_from(client, "198.51.100.7", "editor", "wrong")
    assert sign_in_from(client, "198.51.100.7", "editor", "pw-editor-1").status_code == 429
    assert sign_in_from(client, "203.0.113.20", "editor", "pw-editor-1").status_code == 302


def test_guessing_across_user_names_from_one_address_is_stopped(client, editor):
    limit = settings.LOCKOUT_ADDRESS_FAILURE_LIMIT
    assert limit == 20
    statuses = []
    for attempt in range(40):
        name = f"user{attempt % 20}"
        statuses.append(sign_in_from(client, "198.51.100.8", name, "wrong").status_code)
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    # The address stays locked even for a real account with its right password ...
    assert sign_in_from(client, "198.51.100.8", "editor", "pw-editor-1").status_code == 429
    # ... while another address is untouched.
    assert sign_in_from(client, "203.0.113.21", "editor", "pw-editor-1").status_code == 302


def test_an_administrator_lifts_a_lock(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "pw-editor-1").status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert sign_in(client, "editor", "pw-editor-1").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "trusted", "remote", "forwarded_for", "expected"),
    [
        # The documented nginx on this machine: the visitor's address counts.
        (1, LOOPBACK, "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, LOOPBACK, "::1", "203.0.113.9", "203.0.113.9"),
        # A client's own X-Forwarded-For entry, kept on the left by nginx, is ignored.
        (1, LOOPBACK, "127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        # Reached directly (not from a trusted proxy): the header is not believed.
        (1, LOOPBACK, "198.51.100.3", "6.6.6.6", "198.51.100.3"),
        # A load balancer in front of nginx: two proxies.
        (2, LOOPBACK, "127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        # A load balancer on the private network reaching gunicorn itself.
        (1, ["10.0.0.0/8"], "10.0.0.2", "203.0.113.9", "203.0.113.9"),
        (1, ["10.0.0.0/8"], "127.0.0.1", "203.0.113.9", "127.0.0.1"),
        # DJANGO_PROXY_COUNT=0: never read the header.
        (0, LOOPBACK, "127.0.0.1", "203.0.113.9", "127.0.0.1"),
    ],
)
def test_lockout_counts_the_visitors_address_only_from_trusted_proxies(
    client, settings, editor, proxies, trusted, remote, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.AXES_IPWARE_PROXY_COUNT = max(proxies - 1, 0)
    settings.TRUSTED_PROXIES = trusted
    client.post(
        LOGIN,
        {"username": "editor", "password": "wrong"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [expected]


def test_a_bad_trusted_proxy_setting_stops_start_up():
    from tests.site.test_settings import run_manage

    result = run_manage("check", DJANGO_TRUSTED_PROXIES="127.0.0.1,nginx")
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES" in result.stderr
    assert "Traceback" not in result.stderr
