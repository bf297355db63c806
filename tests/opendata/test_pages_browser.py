"""axe-core finds nothing on the open data page and the API's documentation, wide or
narrow, and neither scrolls sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/data/", "/api/v1/docs/"]


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations_and_nothing_scrolls_sideways(live_server, seed, page, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(live_server.url + path)
        # The columns of each data set are read with their lists open too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page)
        assert not results.violations_count, f"{path}:\n{results.generate_report()}"
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"{path} is wider than {width} px"


def test_the_pages_need_no_script_and_break_no_policy(live_server, seed, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    for path in PAGES:
        page.goto(live_server.url + path)
        assert page.evaluate("document.scripts.length") == page.evaluate(
            "document.querySelectorAll('script[type=\"application/ld+json\"]').length"
        ), path
    assert not problems, problems
