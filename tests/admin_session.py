"""Signing in to the admin in a browser test, as the "Secretariat editor" fixture user."""


def sign_in(page, live_server, username="editor", password="pw-editor-1"):  # noqa: S107 - the test user's
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("link", name="Log out").count() or page.locator("#logout-form").count()
