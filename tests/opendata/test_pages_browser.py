"""axe-core finds nothing on the open data page and the API's documentation, wide or
narrow, and neither scrolls sideways."""

import itertools
import re

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


def test_each_data_set_is_a_row_of_the_catalogue_and_the_formula_is_shown_whole(
    seeded_server, page
):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seeded_server.url + "/data/")
    rows = page.locator(".data-file")
    boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
    # Six rows, one under another, each the list's whole width.
    whole = page.locator(".data-files").bounding_box()
    assert len(boxes) == 6
    assert all(box["x"] == whole["x"] and box["width"] == whole["width"] for box in boxes)
    assert all(a["y"] + a["height"] <= b["y"] for a, b in itertools.pairwise(boxes))
    # Each is headed by its data set's name, its file under it; the last is the data
    # package, for developers.
    assert rows.nth(0).locator("h3").inner_text() == "Editions"
    assert rows.nth(5).locator("h3").inner_text() == "Data package for developers"
    assert rows.nth(5).locator(".data-file__file a").inner_text() == (
        "Download datapackage.json (JSON)"
    )
    # Two columns: the name, its file and the line of its figures under it | what it
    # holds, with its columns folded under its text; both start on the row's first line.
    for i in range(6):
        row = rows.nth(i)
        name = row.locator(".data-file__title").bounding_box()
        file = row.locator(".data-file__file").bounding_box()
        facts = row.locator(".data-file__facts").bounding_box()
        about = row.locator(".data-file__about").bounding_box()
        text = row.locator(".data-file__text").bounding_box()
        folded = row.locator(".columns").bounding_box()
        assert facts["x"] == name["x"] and facts["y"] >= file["y"] + file["height"], i
        assert max(name["x"] + name["width"], facts["x"] + facts["width"]) < about["x"], i
        assert abs(about["y"] - name["y"]) < 12, i
        assert folded["y"] >= text["y"] + text["height"] and folded["x"] == text["x"], i
        # No blank gap: the row ends under its tallest part, with the row's padding only.
        padding = row.evaluate("e => parseFloat(getComputedStyle(e).paddingBottom)")
        bottom = max(
            part["y"] + part["height"]
            for part in (name, facts, about, row.locator(".data-file__file").bounding_box())
        )
        assert boxes[i]["y"] + boxes[i]["height"] - bottom <= padding + 14, i
    # The formula is shown whole in its box: where it is longer than the box it wraps,
    # only after a slash of its address, never cut at the box's edge.
    formula = page.locator("pre.command").first
    assert formula.evaluate("p => p.scrollWidth <= p.clientWidth")
    assert formula.locator("wbr").count() >= 2
    assert "://" in formula.inner_text() and "=IMPORTDATA(" in formula.inner_text()
    assert page.get_by_role("region", name="The formula for Google Sheets").count() == 1


