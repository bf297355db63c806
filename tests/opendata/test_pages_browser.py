"""axe-core finds nothing on the open data page and the API's documentation, wide or
narrow, and neither scrolls sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.engine_neutral]

PAGES = ["/data/", "/api/v1/docs/"]


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violations_and_nothing_scrolls_sideways(seeded_server, page, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(seeded_server.url + path)
        # The columns of each data set are read with their lists open too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page)
        assert not results.violations_count, f"{path}:\n{results.generate_report()}"
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"{path} is wider than {width} px"


def test_the_pages_need_no_script_and_break_no_policy(seeded_server, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    for path in PAGES:
        page.goto(seeded_server.url + path)
        assert page.evaluate("document.scripts.length") == page.evaluate(
            "document.querySelectorAll('script[type=\"application/ld+json\"]').length"
        ), path
    assert not problems, problems


LINES_OF = "e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size"


@pytest.mark.parametrize("width", [1280, 375])
def test_code_is_never_broken_inside_a_word(seeded_server, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_server.url + "/api/v1/docs/")
    # Short code in running text moves whole to the next line ("If-None-Match").
    running = page.locator(".prose :is(p, li) > code")
    broken = [
        running.nth(i).inner_text()
        for i in range(running.count())
        if running.nth(i).evaluate(LINES_OF) > 1
    ]
    assert not broken, broken
    # A field's name breaks after a dot only, an address after a slash only.
    for selector, mark in ((".api-fields dt > code", "."), (".api-endpoint__path > code", "/")):
        codes = page.locator(selector)
        for i in range(codes.count()):
            pieces = codes.nth(i).evaluate(
                "c => { const r = document.createRange(); const out = []; let last = null;"
                " for (const n of c.childNodes) { if (n.nodeType !== 3) continue;"
                " r.selectNodeContents(n); const top = Math.round(r.getClientRects()[0].top);"
                " if (last !== null && top !== last) out.push(n.previousSibling ? 'wbr' : 'bad');"
                " last = Math.round([...r.getClientRects()].at(-1).top);"
                " if (r.getClientRects().length > 1 && new Set([...r.getClientRects()]"
                ".map(x => Math.round(x.top))).size > 1) out.push('inside'); } return out; }"
            )
            assert "inside" not in pieces and "bad" not in pieces, (selector, i, mark)


def test_the_data_sets_fill_rows_of_three_and_the_formula_scrolls_in_its_box(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seeded_server.url + "/data/")
    cards = page.locator(".file-card")
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    rows = sorted({box["y"] for box in boxes})
    assert len(boxes) == 6 and [sum(b["y"] == y for b in boxes) for y in rows] == [3, 3]
    # Each card is headed by its data set's name, its file under it; the last card is
    # the data package, for developers.
    assert cards.nth(0).locator("h3").inner_text() == "Editions"
    assert cards.nth(5).locator("h3").inner_text() == "Data package for developers"
    assert cards.nth(5).locator(".file-card__file a").inner_text() == "datapackage.json"
    # The figures are the file's, under it and over the text; the cards of a row share
    # their rows: names, files, figures, texts and the folded lists at their feet line up,
    # the data package's too (its figures, the files it describes folded at its foot).
    facts = cards.nth(0).locator(".file-card__facts").bounding_box()
    text = cards.nth(0).locator(".file-card__text").bounding_box()
    assert facts["x"] == text["x"] and facts["y"] < text["y"]
    for part in [
        ".file-card__title",
        ".file-card__file",
        ".file-card__facts",
        ".file-card__text",
        ".columns",
    ]:
        for row in (range(3), range(3, 6)):
            tops = {round(cards.nth(i).locator(part).bounding_box()["y"]) for i in row}
            assert len(tops) == 1, (part, tops)
    # No card ends in an empty space: each one's last part reaches its foot.
    for i in range(6):
        card, foot = boxes[i], cards.nth(i).locator(".columns").bounding_box()
        assert card["y"] + card["height"] - (foot["y"] + foot["height"]) < 40, i
    # The formula stays one line, its address whole, and scrolls in its box: a region
    # named for what it holds that the keyboard reaches.
    formula = page.locator("pre.command").first
    assert formula.evaluate("p => getComputedStyle(p).whiteSpace") == "pre"
    assert formula.evaluate("p => getComputedStyle(p).overflowX") == "auto"
    assert formula.locator("code").evaluate(LINES_OF) == 1
    assert formula.locator("wbr").count() == 0
    assert formula.get_attribute("tabindex") == "0"
    assert page.get_by_role("region", name="The formula for Google Sheets").count() == 1


@pytest.mark.parametrize("width", [375, 1280])
def test_a_files_pill_is_always_on_its_own_line_under_its_name(seeded_server, page, width):
    """Short name or long, the file's pill starts a line of its own under the name, at
    the name's edge, so every card reads the same way."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/data/")
    cards = page.locator(".file-card")
    for i in range(cards.count()):
        title = cards.nth(i).locator(".file-card__title").bounding_box()
        pill = cards.nth(i).locator(".file-card__file a").bounding_box()
        assert pill["y"] >= title["y"] + title["height"] - 1, i
        assert abs(pill["x"] - title["x"]) < 1, i


@pytest.mark.parametrize("width", [375, 1280])
def test_a_code_block_that_scrolls_can_be_scrolled_from_the_keyboard(seeded_server, page, width):
    page.set_viewport_size({"width": width, "height": 812})
    for path in PAGES:
        page.goto(seeded_server.url + path)
        blocks = page.locator("pre")
        assert blocks.count() >= 1, path
        for i in range(blocks.count()):
            block = blocks.nth(i)
            assert block.evaluate("p => getComputedStyle(p).whiteSpace") == "pre", path
            assert block.get_attribute("tabindex") == "0", path
            assert block.get_attribute("role") == "region" and block.get_attribute("aria-label")
