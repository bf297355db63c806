"""The decision emails' preview in the admin fits a 1280-pixel screen: long lines wrap."""

import pytest

from tests.admin_session import sign_in
from tests.applications.factories import ApplicationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engine_neutral,
    pytest.mark.django_db(transaction=True),
]


def test_the_decision_preview_wraps_long_lines_at_1280_pixels(
    live_server, page, editor, call, decision_texts
):
    application = ApplicationFactory(call=call, email="long@example.org")
    application.change_status("accepted")
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/applications/application/")
    page.locator(f'input[name="_selected_action"][value="{application.pk}"]').check()
    page.locator('select[name="action"]').select_option("send_decision_emails")
    page.locator('button[name="index"]').click()
    preview = page.locator("pre.decision-preview").first
    assert "Dear" in preview.inner_text()
    overflow = preview.evaluate("pre => pre.scrollWidth - pre.clientWidth")
    assert overflow <= 0, f"the preview is {overflow} px wider than its box"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
