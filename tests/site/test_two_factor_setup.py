"""Staff set up their own two-factor sign-in at their first sign-in, and an administrator
can make them do it again; the admin lists devices by user name, never their keys."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from wego_site.core.admin_site import FAILED_SIGN_IN

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
SETUP = reverse("admin:two_factor_setup")


@pytest.fixture(autouse=True)
def two_factor(settings):
    settings.STAFF_TWO_FACTOR = True


def sign_in(client, code="", username="editor", password="pw-editor-1"):  # noqa: S107
    return client.post(
        LOGIN, {"username": username, "password": password, "otp_token": code, "next": INDEX}
    )


def key_on(html):
    code = re.search(r'<code class="setup-key"[^>]*>(.*?)</code>', html)[1]
    groups = re.findall(r"<span>([A-Z2-7]+)</span>", code)
    assert groups and all(len(group) == 4 for group in groups[:-1])  # in groups of four
    return " ".join(groups)


def code_for(key):
    secret = base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
    return f"{totp(secret):06d}"


def test_the_first_sign_in_leads_to_setting_up_the_app(client, editor):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == SETUP
    html = client.get(SETUP).content.decode()
    assert '<img class="qr-code" src="data:image/svg+xml;base64,' in html
    assert len(key_on(html).replace(" ", "")) == 32
    assert "nav-sidebar" not in html and "/admin/news/" not in html  # no admin yet
    # Signed in with the password only: no admin page, no document, no preview.
    assert client.get(INDEX)["Location"].startswith(LOGIN)
    assert client.get(LOGIN)["Location"] == SETUP
    assert client.get(reverse("admin:news_post_changelist")).status_code == 302


def test_cancel_on_the_set_up_page_signs_out(client, editor):
    sign_in(client)
    cancel = reverse("admin:two_factor_setup_cancel")
    assert f'action="{cancel}"' in client.get(SETUP).content.decode()
    assert client.get(cancel).status_code == 405  # a POST only, with its CSRF token
    response = client.post(cancel)
    assert response.status_code == 302 and response["Location"] == LOGIN
    # Signed out: the sign-in page is shown again, not the set-up.
    assert client.get(LOGIN).status_code == 200
    assert client.get(SETUP)["Location"] == LOGIN


def test_the_key_stays_the_same_until_it_is_confirmed(client, editor):
    sign_in(client)
    first = key_on(client.get(SETUP).content.decode())
    assert key_on(client.get(SETUP).content.decode()) == first
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_a_wrong_code_sets_nothing_up(client, editor):
    sign_in(client)
    key = key_on(client.get(SETUP).content.decode())
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    html = response.content.decode()
    assert "That code is not the one the app shows now" in html
    # Named at the top of the card, focused as the page opens, with a link to the field
    # (far down on a phone); the message itself at the field, which points to it.
    summary = re.search(r'<div class="errornote setup-error"[^>]*>(.*?)</div>', html, re.S)
    assert 'role="alert"' in summary[0] and "autofocus" in summary[0]
    assert '<a href="#id_code">' in summary[1]
    assert re.search(r'<p class="field-error" id="id_code_error">That code is not', html)
    field = re.search(r'<input[^>]*name="code"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in field and "id_code_error" in field
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.get(INDEX).status_code == 302


def test_the_right_code_shows_ten_recovery_codes_once_and_opens_the_admin(client, editor):
    sign_in(client)
    key = key_on(client.get(SETUP).content.decode())
    response = client.post(SETUP, {"code": code_for(key)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(set(codes)) == 10
    assert client.get(INDEX).status_code == 200
    # Shown once: the page is gone once the app is set up.
    assert client.get(SETUP).status_code == 302
    assert TOTPDevice.objects.get(user=editor).confirmed
    client.logout()
    assert sign_in(client, codes[3]).status_code == 302
    client.logout()
    assert FAILED_SIGN_IN in sign_in(client, codes[3]).content.decode()
    assert sign_in(client, code_for(key)).status_code in {200, 302}


def test_only_staff_without_a_device_reach_the_setup(client, editor, django_user_model):
    assert client.get(SETUP)["Location"] == LOGIN
    django_user_model.objects.create_user("visitor", password="pw-visitor-1")
    client.force_login(django_user_model.objects.get(username="visitor"))
    assert client.get(SETUP)["Location"] == LOGIN
    client.logout()
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    assert FAILED_SIGN_IN in sign_in(client).content.decode()
    client.force_login(editor)  # a password-only session of an account with a device
    assert client.get(SETUP)["Location"] == LOGIN


@pytest.fixture
def administrator(client, superuser):
    """The superuser, signed in with a recovery code."""
    codes = StaticDevice.objects.create(user=superuser, name="Recovery codes", confirmed=True)
    codes.token_set.create(token="chief0001")
    assert sign_in(client, "chief0001", "chief", "pw-chief-1").status_code == 302
    return client


def test_the_admin_lists_devices_by_user_name_without_their_secrets(administrator, editor):
    client = administrator
    editor.first_name, editor.last_name = "Eun-ji", "Park"
    editor.save()
    TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    StaticDevice.objects.create(user=editor, name="Recovery codes", confirmed=True)
    for model in ["otp_totp/totpdevice", "otp_static/staticdevice"]:
        listing = client.get(f"/admin/{model}/").content.decode()
        assert "editor (Eun-ji Park)" in listing, model
        for technical in ["Key", "Step", "T0", "Drift", "Tolerance", "Throttling", "qrcode"]:
            # As a word: a random CSRF token may hold "T0" or "Key" inside it.
            assert not re.search(rf"\b{technical}\b", listing), (model, technical)
        assert client.get(f"/admin/{model}/add/").status_code == 403
    index = client.get(INDEX).content.decode()
    assert "OTP_TOTP" not in index and "Otp_Totp" not in index
    assert "Two-factor sign-in: authenticator apps" in index
    device = TOTPDevice.objects.get(user=editor)
    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in change


def test_resetting_a_users_devices_leads_them_to_set_up_again(administrator, editor):
    client = administrator
    TOTPDevice.objects.create(user=editor, name="lost phone", confirmed=True)
    StaticDevice.objects.create(user=editor, name="Recovery codes", confirmed=True)
    users = reverse("admin:auth_user_changelist")
    response = client.post(
        users, {"action": "reset_sign_in_devices", "_selected_action": [editor.pk]}, follow=True
    )
    assert "Two-factor sign-in reset for editor" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    client.logout()
    assert sign_in(client)["Location"] == SETUP


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_sets_up_two_factor_sign_in_in_the_browser(live_server, page, editor):
    page.set_viewport_size({"width": 1280, "height": 800})
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(live_server.url + INDEX)
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + SETUP)
    assert page.get_by_role("heading", name="Set up your sign-in code").count() == 1
    qr = page.get_by_role("img", name="QR code that adds")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    key = page.locator("code.setup-key").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", key)  # in groups of four
    # Monospaced (0/O, 1/I differ), selected whole with one click to copy.
    family, select = page.locator("code.setup-key").evaluate(
        "c => [getComputedStyle(c).fontFamily, getComputedStyle(c).userSelect]"
    )
    assert "Mono" in family and select == "all"
    # On a larger screen the QR code comes first, to scan with the phone, the key under it,
    # both at the edge of the step's text and its field, not centred in the column.
    assert qr.bounding_box()["y"] < page.locator("code.setup-key").bounding_box()["y"]
    # A code a phone scans from the screen at 12 rem, not the picture's own 290 px, so the
    # steps under it stay near.
    assert qr.bounding_box()["width"] <= 192
    step_text = page.locator(".setup-steps > li > p").first.bounding_box()
    for way in (qr, page.locator("code.setup-key")):
        assert abs(way.bounding_box()["x"] - step_text["x"]) < 1
    page.get_by_label("Code from the app").fill(code_for(key))
    page.get_by_role("button", name="Confirm").click()
    # The answer's page has the same address as the form's: wait for its heading.
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert page.get_by_role("heading", name="Your recovery codes").count() == 1
    assert page.locator("ol.recovery-codes li").count() == 10
    # The codes are on the set-up's card: no user links or menu from the admin's pages.
    assert page.locator("body.login #content-main h1").inner_text() == "Your recovery codes"
    assert page.locator("#user-tools").count() == 0
    assert page.locator(".theme-toggle").count() == 0
    assert "app’s code" in page.locator("#content-main").inner_text()
    # On a phone both columns of codes fit the card.
    page.set_viewport_size({"width": 375, "height": 812})
    codes = page.locator("ol.recovery-codes")
    assert codes.evaluate("c => c.scrollWidth <= c.clientWidth")
    last = codes.locator("li").last.bounding_box()
    panel = codes.bounding_box()
    assert last["x"] + last["width"] <= panel["x"] + panel["width"], (last, panel)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Continue to the administration").click()
    page.wait_for_url(live_server.url + INDEX)
    assert page.get_by_role("heading", name="What would you like to edit?").count() == 1
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_set_up_page_is_the_sign_in_card_and_fits_a_phone(live_server, page, editor):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + LOGIN)
    code = "Authenticator code"
    fields = [page.get_by_label(name, exact=True) for name in ("Username", "Password", code)]
    widths = [field.bounding_box()["width"] for field in fields]
    assert max(widths) - min(widths) < 1, widths
    button = page.get_by_role("button", name="Sign in")
    assert button.evaluate("b => getComputedStyle(b).textTransform") == "none"
    fields[0].fill("editor")
    fields[1].fill("pw-editor-1")
    button.click()
    page.wait_for_url(live_server.url + SETUP)
    assert page.locator("body.login").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    code = page.get_by_label("Code from the app").bounding_box()
    assert code["x"] + code["width"] <= 375
    assert code["height"] >= 44, "a 44 px tall target, as the sign-in's fields"
    # The text at the public site's body size on a phone, the title well above the steps'
    # labels.
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    assert page.locator("#content-main > p").first.evaluate(size) >= 17
    step_label = page.locator(".setup-steps > li > p").first.evaluate(size)
    assert page.locator("h1").evaluate(size) >= 1.5 * step_label
    # The key is large and monospace, and no group of four breaks across lines.
    key = page.locator("code.setup-key")
    assert float(key.evaluate("k => parseFloat(getComputedStyle(k).fontSize)")) >= 18
    assert "monospace" in key.evaluate("k => getComputedStyle(k).fontFamily")
    groups = key.locator("span")
    for i in range(groups.count()):
        assert groups.nth(i).bounding_box()["height"] < 40, "a group on one line"
    # The key's box and the QR code start at their labels' edge, as the field does below
    # them, the key's box well inside the card; the key's eight groups in two even rows.
    qr = page.locator("img.qr-code").bounding_box()
    box = key.bounding_box()
    labels = page.locator(".setup-way__label")
    field = page.get_by_label("Code from the app").bounding_box()
    for edge in (qr["x"], box["x"], labels.nth(1).bounding_box()["x"]):
        assert abs(edge - labels.first.bounding_box()["x"]) < 1 and abs(edge - field["x"]) < 1
    assert field["x"] + field["width"] - (box["x"] + box["width"]) >= 24
    # The title in two balanced lines, no word alone on the second.
    title = page.locator("h1")
    assert title.evaluate("e => getComputedStyle(e).textWrap").startswith("balance") or (
        title.evaluate("e => getComputedStyle(e).textWrapStyle") == "balance"
    )
    assert title.evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h);"
        " const lines = [...r.getClientRects()]; return lines.length === 2"
        " && Math.min(...lines.map(l => l.width)) > 0.6 * Math.max(...lines.map(l => l.width)); }"
    )
    rows = [round(groups.nth(i).bounding_box()["y"]) for i in range(groups.count())]
    assert groups.count() == 8 and rows[:4] == [rows[0]] * 4 and rows[4:] == [rows[4]] * 4
    # A phone shows the key to type first, whole in the first screen (the phone cannot scan
    # its own screen), then a smaller QR code, so Confirm is within a screen and a half.
    assert rows[4] + 40 <= 812 and rows[4] < qr["y"]
    assert qr["width"] <= 200
    confirm = page.get_by_role("button", name="Confirm").bounding_box()
    assert confirm["y"] + confirm["height"] <= 812 * 1.5
    # As much room under the card as above it, where the page ends.
    above, below = page.evaluate(
        "() => { const c = document.querySelector('#container').getBoundingClientRect();"
        " return [c.top + scrollY, document.documentElement.scrollHeight - c.bottom - scrollY]; }"
    )
    assert above > 40 and below >= above - 1, (above, below)
    # Each step's number in its disc, the disc's middle on the middle of the step's first
    # line (a step's rule above it included).
    for middle_of_disc, middle_of_line in page.locator(".setup-steps > li").evaluate_all(
        "steps => steps.map(li => { const disc = getComputedStyle(li, '::before');"
        " const top = li.getBoundingClientRect().top + li.clientTop;"
        " const p = li.firstElementChild; const line = parseFloat(getComputedStyle(p).lineHeight);"
        " return [top + parseFloat(disc.top) + parseFloat(disc.height) / 2,"
        " p.getBoundingClientRect().top + line / 2]; })"
    ):
        assert abs(middle_of_disc - middle_of_line) < 1, (middle_of_disc, middle_of_line)
    # One action beside the form's Confirm: no second button, the way off is the sign-out
    # line under the steps, with no script.
    assert page.get_by_role("button", name="Cancel").count() == 0
    sign_out = page.get_by_role("button", name="Sign out")
    confirm = page.get_by_role("button", name="Confirm")
    assert sign_out.bounding_box()["y"] > confirm.bounding_box()["y"] + 40
    with page.expect_navigation():
        sign_out.click()
    page.goto(live_server.url + INDEX)
    assert page.url.startswith(live_server.url + LOGIN)
