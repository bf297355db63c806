"""axe-core finds no violation on any page type, wide or narrow, and nothing scrolls sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.engine_neutral]

PAGES = [
    "/",
    "/programs/",
    "/programs/kind/regional/",
    "/programs/wego-shrdc-training-program/",
    "/programs/chengdu-smart-city-e-government-training-program/",
    "/programs/joint-workshop-smart-sustainable-cities-e-government/",
    "/programs/world-bank-institute-smart-cities-webinar-series/",
    "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
    "/programs/wego-shrdc-training-program/2013-06/",
    "/programs/wego-shrdc-training-program/2016-05/",
    "/programs/archive/",
    "/programs/archive/2012/",
    "/news/",
    "/news/2020/",
    "/news/tag/webinar/",
    "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/",
    "/news/2020/18-cities-awarded-for-their-smart-initiatives/",
    "/privacy/applications/",
    "/testimonials/",
    "/testimonials/2013/",
    "/cities/",
    "/cities/?year=2018",
    "/cities/baguio/",
    "/cities/seoul/",
    "/cities/accra/",
    "/cities/ministry-of-information-and-communications-vn/",
    "/countries/ph/",
    "/countries/kr/",
    "/search/",
    "/search/?q=Jeju",
    "/search/?q=seoul",  # kinds beside their results, a kind's first results
    "/search/?q=webinar&kind=news",  # one kind's results
    "/search/?q=Jejy",
    "/no-such-page/",
]
WIDTHS = [1280, 360]


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_and_nothing_scrolls_sideways(seeded_server, page, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures, too_wide = {}, {}
    for path in PAGES:
        page.goto(seeded_server.url + path)
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            too_wide[path] = (scroll, client)
    assert not failures, "\n\n".join(f"{path}:\n{report}" for path, report in failures.items())
    assert not too_wide, f"pages wider than {width} px: {too_wide}"


def test_skip_link_is_the_first_stop_and_shows_on_focus(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seeded_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert top >= 0, "the skip link is visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_focus_is_visible_on_links(seeded_server, page):
    page.goto(seeded_server.url + "/news/")
    link = page.get_by_role("link", name="News", exact=True).first
    link.focus()
    shadow = link.evaluate("el => getComputedStyle(el).boxShadow")
    assert shadow and shadow != "none"


def test_a_map_mark_is_reached_by_keyboard_and_shows_its_focus(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    mark = page.locator("a.map-mark").first
    mark.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("/cities/")
    stroke = mark.locator("circle:not(.map-mark__hit)").evaluate(
        "el => getComputedStyle(el).stroke"
    )
    assert stroke == "rgb(255, 191, 71)"  # the focus colour