@pytest.mark.parametrize("width", [375, 1280])
def test_a_files_pill_is_always_on_its_own_line_under_its_name(seeded_server, page, width):
    """Short name or long, the file's pill starts a line of its own under the name, at
    the name's edge, so every card reads the same way."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/data/")
    cards = page.locator(".data-file")
    for i in range(cards.count()):
        title = cards.nth(i).locator(".data-file__title").bounding_box()
        pill = cards.nth(i).locator(".data-file__file a").bounding_box()
        assert pill["y"] >= title["y"] + title["height"] - 1, i
        assert abs(pill["x"] - title["x"]) < 1, i


@pytest.mark.parametrize("width", [375, 1280])
def test_a_code_block_is_shown_whole_and_wraps_only_after_a_slash(seeded_server, page, width):
    """A command or formula is never cut at its box's edge: where it is longer than the
    box it wraps after a slash of its address (a `<wbr>`), never inside a word, its
    following lines standing in from the first."""
    page.set_viewport_size({"width": width, "height": 812})
    for path in PAGES:
        page.goto(seeded_server.url + path)
        blocks = page.locator("pre.command")
        assert blocks.count() >= 1, path
        for i in range(blocks.count()):
            block = blocks.nth(i)
            assert block.evaluate("p => p.scrollWidth <= p.clientWidth"), (path, width)
            assert block.get_attribute("role") == "region" and block.get_attribute("aria-label")
            pieces = block.locator("code").evaluate(
                "c => { const r = document.createRange(); const out = []; let last = null;"
                " for (const n of c.childNodes) { if (n.nodeType !== 3) continue;"
                " r.selectNodeContents(n); const rects = [...r.getClientRects()];"
                " if (new Set(rects.map(x => Math.round(x.top))).size > 1) out.push('inside');"
                " last = Math.round(rects.at(-1).top); } return out; }"
            )
            assert pieces == [], (path, width)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_data_sets_figures_are_one_quiet_line(seeded_server, page, width):
    """At every width a file's figures read as one line ("9 rows · last changed …") at
    the small step (its size is in its download button), not a block of uppercase labels over values; every label is
    still there for screen readers. Its columns' disclosure is at the small step too."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/data/")
    facts = page.locator(".data-file__facts")
    for i in range(facts.count()):
        box = facts.nth(i).bounding_box()
        line = facts.nth(i).evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert box["height"] <= line * 1.2, (i, box["height"], line)
        assert facts.nth(i).locator("dt").count() == facts.nth(i).locator("dd").count()
        look = (
            "ds => ds.map(d => [getComputedStyle(d).fontSize, getComputedStyle(d).textTransform])"
        )
        labels = facts.nth(i).locator("dt").evaluate_all(look)
        assert all(label == ["15px", "lowercase"] for label in labels), (i, labels)
    summaries = page.locator(".data-file .columns > summary").evaluate_all(
        "ss => ss.map(s => getComputedStyle(s).fontSize)"
    )
    assert len(summaries) == 6 and set(summaries) == {"15px"}, summaries
    # "9 rows": the count before its word.
    rows = facts.first.locator("div").first
    assert rows.locator("dd").bounding_box()["x"] < rows.locator("dt").bounding_box()["x"]
    assert rows.locator("dt").evaluate("e => getComputedStyle(e).textTransform") == "lowercase"


@pytest.mark.parametrize("width", [375, 1280])
def test_each_file_is_a_download_button_at_the_body_size_with_its_format_and_size(
    seeded_server, page, width
):
    """A file's link is the site's secondary button, in the body's size, saying what it
    does and what comes: "Download editions.csv (CSV, 3.1 KB)"; the data package its
    format alone (its size is not known to the page)."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/data/")
    links = page.locator(".data-file__file a")
    body = page.locator(".data-file__text").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert links.count() == 6
    for i in range(6):
        link = links.nth(i)
        assert "button--secondary" in link.get_attribute("class"), i
        assert link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)") == body, i
        assert link.bounding_box()["height"] >= 44, i
        name = " ".join(link.inner_text().split())
        if i < 5:
            assert re.fullmatch(r"Download \w+\.csv \(CSV, [\d.]+ (KB|bytes)\)", name), name
        else:
            assert name == "Download datapackage.json (JSON)", name
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [375, 1280])
def test_the_download_buttons_are_one_width_and_the_lede_keeps_read_only_whole(
    seeded_server, page, width
):
    """The six download buttons are one width and one height, their words at the
    button's left, so they line up down the list (on a phone the column's width, the
    format and size a second line in every button alike); "read-only" in the lede is
    never broken at its hyphen."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/data/")
    buttons = [b.bounding_box() for b in page.locator(".data-file__file a").all()]
    assert len(buttons) == 6
    assert len({round(b["width"]) for b in buttons}) == 1, buttons
    assert len({round(b["height"]) for b in buttons}) == 1, buttons
    assert len({round(b["x"]) for b in buttons}) == 1, buttons
    if width == 375:
        column = page.locator(".data-file__title").first.bounding_box()
        assert round(buttons[0]["width"]) == round(column["width"]), (buttons[0], column)
    assert "read\u2011only API" in page.locator(".page-head .lede").inner_text()
