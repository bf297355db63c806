"""Staff sign in with a password and a one-time code when two-factor is on (django-otp).

On by default whenever debug is off; the test settings turn it off, these tests on.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.site.test_settings import run_manage
from wego_site.core.admin_site import FAILED_SIGN_IN

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


@pytest.fixture(autouse=True)
def two_factor(settings):
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def authenticator(editor):
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


@pytest.fixture
def recovery_codes(editor):
    device = StaticDevice.objects.create(user=editor, name="recovery codes", confirmed=True)
    for code in ["r3c0v3ry1", "r3c0v3ry2"]:
        device.token_set.create(token=code)
    return device


@pytest.fixture
def csp_violations(page):
    """What the browser reports as blocked by the Content-Security-Policy."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, code=None):
    data = {"username": "editor", "password": "pw-editor-1", "next": INDEX}
    if code is not None:
        data["otp_token"] = code
    return client.post(LOGIN, data)


def error_of(response):
    """The sign-in page's one error message."""
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    return re.findall(r'<p class="errornote">(.*?)</p>', html, re.S)


FAILED = [FAILED_SIGN_IN]


def test_a_password_alone_is_not_enough(client, authenticator):
    assert error_of(sign_in(client)) == FAILED
    assert client.get(INDEX).status_code == 302


def test_password_and_the_authenticators_code_sign_in(client, authenticator):
    response = sign_in(client, current_code(authenticator))
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_every_failed_sign_in_reads_the_same(client, editor, authenticator, django_user_model):
    django_user_model.objects.create_user("visitor", password="pw-visitor-1")
    wrong = f"{(int(current_code(authenticator)) + 1) % 1_000_000:06d}"
    attempts = {
        "wrong password": {"username": "editor", "password": "nope", "otp_token": wrong},
        "unknown user": {"username": "nobody", "password": "pw-editor-1", "otp_token": wrong},
        "right password, wrong code": {
            "username": "editor",
            "password": "pw-editor-1",
            "otp_token": wrong,
        },
        "right password, no code": {"username": "editor", "password": "pw-editor-1"},
        "right password, recovery-looking code": {
            "username": "editor",
            "password": "pw-editor-1",
            "otp_token": "abcdefgh",
        },
        "not staff, right password": {
            "username": "visitor",
            "password": "pw-visitor-1",
            "otp_token": wrong,
        },
    }
    for what, data in attempts.items():
        assert error_of(client.post(LOGIN, {**data, "next": INDEX})) == FAILED, what
    assert client.get(INDEX).status_code == 302


def test_wrong_codes_count_toward_the_lockout(client, authenticator):
    wrong = f"{(int(current_code(authenticator)) + 1) % 1_000_000:06d}"
    statuses = [sign_in(client, wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * 4 + [429]
    # Locked: even the right code is refused now.
    assert sign_in(client, current_code(authenticator)).status_code == 429
    assert client.get(INDEX).status_code == 302


def test_empty_sign_ins_count_toward_the_lockout(client, editor):
    statuses = [
        client.post(LOGIN, {"username": "", "password": ""}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429, statuses


def test_a_wrong_code_does_not_hold_up_the_right_one(client, authenticator):
    """No per-device throttle: the lockout, per address, is the limit."""
    wrong = f"{(int(current_code(authenticator)) + 1) % 1_000_000:06d}"
    for _ in range(3):
        sign_in(client, wrong)
    assert sign_in(client, current_code(authenticator)).status_code == 302


def test_a_recovery_code_works_once(client, authenticator, recovery_codes):
    assert sign_in(client, "r3c0v3ry1").status_code == 302
    client.logout()
    assert error_of(sign_in(client, "r3c0v3ry1")) == FAILED
    assert recovery_codes.token_set.count() == 1


def test_every_confirmed_device_is_tried(client, editor, authenticator, recovery_codes):
    second_phone = TOTPDevice.objects.create(user=editor, name="second phone", confirmed=True)
    second_sheet = StaticDevice.objects.create(user=editor, name="second sheet", confirmed=True)
    second_sheet.token_set.create(token="s3c0nd5h33t")
    unconfirmed = TOTPDevice.objects.create(user=editor, name="not set up", confirmed=False)
    for code in [
        current_code(second_phone),
        "s3c0nd5h33t",
        current_code(authenticator),
        "r3c0v3ry2",
    ]:
        assert sign_in(client, code).status_code == 302, code
        assert client.get(INDEX).status_code == 200
        client.logout()
    assert error_of(sign_in(client, current_code(unconfirmed))) == FAILED


def test_a_session_without_a_code_does_not_open_the_admin(client, editor):
    client.force_login(editor)
    assert client.get(INDEX).status_code == 302


def test_the_login_page_labels_the_code_field(client):
    html = client.get(LOGIN).content.decode()
    # No colon, as Username and Password; the label names the code, and the hint, between
    # the label and the field so it is read before typing, says which codes it takes and
    # when to leave it empty (a generic "optional" misled an editor with an app), in a row
    # set apart after the username and the password.
    assert '<label for="id_otp_token">Authenticator code</label>' in html
    assert '<div class="form-row form-row--code">' in html
    assert html.index('id="id_username"') < html.index('id="id_password"')
    assert html.index('id="id_password"') < html.index('id="id_otp_token"')
    assert 'autocomplete="one-time-code"' in html
    assert 'aria-describedby="id_otp_token_helptext"' in html
    hint = html.index('id="id_otp_token_helptext"')
    assert html.index('<label for="id_otp_token">') < hint < html.index('id="id_otp_token"')
    assert "The 6-digit code from your authenticator app, or a recovery code." in html
    # A first-time editor has no code yet: the hint says to leave it empty, and why.
    assert "No app yet? Leave it empty: you will set one up next." in html
    # One word for it: "sign in", on the button and in the title too.
    assert '<input type="submit" value="Sign in">' in html and "Log in" not in html
    assert "<title>Sign in | " in html
    # ...and the card leads back to the public site.
    assert '<p class="login-back"><a href="/">' in html


def test_off_in_development_and_on_in_production():
    code = "from django.conf import settings; print(settings.STAFF_TWO_FACTOR)"
    production = run_manage("shell", "--no-imports", "-c", code)
    assert production.stdout.strip() == "True", production.stderr
    development = run_manage("shell", "--no-imports", "-c", code, DJANGO_DEBUG="1")
    assert development.stdout.strip() == "False", development.stderr


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_signs_in_with_a_code_in_the_browser(
    live_server, page, csp_violations, authenticator
):
    page.goto(live_server.url + INDEX)
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_label("Code").fill(current_code(authenticator))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + INDEX)
    assert page.get_by_role("heading", name="What would you like to edit?").count() == 1
    assert csp_violations == []
