"""Staff sign in with a password and a one-time code when two-factor is on (django-otp).

On by default whenever debug is off; the test settings turn it off, these tests on.
"""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.site.test_settings import run_manage

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


def test_a_password_alone_is_not_enough(client, authenticator):
    response = sign_in(client)
    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in response.content.decode()
    assert client.get(INDEX).status_code == 302


def test_password_and_the_authenticators_code_sign_in(client, authenticator):
    response = sign_in(client, current_code(authenticator))
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_is_refused(client, authenticator):
    wrong = f"{(int(current_code(authenticator)) + 1) % 1_000_000:06d}"
    response = sign_in(client, wrong)
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(INDEX).status_code == 302


def test_a_recovery_code_works_once(client, authenticator, recovery_codes):
    assert sign_in(client, "r3c0v3ry1").status_code == 302
    client.logout()
    assert sign_in(client, "r3c0v3ry1").status_code == 200
    assert recovery_codes.token_set.count() == 1


def test_an_account_without_a_device_is_told_whom_to_ask(client, editor):
    response = sign_in(client, "123456")
    assert "ask an administrator" in response.content.decode()
    assert client.get(INDEX).status_code == 302


def test_a_session_without_a_code_does_not_open_the_admin(client, editor):
    client.force_login(editor)
    assert client.get(INDEX).status_code == 302


def test_the_login_page_labels_the_code_field(client):
    html = client.get(LOGIN).content.decode()
    assert '<label for="id_otp_token">Code:</label>' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'aria-describedby="id_otp_token_helptext"' in html


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
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + INDEX)
    assert page.get_by_role("heading", name="What would you like to edit?").count() == 1
    assert csp_violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_administrator_shows_an_editor_the_enrolment_qr_code(
    live_server, page, csp_violations, superuser
):
    """The administrator signs in with a recovery code, adds the editor's authenticator and
    opens its QR code page, which works under the CSP."""
    codes = StaticDevice.objects.create(user=superuser, name="recovery", confirmed=True)
    codes.token_set.create(token="f1rstc0de")
    device = TOTPDevice.objects.create(user=superuser, name="chief's phone")
    page.goto(live_server.url + LOGIN)
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("pw-chief-1")
    page.get_by_label("Code").fill("f1rstc0de")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + INDEX)
    url = reverse("admin:otp_totp_totpdevice_config", args=[device.pk])
    page.goto(live_server.url + url)
    image = page.locator("img.qrcode-image")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert csp_violations == []
