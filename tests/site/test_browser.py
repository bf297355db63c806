import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_landing_page_renders_in_chromium(live_server, seed, page):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Training Programs"
    chengdu = page.get_by_role("link", name="Chengdu Smart City & e-Government Training Program")
    assert chengdu.count() == 1
