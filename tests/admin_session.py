"""Signing in to the admin in a browser test, as the "Secretariat editor" fixture user."""

from playwright.sync_api import expect


def sign_in(page, live_server, username="editor", password="pw-editor-1"):  # noqa: S107 - the test user's
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # The click only starts the sign-in: wait for the signed-in page (its log-out form).
    expect(page.locator("#logout-form")).to_be_attached()
