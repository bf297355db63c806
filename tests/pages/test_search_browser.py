"""The search page in a real browser: submit the form, read the results, no axe violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def test_searching_from_the_search_page(seeded_server, page):
    page.goto(seeded_server.url + "/search/")
    field = page.get_by_label("Search the site", exact=True)
    # What it searches is said in the hint under the field, its description.
    assert field.get_attribute("aria-describedby") == "search-help"
    assert (
        page.locator("#search-help")
        .inner_text()
        .startswith("Finds programs, editions, cities, news and testimonials.")
    )
    field.fill("Cybersecurity")
    page.locator("main").get_by_role("button", name="Search").click()  # the header has one too
    page.wait_for_url("**/search/?q=Cybersecurity")
    assert page.get_by_role("heading", level=2).inner_text() == "Editions (1)"
    result = page.get_by_role(
        "link", name="Joint Workshop for Smart Sustainable Cities & e\u2011Government 2018"
    )
    assert result.count() == 1
    assert page.locator(".search-snippet mark").inner_text() == "Cybersecurity"
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_match_is_marked_one_way_and_a_title_link_another(seeded_server, page, width):
    """A word found is its tint alone, in a title as in a snippet (no weight of its own);
    a result's title is a link by its colour and place, underlined only under the pointer
    or focus, so a match in a title is never both tinted and underlined."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/search/?q=Jeju")
    title = page.locator(".search-results h3 a").first
    assert title.locator("mark").count() == 1
    look = "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).fontWeight]"
    link_line, link_weight = title.evaluate(look)
    mark_line, mark_weight = title.locator("mark").evaluate(look)
    assert link_line == "none" and mark_line == "none", (link_line, mark_line)
    assert mark_weight == link_weight
    title.hover()
    assert title.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    page.goto(seeded_server.url + "/search/?q=Cybersecurity")
    snippet = page.locator(".search-snippet mark").first
    text = page.locator(".search-snippet").first
    assert snippet.evaluate(look)[1] == text.evaluate(look)[1]
