"""What a visitor can measure of the design: page lengths, link names, search, wording."""

import re

import pytest
from django.core.management import call_command

from applications.models import Call
from programs.models import Edition
from tests.factories import PostFactory, TestimonialFactory, as_one_change

pytestmark = [pytest.mark.browser, pytest.mark.engine_neutral]

# Every page shape, the empty and compact states included.
PAGES = [
    "/",
    "/programs/",
    "/programs/kind/regional/",
    "/programs/wego-shrdc-training-program/",
    "/programs/chengdu-smart-city-e-government-training-program/",
    "/programs/joint-workshop-smart-sustainable-cities-e-government/",
    "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
    "/programs/wego-shrdc-training-program/2016-05/",
    "/programs/wego-shrdc-training-program/2013-06/",
    "/programs/archive/",
    "/programs/archive/2012/",
    "/news/",
    "/news/tag/webinar/",
    "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/",
    "/testimonials/",
    "/testimonials/2013/",
    "/cities/",
    "/cities/baguio/",
    "/countries/ph/",
    "/search/",
    "/search/?q=Jeju",
    "/search/?q=qqxxzz",
    "/no-such-page/",
]

# Each link's name as assistive technology reads it: aria-label, or its text without
# aria-hidden parts (an SVG link's <title> included); and where it leads, fragment included.
LINKS_JS = """
() => [...document.querySelectorAll('a[href]')].map(a => {
  const text = node => node.nodeType === Node.TEXT_NODE ? node.textContent
    : (node.nodeType === Node.ELEMENT_NODE && node.getAttribute('aria-hidden') === 'true')
      ? '' : [...node.childNodes].map(text).join('');
  const name = (a.getAttribute('aria-label') || text(a)).replace(/\\s+/g, ' ').trim();
  // An SVG link (a map's mark) gives its address as an SVGAnimatedString.
  const href = typeof a.href === 'string' ? a.href : new URL(a.href.baseVal, document.baseURI).href;
  return [name, href];
})
"""

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "5–9 September 2011", "29 May – 6 June 2012", "09/05/2011", "2011-09-05": a date, no words.
DATE_ALONE = re.compile(
    rf"^(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+(?:{MONTHS})"
    rf"(?:\s+\d{{4}})?(?:\s*[–-]\s*\d{{1,2}}\s+(?:{MONTHS}))?\s+\d{{4}}"
    rf"|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}(?:\s*[~–-]\s*\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}})?)$",
    re.IGNORECASE,
)


def links_of(page):
    return [(name, href) for name, href in page.evaluate(LINKS_JS)]


def test_the_date_pattern_knows_a_date_from_a_name():
    for date in ["5–9 September 2011", "29 May – 6 June 2012", "09/05/2011 ~ 09/09/2011"]:
        assert DATE_ALONE.match(date), date
    for name in ["WeGO–SHRDC Training Program, 5–9 September 2011", "2011", "Editions of 2016"]:
        assert not DATE_ALONE.match(name), name


APPLY = re.compile(r"^Apply\b")


@pytest.mark.parametrize(("width", "screen", "most"), [(1280, 800, 3500), (375, 812, 6000)])
def test_the_landing_page_is_short_and_leads_with_the_open_call(
    live_server, seed, page, width, screen, most
):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": screen})
    page.goto(live_server.url + "/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= most, f"{height} px tall at {width} px"
    apply = page.locator(".hero").get_by_role("link", name=APPLY).bounding_box()
    assert apply["y"] + apply["height"] <= screen, "Apply is in the first screen"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_calls_card_heading_stays_under_the_pages_h1(live_server, seed, page, width):
    """The hero card's heading is a step under the page's h2 (never outweighing the h1):
    the demo's long title at most two lines at 1280 px, its program's name a small line
    over the edition's own title, read as one heading."""
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    title = page.locator(".call-card__title")
    h1 = page.locator("h1").evaluate(size)
    assert title.evaluate(size) < page.locator("#programs-heading").evaluate(size) < h1
    program = title.locator(".call-card__program")
    assert program.inner_text() == "Sample program (not a real program)"
    assert program.evaluate(size) < title.evaluate(size)
    assert page.get_by_role(
        "heading", name="Sample program (not a real program): Edition with an open call"
    ).is_visible()
    if width == 1280:
        line = title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert title.bounding_box()["height"] <= program.bounding_box()["height"] + 2 * line


@pytest.mark.parametrize("width", [1280, 375])
def test_the_call_editions_head_names_its_program_small_and_holds_its_summary(
    live_server, seed, page, width
):
    """On the demo edition's page, as in the landing page's call card, the program's name
    is a small line over the edition's own title, the heading read whole (two lines of the
    heading's size on a phone, not four); its one-line summary is the head's lede, not a
    loose line under the call card."""
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    h1 = page.locator("h1")
    program = h1.locator(".page-head__program")
    assert program.inner_text().strip() == "Sample program (not a real program)"
    assert program.evaluate(size) < h1.evaluate(size)
    assert page.get_by_role(
        "heading", level=1, name="Sample program (not a real program): Edition with an open call"
    ).is_visible()
    line = h1.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert h1.bounding_box()["height"] <= program.bounding_box()["height"] + 2 * line + 8
    summary = page.get_by_text("A sample added to try the site out; it is not a real program.")
    assert summary.count() == 1
    head = page.locator(".page-head").bounding_box()
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= head["y"] + head["height"], "in the head"
    apply = page.locator("main").get_by_role("link", name=re.compile(r"^Apply"))
    assert apply.bounding_box()["y"] + apply.bounding_box()["height"] <= 812


@pytest.mark.parametrize("width", [1280, 375])
def test_labels_and_meta_lines_share_the_one_small_step(seeded_server, page, width):
    """Eyebrows, the footer's headings, the map's sources and the meta lines: the one
    small step, 15 px at every width (labels are told apart by weight and capitals)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/")
    for selector in (".eyebrow", ".site-footer__heading", ".reach .map-credit", ".card__meta"):
        shown = page.locator(selector).first
        assert shown.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == 15, selector


LINK_LOOK_JS = """links => links.map(a => { const s = getComputedStyle(a);
  return [s.color, s.textDecorationLine, s.fontWeight, s.fontSize].join(" "); })"""


def test_links_come_in_four_kinds(seeded_server, page):
    """Links in text: the link colour, underlined, in their text's weight and size. Title
    links: the headings' colour, underlined. Onward links: the link colour, semibold, the
    body's size. On a dark band: white, underlined."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/")
    looks = {
        kind: set(page.locator(selector).evaluate_all(LINK_LOOK_JS))
        for kind, selector in {
            "text": ".testimonial__source a, .reach .map-credit a",
            "title": ".card__title a, .news-item__title a",
            "onward": "main .more a",
            "dark": ".site-footer a, .hero a:not(.button, .call-card a)",
        }.items()
    }
    assert looks["text"] == {"rgb(10, 85, 155) underline 400 15px"}, looks["text"]
    assert {look.rsplit(" ", 2)[0] for look in looks["title"]} == {"rgb(7, 47, 79) underline"}
    assert looks["onward"] == {"rgb(10, 85, 155) underline 600 19px"}, looks["onward"]
    assert {look.rsplit(" ", 1)[0] for look in looks["dark"]} == {
        "rgb(255, 255, 255) underline 400"
    }, looks["dark"]


TEXT_SIZES_JS = """() => { const sizes = new Set();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || e.closest('svg') || !e.getClientRects().length) continue;
    if (e.closest('.visually-hidden') || getComputedStyle(e).visibility === 'hidden') continue;
    sizes.add(parseFloat(getComputedStyle(e).fontSize)); }
  return [...sizes].sort((a, b) => a - b); }"""


@pytest.mark.parametrize("width", [1280, 375])
def test_pages_use_six_sizes_of_the_scale(seeded_server, page, width):
    """The type scale's six sizes per width, whole pixels, and no other (the maps' labels
    aside, drawn to the map's scale)."""
    page.set_viewport_size({"width": width, "height": 900})
    used = set()
    for path in (
        "/",
        "/programs/wego-shrdc-training-program/",
        "/programs/archive/",
        "/news/",
        "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
    ):
        page.goto(seeded_server.url + path)
        used |= set(page.evaluate(TEXT_SIZES_JS))
    scale = {1280: {15, 19, 24, 30, 37, 46}, 375: {15, 17, 20, 24, 29, 35}}[width]
    assert used <= scale, sorted(used - scale)


@pytest.mark.parametrize(("width", "screen", "screens"), [(1280, 800, 1), (375, 812, 1.25)])
def test_the_edition_page_opens_with_its_call(live_server, seed, page, width, screen, screens):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": screen})
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/")
    call = page.locator(".call")
    apply = call.get_by_role("link", name=APPLY).bounding_box()
    assert apply["y"] + apply["height"] <= screen * screens
    # Status and deadline come before the details; the calendar link is in the card, under
    # Apply and before the terms.
    text = call.inner_text()
    assert text.index("Deadline") < text.lower().index("who may apply")
    calendar = call.get_by_role("link", name=re.compile("^Add to calendar")).bounding_box()
    assert calendar["y"] > apply["y"]
    assert calendar["y"] < call.locator(".call__details").bounding_box()["y"]
    assert page.get_by_role("link", name=re.compile("^Add to calendar")).count() == 1
    if width < 640:
        # On a phone Apply takes the panel's width.
        head = call.locator(".call__head").bounding_box()
        assert apply["width"] == pytest.approx(head["width"], abs=1)
    # A summary short enough for a lede is the head's lede, over the call; a longer one
    # is under the card in body text, not the lede's larger size, which would outrank it.
    assert page.locator(".page-head .lede").inner_text() == (
        "A sample added to try the site out; it is not a real program."
    )
    assert page.locator(".main-intro").count() == 0
    edition = Edition.objects.get(slug="sample-edition")
    edition.summary = " ".join(["A longer account of the sample edition, told in words."] * 6)
    edition.save()
    # Another address, so the browser does not show the page it has kept.
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/?longer")
    assert page.locator(".page-head .lede").count() == 0
    summary = page.locator(".main-intro .prose").first
    assert summary.bounding_box()["y"] > call.bounding_box()["y"]
    assert summary.evaluate("e => getComputedStyle(e).fontSize") == page.locator("main").evaluate(
        "e => getComputedStyle(e).fontSize"
    )


BUTTON_LOOK = """e => { const s = getComputedStyle(e);
    return [s.color, s.backgroundColor, s.borderTopColor, s.borderTopWidth, s.fontWeight]; }"""


def test_there_is_one_primary_and_one_secondary_button(live_server, seed, page):
    """The primary (Apply, Send) is white on the accent's green; the secondary (a search's
    submit, on the search page's dark head and on a page not found alike, and the header's
    Search link) is the brand's blue on white in a blue frame."""
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 1280, "height": 800})
    demo = live_server.url + "/programs/sample-program-demo/sample-edition/"
    page.goto(demo)
    primary = [page.locator(".call").get_by_role("link", name=APPLY).evaluate(BUTTON_LOOK)]
    secondary = [page.locator(".site-header__search").evaluate(BUTTON_LOOK)]
    page.goto(demo + "apply/")
    primary.append(page.get_by_role("button", name="Send the application").evaluate(BUTTON_LOOK))
    for path in ("/search/?q=Jeju", "/no-such-page/"):
        page.goto(live_server.url + path)
        submit = page.locator("main").get_by_role("button", name="Search")
        secondary.append(submit.evaluate(BUTTON_LOOK))
    assert {tuple(look[1:3]) for look in primary} == {("rgb(13, 122, 106)",) * 2}, primary
    assert {look[0] for look in primary} == {"rgb(255, 255, 255)"}
    assert {tuple(look[:4]) for look in secondary} == {
        ("rgb(11, 74, 122)", "rgb(255, 255, 255)", "rgb(11, 74, 122)", "1px")
    }, secondary


def test_the_forms_first_field_is_in_a_phones_first_screen(live_server, seed, page):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/apply/")
    # A short heading, the program and the edition its subtitle line.
    heading = page.locator("h1")
    assert heading.locator(".page-head__subtitle").inner_text() == (
        "Sample program (not a real program): Edition with an open call"
    )
    assert page.locator("h1").evaluate("h => h.firstChild.textContent") == "Apply"
    field = page.locator(".application-form").locator("input:visible, select").first
    box = field.bounding_box()
    assert box["y"] + box["height"] <= 812, f"the first field ends at {box['y'] + box['height']}"


def test_the_forms_groups_are_numbered_steps_named_by_their_legends(live_server, seed, page):
    call_command("load_demo", verbosity=0)
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/apply/")
    legends = page.locator(".application-form legend")
    numbers = legends.evaluate_all("ls => ls.map(l => getComputedStyle(l, '::before').content)")
    assert numbers == ['counter(form-step) / ""'] * legends.count()
    drawn = legends.evaluate_all(
        "ls => ls.map(l => getComputedStyle(l, '::before').backgroundColor)"
    )
    assert len(set(drawn)) == 1 and drawn[0] != "rgba(0, 0, 0, 0)"
    # The drawn number is not part of a group's name.
    assert page.get_by_role("group", name="About you", exact=True).count() == 1


@pytest.mark.parametrize("width", [1280, 900, 375])
@pytest.mark.parametrize("places", [20, None])
def test_the_calls_terms_leave_no_empty_cell(live_server, seed, page, width, places):
    call_command("load_demo", verbosity=0)
    Call.objects.update(places=places)
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/")
    grid = page.locator(".call__details")
    right = grid.bounding_box()["x"] + grid.bounding_box()["width"]
    terms = grid.locator(":scope > div")
    boxes = [terms.nth(i).bounding_box() for i in range(terms.count())]
    rows = {}
    for box in boxes:
        rows.setdefault(round(box["y"]), []).append(box["x"] + box["width"])
    for row_ends in rows.values():
        assert max(row_ends) == pytest.approx(right, abs=1), (width, rows)


def test_the_body_text_is_in_the_sites_typeface(seeded_server, page):
    page.goto(seeded_server.url + "/")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"WeGO Sans"')
    # Once the fonts the page uses have loaded (swap shows the fallback until then).
    assert page.evaluate(
        "document.fonts.ready.then(() => document.fonts.check('400 1rem \"WeGO Sans\"'))"
    )
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family + ' ' + f.weight))"
    )
    assert '"WeGO Sans" 400' in loaded or "WeGO Sans 400" in loaded


def test_nothing_overflows_sideways_on_a_phone(live_server, seed, page):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 375, "height": 812})
    wide = {}
    demo = "/programs/sample-program-demo/sample-edition/"
    # What a visitor types, quoted back, wraps too: a web address, the longest query kept.
    searches = ["/search/?q=https://www.example.org/programs/smart-city-training/2018"]
    searches += ["/search/?q=" + "x" * 200, "/search/?q=-" + "y" * 150]
    # So does what an editor types: a title with a word longer than a phone's line, on
    # its own page, beside its neighbour's in the pager, and in the search's results.
    with as_one_change():
        long_word = "Hyperconnectedsmartcitygovernanceframework" * 2
        post = PostFactory(title=f"{long_word} announced", lede=f"About {long_word}.")
    searches += [f"/search/?q={long_word}"]
    for path in [*PAGES, demo, demo + "apply/", post.get_absolute_url(), *searches]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[path] = width
    assert not wide


def test_no_link_text_leads_to_two_places_and_none_is_a_date_alone(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    ambiguous, dates = {}, {}
    # Seoul: a table of one program's editions, each row's link its dates.
    for path in [*PAGES, "/cities/seoul/"]:
        page.goto(seeded_server.url + path)
        targets = {}
        for name, href in links_of(page):
            targets.setdefault(name.casefold(), set()).add(href)
            if DATE_ALONE.match(name):
                dates.setdefault(path, []).append(name)
        for name, hrefs in targets.items():
            if len(hrefs) > 1:
                ambiguous.setdefault(path, {})[name] = sorted(hrefs)
    assert not ambiguous, ambiguous
    assert not dates, dates


def test_edition_links_in_a_programs_table_carry_the_program_and_the_dates(seeded_server, page):
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/")
    edition = Edition.objects.get(slug="2011-09")
    link = page.locator(f'a[href="{edition.get_absolute_url()}"]')
    assert link.count() == 1
    name = {href: name for name, href in links_of(page)}[
        seeded_server.url + edition.get_absolute_url()
    ]
    assert name == "WeGO–SHRDC Training Program, 5–9 September 2011"


@pytest.mark.parametrize("query", ["", "Jeju", "qqxxzz"])
@pytest.mark.parametrize("width", [1280, 375])
def test_the_search_page_has_one_search_box_with_its_label_above(seeded_server, page, query, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{seeded_server.url}/search/?q={query}")
    boxes = page.get_by_role("searchbox")
    assert boxes.count() == 1
    # Both measured at once, once the typeface is in: a label that wraps onto a second
    # line when the font swaps in moves the field while the two are read apart.
    label_bottom, box_top = page.evaluate(
        "document.fonts.ready.then(() => ['label[for=search-q]', '#search-q']"
        ".map(s => document.querySelector(s).getBoundingClientRect()))"
        ".then(([label, box]) => [label.bottom, box.top])"
    )
    assert label_bottom <= box_top, "the label sits above its field"


@pytest.mark.parametrize("width", [1280, 375, 360, 320])
def test_the_header_is_the_same_on_every_page_and_short_on_a_phone(seeded_server, page, width):
    """One header everywhere: the five sections on one row at every width down to 320 px
    (no section alone on a second line), the page no wider than the screen, and on a
    phone every section and the Search link a 44 px tall target."""
    page.set_viewport_size({"width": width, "height": 812})
    shapes = {}
    for url in ["/", "/news/", "/search/?q=Jeju", "/search/", "/no-such-page/"]:
        page.goto(seeded_server.url + url)
        header = page.locator("header.site-header")
        links = header.get_by_role("link")
        shapes[url] = (
            header.bounding_box()["height"],
            tuple(
                (links.nth(i).inner_text(), links.nth(i).bounding_box()["x"])
                for i in range(links.count())
            ),
        )
        assert header.get_by_role("searchbox").count() == 0, url
        # The five sections on one row, at either width.
        menu = page.get_by_role("navigation", name="Main").get_by_role("link")
        boxes = [menu.nth(i).bounding_box() for i in range(menu.count())]
        assert len({round(box["y"]) for box in boxes}) == 1, boxes
        assert page.evaluate("document.documentElement.scrollWidth") == width, url
        if width < 1280:
            boxes.append(header.locator(".site-header__search").bounding_box())
            assert all(box["height"] >= 44 for box in boxes), boxes
            assert all(box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)
    assert len(set(shapes.values())) == 1, shapes
    height, links = shapes["/"]
    assert [name for name, _ in links][-1] == "Search"
    assert height <= (72 if width == 1280 else 100)


def test_a_word_found_is_marked_calmly_and_the_count_is_the_columns_width(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seeded_server.url + "/search/?q=webinar")
    titles = page.locator(".search-results h3 mark")
    snippets = page.locator(".search-snippet mark")
    assert titles.count() and snippets.count()
    # One mark in titles and snippets: a band of the accent's soft tint under the letters
    # (no box, no yellow, no weight of its own); the letters keep their own colour (the
    # link's --brand-deep, the text's ink: AA on the tint) and weight.
    look = (
        "e => [getComputedStyle(e).backgroundImage, getComputedStyle(e).backgroundColor,"
        " getComputedStyle(e).color, getComputedStyle(e).fontWeight]"
    )
    band = "linear-gradient(rgba(0, 0, 0, 0) 40%, rgb(223, 241, 237) 40%)"
    title_weight = page.locator(".search-results h3 a").first.evaluate(
        "e => getComputedStyle(e).fontWeight"
    )
    assert {tuple(m.evaluate(look)) for m in titles.all()} == {
        (band, "rgba(0, 0, 0, 0)", "rgb(7, 47, 79)", title_weight)
    }
    assert {tuple(m.evaluate(look)) for m in snippets.all()} == {
        (band, "rgba(0, 0, 0, 0)", "rgb(23, 33, 43)", "400")
    }
    # The count and the kinds: a panel the results' column's width, over the results.
    facets = page.locator(".search-facets").bounding_box()
    results = page.locator(".search-main").bounding_box()
    assert facets["width"] == pytest.approx(results["width"], abs=1), (facets, results)
    assert facets["y"] + facets["height"] <= results["y"]


@pytest.mark.parametrize("width", [375, 1280])
def test_a_kind_of_result_is_a_label_no_heavier_than_its_results(seeded_server, page, width):
    """A kind's heading ("Cities and organisations (1)") labels its results: about 20 px,
    never larger than a result's title, on one line beside them at 1280."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_server.url + "/search/?q=Jeju")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    headings = page.locator(".search-results > h2")
    assert headings.count() == 2
    title = page.locator(".search-results h3").first.evaluate(size)
    for heading in headings.all():
        assert 19 <= heading.evaluate(size) <= 20 and heading.evaluate(size) <= title
        if width == 1280:
            line = heading.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
            assert heading.bounding_box()["height"] <= line * 1.2, heading.inner_text()


def test_a_search_without_results_offers_ways_on(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seeded_server.url + "/search/?q=qqxxzz")
    # Said as a heading, what to try under it.
    heading = page.get_by_role("heading", name="No results for “qqxxzz”", level=2)
    assert heading.count() == 1 and heading.is_visible()
    hrefs = {href.removeprefix(seeded_server.url) for _, href in links_of(page)}
    main = page.locator("main")
    for program in [
        "WeGO–SHRDC Training Program",
        "Chengdu Smart City & e\u2011Government Training Program",  # a non-breaking hyphen
    ]:
        assert main.get_by_role("link", name=program).count() == 1
    assert main.get_by_role("link", name="18 cities awarded for their smart initiatives").count()
    assert "/news/tag/webinar/" in hrefs
    assert "/programs/archive/" in hrefs
    # Two groups side by side of about one length, not four columns of which one holds
    # a single link.
    groups = [group for group in main.locator(".ways-on > section").all() if group.is_visible()]
    assert len(groups) == 2
    heights = [group.bounding_box()["height"] for group in groups]
    assert min(heights) > 0.75 * max(heights)
    assert len({round(group.bounding_box()["y"]) for group in groups}) == 1
    # Its items are title links, as every list's of items: the headings' colour,
    # underlined, semibold; its tags stay tags.
    items = main.locator(".ways-on ul:not(.tag-list) > li > a").evaluate_all(LINK_LOOK_JS)
    assert {look.rsplit(" ", 1)[0] for look in items} == {"rgb(7, 47, 79) underline 600"}


def test_a_misspelt_search_suggests_a_word_the_site_holds(seeded_server, page):
    page.goto(seeded_server.url + "/search/?q=Jejy")
    # Capitalised as the query was.
    hint = page.get_by_role("link", name="Jeju", exact=True)
    assert hint.count() == 1
    hint.click()
    assert "result" in page.get_by_role("status").inner_text()
    assert page.get_by_role("heading", name=re.compile("Editions")).count() == 1


def test_main_menu_names_match_the_headings_they_lead_to(seeded_server, page):
    page.goto(seeded_server.url + "/")
    menu = page.get_by_role("navigation", name="Main").get_by_role("link")
    items = [
        (menu.nth(i).inner_text(), menu.nth(i).get_attribute("href")) for i in range(menu.count())
    ]
    assert len(items) == 5
    for name, href in items:
        page.goto(seeded_server.url + href)
        heading = page.locator("h1").inner_text()
        assert heading.casefold().startswith(name.casefold()), (name, heading)
        # The landing page's section for it carries the same name.
    page.goto(seeded_server.url + "/")
    landing_headings = page.locator("h2").all_inner_texts()
    for name in ["News", "Testimonials", "Programs"]:
        assert name in landing_headings


@pytest.mark.parametrize("width", [1280, 375])
def test_an_edition_page_gives_key_facts_and_contacts_before_long_lists(seeded_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(
        seeded_server.url + "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    )
    facts = page.get_by_role("heading", name="Key facts").bounding_box()
    contacts = page.get_by_role("heading", name="Contacts").bounding_box()
    participants = page.get_by_role(
        "heading", name="Participating cities and bodies"
    ).bounding_box()
    assert facts["y"] < participants["y"] and contacts["y"] < participants["y"]
    if width == 375:
        topics = page.get_by_role("heading", name="Topics", exact=True).bounding_box()
        assert contacts["y"] < topics["y"], "on a phone the facts panel comes first"


def test_no_smooth_scrolling_delays_focus(seeded_server, page):
    page.goto(seeded_server.url + "/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


def test_the_regional_kind_is_program_cards_with_a_line_under_them(seeded_server, page):
    """On the programs page the regional kind's program is the program card every kind's
    is (the same width and rule as the main program's), and an office with no program is
    one short line under the regional kind's introduction, not a card."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/programs/")
    chengdu = page.get_by_role("link", name=re.compile("^Chengdu Smart City"))
    card = chengdu.first.locator("xpath=ancestor::article[1]")
    assert "program-card" in card.get_attribute("class").split()
    assert page.locator(".office-card").count() == 0
    note = page.locator(".office-note")
    assert note.count() == 1
    box = note.bounding_box()
    intro = page.locator("#kind-regional .kind-section__intro").bounding_box()
    assert box["y"] >= intro["y"] + intro["height"], "under the introduction"
    assert box["x"] == pytest.approx(intro["x"], abs=1), "in the kind's column"
    assert box["height"] < 50, "one short line (two at most)"
    card_box = card.bounding_box()
    shrdc = page.locator(".program-card--main").bounding_box()
    assert card_box["width"] == pytest.approx(shrdc["width"], abs=1)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_regional_kinds_page_sets_its_offices_side_by_side(seeded_server, page, width):
    """The regional kind's page is its offices, peers of one weight: each a panel of one
    structure, its name, where it is, then "Programs", a label as a fact's, over a row
    between hairlines (Asia's program as a link row; Europe's "yet to be announced" with
    how to hear of them); side by side from 48rem, level and as tall as each other, one
    under the other on a phone. No card in a panel, no footnote beside them. From 56rem
    the kind tabs' words start on the page's left edge, as the panels do."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/kind/regional/")
    offices = page.locator(".office")
    assert offices.count() == 2
    asia, europe = offices.nth(0).bounding_box(), offices.nth(1).bounding_box()
    sections = page.locator(".page-sections").first.evaluate(
        "e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);"
        " return [r.x + parseFloat(s.paddingLeft), r.right - parseFloat(s.paddingRight)]; }"
    )
    assert asia["x"] == pytest.approx(sections[0], abs=1)
    assert page.locator(".office .card").count() == 0
    assert page.locator(".office-note").count() == 0
    look = """e => { const s = getComputedStyle(e);
        return [s.textTransform, s.fontWeight, s.color]; }"""
    rule = "e => getComputedStyle(e).borderTopStyle"
    fill = "e => getComputedStyle(e).backgroundColor"
    for i in range(2):
        label = offices.nth(i).locator(".office__label")
        assert label.evaluate(look) == ["uppercase", "700", "rgb(74, 86, 100)"], "a label"
        assert offices.nth(i).locator(".office__programs").evaluate(rule) == "solid"
    assert offices.nth(0).evaluate(fill) == offices.nth(1).evaluate(fill), "one panel"
    assert europe["width"] == pytest.approx(asia["width"], abs=1)
    if width >= 768:
        assert europe["x"] > asia["x"] + asia["width"], "beside the panel"
        assert europe["y"] == pytest.approx(asia["y"], abs=1), "level with its top"
        assert europe["height"] == pytest.approx(asia["height"], abs=1), "as tall"
        assert europe["x"] + europe["width"] == pytest.approx(sections[1], abs=1)
    else:
        assert europe["y"] >= asia["y"] + asia["height"], "under the panel"
    assert page.locator(".kind-section__head").count() == 0
    if width >= 896:
        first = page.get_by_role("navigation", name="Kinds of program").locator("a").first
        words = first.evaluate(
            "a => { const r = document.createRange(); r.selectNodeContents(a);"
            " return r.getBoundingClientRect().x; }"
        )
        assert words == pytest.approx(sections[0], abs=1), "the tabs' words on the edge"


def test_testimonial_year_chips_run_in_the_order_of_the_list(live_server, seed, page):
    """Newest first, as the testimonies, under the edition their participants took part
    in; the chips only once the testimonials take more than a page."""
    with as_one_change():
        for n in range(24):
            TestimonialFactory(person_name=f"Speaker {n}", year=2010)
    page.goto(live_server.url + "/testimonials/")
    sources = page.locator(".testimonial-group__heading").all_inner_texts()
    assert [source[-4:] for source in sources[:2]] == ["2013", "2011"]
    chips = page.get_by_role("navigation", name="Testimonials by year").get_by_role("link")
    assert chips.all_inner_texts() == ["2013", "2011", "2010"]


# The first baseline of an element: the foot of an empty inline block put at its start.
BASELINE_JS = """
el => { const mark = document.createElement('span'); mark.style.display = 'inline-block';
        el.prepend(mark); const y = mark.getBoundingClientRect().bottom; mark.remove();
        return y; }
"""


def baseline(row, selector):
    return row.locator(selector).first.evaluate(BASELINE_JS)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_testimonials_page_has_one_accent_rule_under_its_head(seeded_server, page, width):
    """The page head's accent band closes the head; the lists under it (and under each
    edition's heading) add no rule of their own (on the other pages the list's accent rule
    opens it under its heading)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/testimonials/")
    rule = "el => getComputedStyle(el).borderTopStyle"
    lists = page.locator(".testimonial-list")
    assert lists.count() == 2
    assert {item.evaluate(rule) for item in lists.all()} == {"none"}
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/")
    assert page.locator(".testimonial-list").evaluate(rule) == "solid"


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/testimonials/", 4),
        ("/", 2),
        ("/programs/wego-shrdc-training-program/", 2),
        ("/programs/wego-shrdc-training-program/2013-06/", 3),
    ],
)
@pytest.mark.parametrize("width", [1280, 800])
def test_the_testimonials_are_a_list_of_rows_without_holes(seeded_server, page, path, count, width):
    """The testimonials page, the landing page's, a program's and an edition's
    testimonials are one list: a row per
    testimony, each byline a column beside its quote (to its left), the name on the
    quote's first line, every row as tall as its longer part (no hole under a short
    quote), the quotes one column of one width, in the body's size; on the testimonials
    page, where they are the page, a step larger, each over its byline (no void beside a
    short byline), one column under the heading of their edition, from 64rem beside it
    (no grid of quotes whose columns end unevenly)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    assert page.locator(".testimonial-grid").count() == 0
    rows = page.locator(".testimonial-list > .testimonial")
    assert rows.count() == count
    size = "el => getComputedStyle(el).fontSize"
    body = page.locator("body").evaluate(size)
    step_1 = page.evaluate(
        "() => { const p = document.createElement('p'); p.style.fontSize = 'var(--step-1)';"
        " document.body.append(p); const s = getComputedStyle(p).fontSize; p.remove();"
        " return s; }"
    )
    quotes, tops = set(), []
    for j in range(rows.count()):
        row = rows.nth(j)
        box = row.bounding_box()
        words = row.locator(".testimonial__words").bounding_box()
        by = row.locator(".testimonial__by").bounding_box()
        if path == "/testimonials/":
            # Where the quotes are the page: each over its byline, one column.
            assert by["y"] >= words["y"] + words["height"] - 1 and by["x"] == words["x"]
        else:
            assert by["x"] + by["width"] <= words["x"], "the byline beside the quote, at its left"
            assert (
                abs(baseline(row, ".testimonial__name") - baseline(row, ".testimonial__quote p"))
                <= 1
            )
        padding = row.evaluate("el => parseFloat(getComputedStyle(el).paddingBottom)")
        bottom = max(words["y"] + words["height"], by["y"] + by["height"])
        assert box["y"] + box["height"] - bottom <= padding + 2, (j, "no hole under it")
        quotes.add((round(words["x"]), round(words["width"])))
        tops.append(box["y"])
        quote = row.locator(".testimonial__quote").evaluate(size)
        if path == "/testimonials/":
            assert float(quote[:-2]) > float(body[:-2]) and quote == step_1
        else:
            assert quote == body
    if path == "/testimonials/":
        # Each edition's heading over its quotes, from 64rem at their left, level with
        # the first; one column of quotes, in the list's order.
        groups = page.locator(".testimonial-group")
        assert groups.count() == 2
        for group in groups.all():
            head = group.locator(".testimonial-group__head").bounding_box()
            first = group.locator(".testimonial__words").first.bounding_box()
            if width >= 1024:
                assert head["x"] + head["width"] < first["x"], "the heading at the left"
                assert abs(head["y"] - first["y"]) < 24, "level with the first quote"
            else:
                assert head["y"] + head["height"] <= first["y"], "the heading over them"
    assert len(quotes) == 1
    assert tops == sorted(tops), "one under the other, in the list's order"


@pytest.mark.parametrize(
    "path",
    [
        "/testimonials/",
        "/",
        "/programs/wego-shrdc-training-program/2013-06/",
        "/cities/bucharest/",
    ],
)
@pytest.mark.parametrize("width", [1280, 375])
def test_a_testimonials_byline_has_presence(seeded_server, page, path, width):
    """One byline wherever testimonials are shown: the name a line of its own in the
    body's size, semibold; who the person is (role, organisation, city) in the small step,
    never smaller; the link to the edition, where shown, a link in that step's text (its
    weight, not semibold: the onward links are the semibold ones)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    style = "el => [getComputedStyle(el).fontSize, getComputedStyle(el).fontWeight]"
    step = page.evaluate(
        "s => { const p = document.createElement('p'); p.style.fontSize = s;"
        " document.body.append(p); const v = getComputedStyle(p).fontSize; p.remove();"
        " return v; }",
        "var(--step--1)",
    )
    body = page.locator("body").evaluate("el => getComputedStyle(el).fontSize")
    bylines = page.locator(".testimonial-list > .testimonial:visible .testimonial__by")
    assert bylines.count() >= 1
    for j in range(bylines.count()):
        by = bylines.nth(j)
        name = by.locator(".testimonial__name")
        assert name.evaluate(style) == [body, "600"]
        who = by.locator(".testimonial__role, .testimonial__org, .testimonial__city")
        assert who.count() >= 1
        for k in range(who.count()):
            assert who.nth(k).evaluate(style)[0] == step
            # On a line of its own under the name.
            assert (
                who.nth(k).bounding_box()["y"]
                >= name.bounding_box()["y"] + name.bounding_box()["height"] - 1
            )
        source = by.locator(".testimonial__source a")
        if source.count():
            assert source.evaluate(style) == [step, "400"]


@pytest.mark.parametrize("width", [1280, 375])
def test_a_programs_editions_come_before_its_key_facts_and_the_rest_spans_the_page(
    seeded_server, page, width
):
    """On a phone the editions, the program's record, are not pushed to the second screen
    by its Key facts: they come first, the facts after them; from 56rem the facts (and
    how to take part under them) are the column beside them, and what follows (the
    testimonials) runs across the page under both, so no empty column is left below the
    rail."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/")
    editions = page.locator("#editions-heading").bounding_box()
    facts = page.locator("#facts-heading").bounding_box()
    if width < 896:
        assert editions["y"] < facts["y"]
        assert editions["y"] < 812
    else:
        assert facts["x"] > editions["x"] + editions["width"]
        rail = page.locator(".with-aside > .side-col").bounding_box()
        rest = page.locator(".with-aside > .main-col").bounding_box()
        assert rest["y"] >= rail["y"] + rail["height"]
        assert rest["x"] + rest["width"] >= rail["x"] + rail["width"] - 1
        quotes = page.locator(".testimonial-list").bounding_box()
        assert quotes["x"] + quotes["width"] >= rail["x"] + rail["width"] - 1


@pytest.mark.parametrize("width", [1280, 375])
def test_testimonials_have_one_layout_and_both_quotation_marks(seeded_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/testimonials/")
    cards = page.locator(".testimonial")
    assert cards.count() == 4
    for i in range(cards.count()):
        card = cards.nth(i)
        quote = card.locator(".testimonial__quote").bounding_box()
        by = card.locator(".testimonial__by").bounding_box()
        # The attribution is beneath its quote at every width, on the column's edge (the
        # quote's opening mark hangs in the margin before it).
        assert by["y"] >= quote["y"] + quote["height"] - 1
        assert by["x"] == pytest.approx(quote["x"], abs=1)
        if width == 1280:
            # The page's width, its edition's heading at the left of the quotes.
            column = page.locator(".testimonial-group").first.bounding_box()
            page_width = page.evaluate("document.documentElement.clientWidth")
            assert column["x"] == pytest.approx(page_width - column["x"] - column["width"], abs=2)
        # The name heads the byline: no comma before what follows it.
        assert not card.locator(".testimonial__by").inner_text().lstrip().startswith(",")
        assert ", ," not in card.locator(".testimonial__by").inner_text()
        marks = card.locator(".testimonial__quote p").evaluate_all(
            """ps => ps.map(p => [getComputedStyle(p, '::before').content,
                                  getComputedStyle(p, '::after').content])"""
        )
        assert marks[0][0] == '"“"' and marks[-1][1] == '"”"', marks


# The widths of a grid's cards, and the grid's.
CARD_WIDTHS_JS = """
grid => [
  [...grid.children].map(c => c.getBoundingClientRect().width),
  grid.getBoundingClientRect().width,
]
"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/news/", 10),
        ("/news/tag/covid-19/", 3),
        ("/news/tag/wego-awards/", 1),
        ("/news/tag/webinar/", 5),
    ],
)
def test_news_lists_lead_with_the_newest_post_then_rows(seeded_server, page, path, count, width):
    """The first page of all the news leads with its newest post, the largest: its title
    a step larger than any other post's, from 48rem its day too and its lede in the
    lede's larger type; then the rest as rows of one shape. A tag's page, a selection, is
    its rows alone. A row: on a phone its date just above the title, the lede under it,
    the tags a clear step (12 px) under the lede; from 48rem the date a dateline at the
    row's left (the day in large tabular figures), level with the title, the text filling
    the row; the lede at the body's size and measure, no fill."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    body = page.locator("body").evaluate(size)
    lead = page.locator(".news-list--lead > .news-item")
    rows = page.locator(".news-list:not(.news-list--lead) > .news-item")
    assert page.locator(".news-list--cards").count() == 0, "one shape after the lead"
    if "/tag/" in path:
        assert lead.count() == 0 and rows.count() == count, "a tag's rows alone"
    else:
        assert lead.count() == 1 and "news-item--featured" in lead.get_attribute("class")
        assert rows.count() == count - 1
        # In the list's order: the newest first, then the rows.
        items = page.locator(".news-list > .news-item")
        order = [items.nth(i).bounding_box()["y"] for i in range(items.count())]
        assert order == sorted(order)
        lead_title = lead.locator(".news-item__title").evaluate(size)
        others = [item.locator(".news-item__title").evaluate(size) for item in rows.all()]
        assert all(lead_title > other for other in others), "the newest post's title largest"
        lede = lead.locator(".news-item__lede").evaluate(size)
        if width == 1280:
            assert lede > body, "from 48rem the lead's lede in the lede's larger type"
            days = [item.locator(".news-item__day").evaluate(size) for item in rows.all()]
            assert all(lead.locator(".news-item__day").evaluate(size) > day for day in days)
        else:
            assert lede == body
    title_xs, date_xs = set(), set()
    for row in rows.all():
        row_box = row.bounding_box()
        date = row.locator(".news-item__date").bounding_box()
        title = row.locator(".news-item__title")
        lede = row.locator(".news-item__lede")
        title_box, lede_box = title.bounding_box(), lede.bounding_box()
        if width == 1280:
            assert date["x"] + date["width"] < title_box["x"], "the date at the row's left"
            assert abs(date["y"] - title_box["y"]) < 4, "level with the title"
            day = row.locator(".news-item__day")
            assert day.evaluate(size) > body
            assert day.evaluate("e => getComputedStyle(e).fontVariantNumeric") == "tabular-nums"
            text = row.locator(".news-item__text").bounding_box()
            assert text["x"] + text["width"] >= row_box["x"] + 0.85 * row_box["width"]
        else:
            assert date["y"] + date["height"] <= title_box["y"] + 1, "the date over the title"
            assert title_box["y"] - (date["y"] + date["height"]) < 12, "just above it"
            assert abs(date["x"] - title_box["x"]) < 1
        assert abs(lede_box["x"] - title_box["x"]) < 1
        tags = row.locator(".news-item__tags")
        if tags.count():
            box = tags.bounding_box()
            assert box["y"] >= lede_box["y"] + lede_box["height"] + 12, "a step under the lede"
            assert abs(box["x"] - title_box["x"]) < 1
        assert lede.evaluate(size) == body, "a row's lede in the body's size"
        assert title.evaluate(size) > lede.evaluate(size)
        assert title.evaluate("e => getComputedStyle(e).textWrap") == "pretty"
        assert lede_box["width"] <= 66 * body * 0.6, "the lede at the measure"
        assert row.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
        title_xs.add(round(title_box["x"]))
        date_xs.add(round(date["x"]))
    assert len(title_xs) <= 1 and len(date_xs) <= 1, "the rows' dates and titles in line"
    row_titles = {row.locator(".news-item__title").evaluate(size) for row in rows.all()}
    assert len(row_titles) <= 1, "the rows alike"
    # The lead's date and title in line with the rows'.
    if rows.count() and lead.count():
        assert round(lead.locator(".news-item__title").bounding_box()["x"]) in title_xs


@pytest.mark.parametrize("width", [1280, 375])
def test_a_news_years_heading_has_one_rule_the_same_on_every_list(seeded_server, page, width):
    """The rule under a year's heading is the heading's own, the same on all the news
    (where the featured post follows it) and on a tag's page (where a row does): the only
    rule between the year and its first title."""
    page.set_viewport_size({"width": width, "height": 900})
    rules = set()
    for path in ["/news/", "/news/tag/webinar/"]:
        page.goto(seeded_server.url + path)
        heading = page.locator(".news-year__heading").first
        rule = heading.evaluate(
            "e => { const s = getComputedStyle(e);"
            " return [s.borderBottomStyle, s.borderBottomWidth, s.borderBottomColor] }"
        )
        assert rule[0] == "solid", path
        rules.add(tuple(rule))
        after = heading.evaluate(
            "e => { let n = e.nextElementSibling; const seen = [];"
            " while (n && !n.querySelector('.news-item__title')) n = n.nextElementSibling;"
            " for (let m = n; m; m = m.querySelector('.news-list, .news-item')) {"
            "   seen.push(getComputedStyle(m).borderTopWidth);"
            "   if (m.classList.contains('news-item')) break; }"
            " return seen }"
        )
        assert after and all(top == "0px" for top in after), (path, after)
    assert len(rules) == 1, rules


@pytest.mark.parametrize("width", [1280, 375])
def test_tags_are_one_quiet_line_of_links_wherever_they_are_listed(seeded_server, page, width):
    """A post's tags are small links in a line, apart by a dot, not pills: no frame, no
    fill, each at least 24 px tall, in the site's small step (15 px: never smaller); the
    same on the news list (its filter's topics of one post each too), a post's facts, its
    more news and a search without results."""
    page.set_viewport_size({"width": width, "height": 900})
    look = (
        "e => { const s = getComputedStyle(e); return [s.fontSize, s.fontWeight, s.color,"
        " s.borderTopStyle, s.backgroundColor] }"
    )
    looks = set()
    for path in ["/news/", POST_PAGE, "/search/?q=qqxxzz"]:
        page.goto(seeded_server.url + path)
        fold = page.locator("details.news-filter > summary")
        if fold.count() and fold.is_visible():
            fold.click()  # a phone's folded filter, opened
        tags = page.locator(".tag-list .tag")
        assert tags.count(), path
        for tag in tags.all():
            looks.add(tuple(tag.evaluate(look)))
            assert tag.bounding_box()["height"] >= 24, path
    assert len(looks) == 1, looks
    font_size, *_, border, fill = looks.pop()
    assert font_size == "15px"
    assert border == "none" and fill == "rgba(0, 0, 0, 0)"


# Each tag of every tag list on the page: whether it starts a line, where its dot's glyph
# is drawn (the middle of its ::before, which is the tag's li's first box), the list's
# clipped left edge, the end of the tag before it on the same line, and any ::after.
TAG_DOTS_JS = """
() => [...document.querySelectorAll('.tag-list')].filter(l => l.offsetParent).flatMap(list => {
  const box = list.getBoundingClientRect();
  const clip = getComputedStyle(list).clipPath;
  let before = null;
  return [...list.children].map(li => {
    const tag = li.querySelector('.tag').getBoundingClientRect();
    const dot = parseFloat(getComputedStyle(li, '::before').width) || 0;
    const prev = before && Math.abs(before.top - tag.top) < 2 ? before.right : null;
    before = tag;
    return {
      starts: tag.left - box.left < 1, dot: li.getBoundingClientRect().left + dot / 2,
      left: box.left, clip, prev, tag: tag.left,
      after: getComputedStyle(li, '::after').content,
    };
  });
})
"""


@pytest.mark.parametrize("path", ["/search/?q=Jejy", "/news/"])
def test_a_wrapped_tag_list_never_leaves_a_dot_at_a_line_end_or_start(seeded_server, page, path):
    """The dot between two tags is drawn before the second, in the gap after the first on
    the same line; a tag that starts a line has its dot outside the list's clipped left
    edge (the clip leaves a focused tag its ring), and nothing follows a line's last tag."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + path)
    tags = page.evaluate(TAG_DOTS_JS)
    if path.startswith("/search/"):
        lists = len(page.locator(".tag-list:visible").all())
        assert sum(t["starts"] for t in tags) > lists, "the tags by topic wrap"
    for t in tags:
        assert t["after"] == "none", "no dot after a tag"
        if t["starts"]:
            assert t["clip"].startswith("inset(") and t["dot"] < t["left"] - 7, t
        else:
            assert t["prev"] is not None and t["prev"] < t["dot"] < t["tag"], t


@pytest.mark.parametrize("path", ["/news/", "/news/tag/webinar/"])
def test_the_news_topics_fold_above_the_list_on_a_phone_and_stand_beside_it_wide(
    seeded_server, page, path
):
    """On a phone the topics and feeds are folded above the list ("Filter by topic (11)";
    on a tag's page "Topic: Webinar", the topic shown), so
    the first post's title (under its year's heading) ends in the first screen's upper three
    quarters; they open with no script. From
    64rem they are a column at the right of the list, shown whole, the current topic
    marked."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + path)
    fold = page.locator("details.news-filter")
    topics = fold.locator(".topic-list").first
    assert not topics.is_visible()
    named = "Topic: Webinar" if "/tag/" in path else "Filter by topic (11)"
    assert " ".join(fold.locator("summary").inner_text().split()) == named
    title = page.locator(".news-item__title").first.bounding_box()
    assert title["y"] + title["height"] <= 0.75 * 812
    fold.locator("summary").click()
    assert topics.is_visible()
    assert topics.evaluate("e => e.scrollWidth <= e.clientWidth")
    # Folded, its summary is a control: the secondary button's frame, a chevron after the
    # words that turns when it opens, no disclosure triangle.
    summary = fold.locator("summary")
    frame = "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.borderTopColor] }"
    search = page.locator(".site-header__search")
    assert summary.evaluate(frame) == search.evaluate(frame)
    assert summary.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    chevron = "e => getComputedStyle(e, '::after').transform"
    opened = summary.evaluate(chevron)
    fold.locator("summary").click()
    assert opened != "none" and summary.evaluate(chevron) not in ("none", opened)
    assert summary.bounding_box()["height"] >= 24
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + path)
    assert not fold.locator("summary").is_visible()
    assert topics.is_visible()
    listed = page.locator(".news-layout__list").bounding_box()
    side = fold.bounding_box()
    assert side["x"] >= listed["x"] + listed["width"]
    assert abs(side["y"] - listed["y"]) < 2, "level with the list"
    current = topics.locator("[aria-current=page]")
    assert current.count() == 1
    assert current.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    # The topics at the body's size, a step above the filter's headings and feeds.
    body = page.locator("body").evaluate("e => getComputedStyle(e).fontSize")
    for link in topics.locator("a").all():
        assert link.evaluate("e => getComputedStyle(e).fontSize") == body


@pytest.mark.parametrize("width", [1280, 800])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/programs/",
        "/programs/kind/main/",
    ],
)
def test_no_card_stretches_across_the_page(seeded_server, page, path, width):
    """Cards keep their column's width whatever their number: a lone card on a row sits
    beside empty columns, never stretched across the page. On the programs pages Taking
    part is a band under every kind, so no column is left empty."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    grids = page.locator(".card-grid")
    assert grids.count()
    for i in range(grids.count()):
        cards, grid = grids.nth(i).evaluate(CARD_WIDTHS_JS)
        # A kind's cards on its own page are rows of their column.
        in_rows = grids.nth(i).evaluate("g => !!g.closest('.kind-section')")
        for card in cards:
            assert card == pytest.approx(cards[0], abs=1), (path, i, cards)
            if in_rows:
                assert card < width * 0.65, (path, i, card, width)
            else:
                assert card < grid / 2 + 1, (path, i, card, grid)
    if width >= 1024 and path.startswith("/programs/"):
        band = page.locator(".taking-part").bounding_box()
        last = page.locator(".kind-section, .offices").last.bounding_box()
        assert band["y"] >= last["y"] + last["height"], "under every kind, not beside"
        assert band["width"] >= width - 20, "a band the window's width"


PROGRAM_CARDS_JS = """() => [...document.querySelectorAll('.card-grid--programs .program-card')]
  .map(card => { const box = card.getBoundingClientRect(), meta = card.querySelector('.card__meta');
    return {top: box.top, bottom: box.bottom, left: box.left, width: box.width,
            meta: meta.getBoundingClientRect().top,
            eyebrow: card.querySelector('.eyebrow').innerText}; })"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_programs_page_is_a_grid_of_program_cards_then_the_kinds(seeded_server, page, width):
    """The programs page opens with the landing page's grid of program cards: two abreast
    from 48rem (one column on a phone), each its kind as its eyebrow, the cards of a row
    starting and ending level, their meta lines aligned. Under the grid, "Kinds of
    program": a row each, its heading a title link (no arrow, smaller than the section's
    heading), from 56rem beside its text (its introduction, then its programs by name),
    on a phone over it; no kind a bare heading."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/")
    cards = page.evaluate(PROGRAM_CARDS_JS)
    assert len(cards) == 4
    assert [card["eyebrow"].upper() for card in cards] == [
        "MAIN TRAINING PROGRAM",
        "REGIONAL OFFICE PROGRAM\u00a0·\u00a0CHENGDU",
        "PARTNERS’ PROGRAM",
        "JOINT WORKSHOP",
    ]
    lefts = {round(card["left"]) for card in cards}
    if width >= 768:
        assert len(lefts) == 2, "two abreast"
        for first, second in (cards[0:2], cards[2:4]):
            assert first["top"] == second["top"] and first["bottom"] == second["bottom"]
            assert first["meta"] == pytest.approx(second["meta"], abs=1), "meta lines level"
    else:
        assert len(lefts) == 1, "one column"
    kinds = page.locator(".kinds")
    grid_bottom = max(card["bottom"] for card in cards)
    assert kinds.bounding_box()["y"] > grid_bottom, "the kinds under the cards"
    headings = kinds.locator(".kind-section__heading")
    assert headings.count() == 4
    arrow = "e => getComputedStyle(e, '::after').content"
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    section_size = kinds.locator("#kinds-heading").evaluate(size)
    for i in range(4):
        link = headings.nth(i).locator("a")
        assert link.evaluate(arrow) in ("none", "normal"), "no arrow"
        assert headings.nth(i).evaluate(size) < section_size
    lefts = {round(headings.nth(i).bounding_box()["x"]) for i in range(4)}
    assert len(lefts) == 1, "the headings one column"
    for i in range(4):
        heading = headings.nth(i).bounding_box()
        programs = kinds.locator(".kind-section__programs").nth(i)
        assert programs.get_by_role("link").count() >= 1, "the kind's programs named"
        text = kinds.locator(".kind-section__body").nth(i).bounding_box()
        if width >= 896:
            assert text["x"] > heading["x"] + heading["width"], "beside its heading"
            assert text["y"] == pytest.approx(heading["y"], abs=12), "level with it"
        else:
            assert text["y"] >= heading["y"] + heading["height"], "under its heading"


def test_the_landing_programs_are_two_abreast_without_the_sample(live_server, seed, page):
    """At 1280 px the four program cards are two rows of two, their titles on two lines
    at most; the sample program is reached by its open call in the hero, not listed."""
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    grid = page.locator(".card-grid--programs")
    cards = grid.locator(".program-card")
    assert cards.count() == 4
    lefts = sorted({round(cards.nth(i).bounding_box()["x"]) for i in range(4)})
    assert len(lefts) == 2
    for i in range(4):
        title = cards.nth(i).locator(".card__title")
        lines = title.evaluate(
            "t => t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight)"
        )
        assert lines < 2.5, (title.inner_text(), lines)
    assert "Sample program" not in grid.inner_text()
    assert page.locator(".hero").get_by_role("link", name="Apply").count() == 1


LANDING_CARDS_JS = """() => [...document.querySelectorAll('.card-grid--programs .program-card')]
  .map(card => {
    const box = card.getBoundingClientRect(), meta = card.querySelector('.card__meta');
    const text = card.querySelector('.card__text');
    const above = [...card.children].filter(e => e !== meta);
    const bottom = Math.max(...above.map(e => e.getBoundingClientRect().bottom));
    return {height: box.height, blank: meta.getBoundingClientRect().top - bottom,
            text: text ? parseFloat(getComputedStyle(text).fontSize) : 0}; })"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_landing_program_cards_are_never_half_empty(seeded_server, page, width):
    """Each of the landing page's program cards has a line of its own between its title
    and its meta line, so no card is a title over a blank band: what is left blank above
    the meta line is under a third of the card. On a phone the line is in the meta
    lines' size, so the stack stays short."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/")
    cards = page.evaluate(LANDING_CARDS_JS)
    assert len(cards) == 4
    for card in cards:
        assert card["text"], card
        assert card["blank"] < card["height"] / 3, card
        assert card["text"] == (15 if width < 768 else 19), card


def test_the_landing_on_a_phone_says_each_thing_once_and_briefly(seeded_server, page):
    """On a phone the landing page is an overview: the programs as their cards in short
    (kind, title, one sentence, meta line), the newest testimonial alone (the others a
    link away), while from 48rem the testimonials' row shows two."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + "/")
    cards = page.locator(".card-grid--programs .program-card")
    assert cards.count() == 4
    assert page.locator(".card-grid--programs .program-card--teaser").count() == 4
    quotes = page.locator(".testimonial-list > .testimonial")
    assert [quotes.nth(i).is_visible() for i in range(quotes.count())] == [True, False]
    assert page.get_by_role("link", name="All testimonials").is_visible()
    page.set_viewport_size({"width": 800, "height": 900})
    assert [quotes.nth(i).is_visible() for i in range(quotes.count())] == [True, True]


def test_the_participants_are_a_compact_list_of_underlined_links(seeded_server, page):
    """Jeju 2018's 18 participants: a line or two per country on a phone (not a wall of
    about 1,000 px), the country a bold label and only the places links (not some 35
    underlined links), underlined as every link in running text, one comma and space
    between two places. The four figures above are two even rows of two."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(
        seeded_server.url + "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    )
    places = page.locator(".by-country")
    assert places.bounding_box()["height"] < 700
    link = places.get_by_role("link", name="Accra")
    style = "el => getComputedStyle(el).textDecorationLine"
    assert link.evaluate(style) == "underline"
    russia = places.locator(".by-country__group", has_text="Russia").locator("dd")
    after = "el => getComputedStyle(el, '::after').content"
    assert [russia.nth(i).evaluate(after) for i in range(3)] == ['", "', '", "', "none"]
    assert places.locator("dt a").count() == 0
    assert places.locator("dt").first.evaluate("el => getComputedStyle(el).fontWeight") == "700"
    assert (
        places.get_by_role("link").count()
        == places.locator("dd").count() - places.locator("dd:not(:has(a))").count()
    )
    figures = page.locator(".main-intro .figures .figure")
    boxes = [figures.nth(i).bounding_box() for i in range(4)]
    assert len({round(box["y"]) for box in boxes}) == 2
    assert len({round(box["height"]) for box in boxes}) == 1


@pytest.mark.parametrize("width", [1280, 375])
def test_a_documented_editions_later_sections_run_across_the_page(seeded_server, page, width):
    """Jeju 2018: from 56rem its Key facts stand beside its text and topics, and the
    sections after them (site visits, who took part, the ways on) run across the page
    under both, so no column stands empty for a thousand pixels below the facts; the
    site visits' columns under the topics' own. On a phone the facts come before the
    topics."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(
        seeded_server.url + "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    )
    facts = page.locator(".with-aside > .side-col").bounding_box()
    topics = page.locator("#topics-heading").bounding_box()
    visits = page.locator("#visits-heading").bounding_box()
    places = page.locator(".by-country").bounding_box()
    if width < 896:
        assert facts["y"] + facts["height"] <= topics["y"], "the facts first on a phone"
        return
    assert topics["y"] < facts["y"] + facts["height"], "the topics beside the facts"
    assert visits["y"] >= facts["y"] + facts["height"], "the rest under the facts"
    sections = page.locator(".page-sections.with-aside").bounding_box()
    assert places["width"] > facts["x"] - sections["x"], "across the page"
    assert places["x"] + places["width"] > facts["x"] + facts["width"] / 2
    topic_columns = page.locator("#topics-heading ~ ul li").evaluate_all(
        "ls => [...new Set(ls.map(l => Math.round(l.getBoundingClientRect().x)))]"
    )
    visit_columns = page.locator("#visits-heading ~ ul li").evaluate_all(
        "ls => [...new Set(ls.map(l => Math.round(l.getBoundingClientRect().x)))]"
    )
    assert len(topic_columns) == 2 and visit_columns == topic_columns


def test_the_facts_column_stays_in_view_on_a_tall_screen_only(live_server, seed, page):
    """The application form's call in brief, beside the long form; a documented edition's
    Key facts stand beside its text and topics only, the rest of the page under both
    (`test_a_documented_editions_later_sections_run_across_the_page`)."""
    call_command("load_demo", verbosity=0)
    path = "/programs/sample-program-demo/sample-edition/apply/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    # Down the page, still within the text the column is beside (other programs follow it).
    page.evaluate(
        "const g = document.querySelector('.with-aside').getBoundingClientRect();"
        "window.scrollTo(0, scrollY + g.top + g.height * 0.6)"
    )
    side = page.locator(".with-aside > .side-col")
    assert side.evaluate("el => getComputedStyle(el).position") == "sticky"
    box = side.bounding_box()
    assert 0 <= box["y"] < 900, "scrolled down the page, the column is still on screen"
    # On a short screen the column scrolls with the page: nothing of it hidden.
    page.set_viewport_size({"width": 1280, "height": 600})
    assert side.evaluate("el => getComputedStyle(el).position") == "static"
    page.set_viewport_size({"width": 375, "height": 900})
    assert side.evaluate("el => getComputedStyle(el).position") == "static"


@pytest.mark.parametrize("width", [1280, 375])
def test_an_edition_known_by_its_dates_has_the_documented_editions_shape(
    seeded_server, page, width
):
    """One edition layout whether its record is rich or thin: the compact edition's text
    (its program's sentence, its program's timeline, how to take part in one line) at the left
    on the page's edge, its Key facts in the rail at the right where the documented
    edition (Jeju 2018) has them; on a phone the text first, the Key facts after."""
    page.set_viewport_size({"width": width, "height": 900})
    boxes = {}
    for name, path in [
        ("thin", "/programs/wego-shrdc-training-program/2016-05/"),
        ("rich", "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"),
    ]:
        page.goto(seeded_server.url + path)
        boxes[name] = (
            page.locator(".with-aside > .main-intro").bounding_box(),
            page.locator(".with-aside > .side-col").bounding_box(),
        )
    (text, rail), (_, rich_rail) = boxes["thin"], boxes["rich"]
    assert text["x"] == pytest.approx(page.locator("h1").bounding_box()["x"], abs=1)
    assert rail["x"] == pytest.approx(rich_rail["x"], abs=1)
    assert rail["width"] == pytest.approx(rich_rail["width"], abs=1)
    if width >= 1024:
        assert rail["x"] >= text["x"] + text["width"], "beside the text"
        assert rail["y"] == pytest.approx(rich_rail["y"], abs=2) == pytest.approx(text["y"], abs=2)
    else:
        assert rail["y"] >= text["y"] + text["height"], "after the text"
    assert page.locator("main .archive-table").count() == 0
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/2016-05/")
    # The calendar file among the Key facts, at their size, not under the text.
    assert page.locator(".side-col a[type='text/calendar']").count() == 1
    assert page.locator(".main-intro a[type='text/calendar']").count() == 0
    timeline = page.locator(".edition-timeline").bounding_box()
    sentence = page.locator(".edition-brief__program").bounding_box()
    assert timeline["x"] == sentence["x"]
    note = page.locator(".edition-brief__take-part")
    line = float(note.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    if width >= 1024:
        assert note.bounding_box()["height"] <= line * 1.5, "one line"
        # The text is no thinner than the Key facts beside it.
        text = page.locator(".with-aside > .main-intro").bounding_box()
        rail = page.locator(".with-aside > .side-col").bounding_box()
        assert text["y"] + text["height"] >= rail["y"] + rail["height"]
    assert note.bounding_box()["y"] > timeline["y"] + timeline["height"]


@pytest.mark.parametrize("width", [1280, 375])
def test_an_editions_timeline_marks_it_on_one_line_of_dots(seeded_server, page, width):
    """The compact edition's timeline: a row per edition of its program, each a dot on one
    line, the year then the dates on the row's first line; this edition's dot larger and
    filled in the accent, its dates semibold with "This edition" after them, a framed
    pill held to its dates (where the line has room, else under them), not a link."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/2016-05/")
    rows = page.locator(".edition-timeline__item")
    assert rows.count() == 8
    dot = "(e, p) => getComputedStyle(e, '::after')[p]"
    line = "(e, p) => getComputedStyle(e, '::before')[p]"
    current = page.locator(".edition-timeline__item--current")
    assert current.locator("a").count() == 0
    assert current.evaluate(dot, "backgroundColor") == "rgb(13, 122, 106)"  # --accent
    assert rows.first.evaluate(dot, "backgroundColor") == "rgb(255, 255, 255)"
    assert float(current.evaluate(dot, "width")[:-2]) > float(
        rows.first.evaluate(dot, "width")[:-2]
    )
    assert (
        current.locator(".edition-timeline__dates").evaluate("e => getComputedStyle(e).fontWeight")
        == "600"
    )
    here = current.locator(".edition-timeline__here")
    when = current.locator(".edition-timeline__dates").bounding_box()
    pill = here.bounding_box()
    assert here.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid", "a pill"
    if width >= 1024:
        gap = pill["x"] - (when["x"] + when["width"])
        assert 0 < gap < 20, "held to its dates"
        assert pill["y"] < when["y"] + when["height"], "on the dates' line"
    else:
        assert (
            pill["x"] == pytest.approx(when["x"], abs=1)
            or 0 < pill["x"] - (when["x"] + when["width"]) < 20
        )
    lefts = set()
    for i in range(rows.count()):
        row = rows.nth(i)
        year = row.locator(".edition-timeline__year").bounding_box()
        dates = row.locator(".edition-timeline__dates").bounding_box()
        assert abs(year["y"] - dates["y"]) < 4 and dates["x"] > year["x"] + year["width"]
        lefts.add(round(dates["x"]))
        assert row.evaluate(line, "width") == "2px"
    assert len(lefts) == 1, "the dates in one column"


@pytest.mark.parametrize("width", [1280, 375])
def test_how_to_take_part_is_the_rails_second_panel_beside_a_programs_editions(
    seeded_server, page, width
):
    """Without an open call a program's rail is its Key facts, then how to take part, a
    panel of the same width and look under them, so the column beside the editions ends
    near where they end (no half-empty page at 1280 px); on a phone the facts then how to
    take part after the editions, before the testimonials."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/")
    facts = page.locator(".with-aside > .side-col").bounding_box()
    take_part = page.locator(".with-aside > .take-part--rail")
    panel = take_part.bounding_box()
    editions = page.locator(".with-aside > .main-intro").bounding_box()
    quotes = page.locator("#testimonials-heading").bounding_box()
    assert panel["x"] == pytest.approx(facts["x"], abs=1)
    assert panel["width"] == pytest.approx(facts["width"], abs=1)
    assert facts["y"] + facts["height"] < panel["y"] < facts["y"] + facts["height"] + 40
    assert quotes["y"] > panel["y"] + panel["height"]
    style = "(e, p) => getComputedStyle(e)[p]"
    side = page.locator(".with-aside > .side-col")
    for prop in ("backgroundColor", "borderTopColor", "borderTopWidth"):
        assert take_part.evaluate(style, prop) == side.evaluate(style, prop), prop
    # The page's call to action is set at the body's size, not as fine print.
    size = "e => getComputedStyle(e).fontSize"
    assert take_part.locator("p").first.evaluate(size) == page.locator("body").evaluate(size)
    if width >= 1024:
        assert panel["x"] > editions["x"] + editions["width"], "beside the editions"
        rail_end = panel["y"] + panel["height"]
        # The rail may end a little below the editions, never far from them.
        assert abs(rail_end - (editions["y"] + editions["height"])) < 240, (
            "the columns end near each other"
        )
    else:
        assert facts["y"] > editions["y"] + editions["height"]


def test_a_countrys_places_are_a_list_beside_its_editions(seeded_server, page):
    """A country's page: its editions in the opening, its places a list in the rail
    beside them (one a line, no tiles), and "Also at this edition" under both: a sentence
    and a link to the edition's list, not the list again."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/countries/ph/")
    editions = page.locator("#editions-heading").bounding_box()
    rail = page.locator(".with-aside > .side-col").bounding_box()
    assert rail["x"] > editions["x"] + editions["width"] and rail["y"] < editions["y"] + 40
    places = page.locator(".side-col .place-list li")
    boxes = [places.nth(i).bounding_box() for i in range(places.count())]
    assert len(boxes) == 2 and boxes[0]["x"] == boxes[1]["x"]
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"]
    assert places.first.evaluate("e => getComputedStyle(e).backgroundColor") in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    also = page.locator(".also-at")
    box = also.bounding_box()
    assert box["y"] >= rail["y"] + rail["height"]
    assert also.locator(".by-country").count() == 0
    assert box["height"] < 300, "a sentence and a link"


def test_on_a_phone_a_places_rail_follows_who_else_took_part(seeded_server, page):
    """The rail's facts restate the editions' rows: on a phone it comes after the page's
    lists, not between the editions and who else took part."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + "/cities/baguio/")
    editions = page.locator(".with-aside > .main-intro").bounding_box()
    also = page.locator(".also-at").bounding_box()
    rail = page.locator(".side-stack").bounding_box()
    assert editions["y"] < also["y"] < rail["y"]


def test_a_programs_editions_table_fills_its_column(seeded_server, page):
    """No void beside a program's table at 1280: its dates take what the year and the
    length leave."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/")
    column = page.locator(".with-aside > .main-intro").bounding_box()
    table = page.locator(".archive-table").bounding_box()
    assert table["width"] >= column["width"] - 1


@pytest.mark.parametrize("path", ["/cities/baguio/", "/cities/jeju/", "/cities/seoul/"])
def test_a_places_rail_stands_beside_its_whole_page(seeded_server, page, path):
    """A place's rail is its Key facts, then how to take part next (a panel of the same
    width and look under them), beside the whole page from 56rem: who else took part runs
    on under the editions in the first column (counted, with a link to the edition's
    list), so the two columns end near each other and neither stands empty beside the
    other."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + path)
    editions = page.locator(".with-aside > .main-intro").bounding_box()
    facts = page.locator(".side-stack > .side-col").bounding_box()
    take_part = page.locator(".side-stack > .take-part--rail")
    panel = take_part.bounding_box()
    assert facts["x"] > editions["x"] + editions["width"] and facts["y"] < editions["y"] + 40
    assert panel["x"] == pytest.approx(facts["x"], abs=1)
    assert panel["width"] == pytest.approx(facts["width"], abs=1)
    assert facts["y"] + facts["height"] < panel["y"] < facts["y"] + facts["height"] + 40
    style = "(e, p) => getComputedStyle(e)[p]"
    side = page.locator(".side-stack > .side-col")
    for prop in ("backgroundColor", "borderTopColor", "borderTopWidth"):
        assert take_part.evaluate(style, prop) == side.evaluate(style, prop), prop
    rest = page.locator(".with-aside > .main-col").bounding_box()
    assert rest["x"] + rest["width"] < facts["x"], "the first column, beside the rail"
    assert rest["y"] < editions["y"] + editions["height"] + 80, "under the editions, not the rail"
    rail_end = panel["y"] + panel["height"]
    page_end = rest["y"] + rest["height"]
    assert abs(rail_end - page_end) < 320, (rail_end, page_end)
    # Who else took part is counted and linked, not listed: the page is about its place.
    also = page.locator(".also-at")
    if also.count():
        assert also.locator(".by-country").count() == 0
        assert also.bounding_box()["height"] < 300


@pytest.mark.parametrize("width", [375, 1280])
def test_the_archives_rows_are_led_by_their_dates(seeded_server, page, width):
    """From 48rem the archive is a table (year, dates with the program and what the
    edition records under them, venue, length); on a phone its rows stack, the venue and
    length beside the dates, the program under them. Every row is led by its dates, the
    row's one link to the edition, a title link; its program a quiet line under them,
    smaller and muted, never a link: the eye runs down the dates, not down one program's
    name repeated. A program's rows say which of its editions each is."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/archive/")
    table = page.locator(".archive-table")
    rows = table.locator("tbody tr")
    assert rows.count() == 9
    assert all(rows.nth(i).locator("a").count() == 1 for i in range(9))
    assert table.locator("th.archive-table__dates > a").count() == 9
    programs = table.locator(".archive-table__program").all_inner_texts()
    assert len(programs) == 9 and all(programs), programs
    assert sum(line.endswith("Edition 7 of 8") for line in programs) == 1
    assert table.locator(".archive-table__program a").count() == 0
    # Nothing clipped: every cell's text within the table and the window.
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.archive-table th, .archive-table td')]"
        ".map(c => c.getBoundingClientRect().right))"
    )
    assert right <= width
    row = rows.filter(has_text="July 2018")
    link = row.locator("th.archive-table__dates > a")
    program = row.locator(".archive-table__program")
    shown = "a => [...a.childNodes].filter(n => !n.classList?.contains('visually-hidden'))"
    assert link.evaluate(shown + ".map(n => n.textContent).join('')") == "9–12 July 2018"
    assert row.locator(".archive-table__venue").text_content() == "Jeju Island, Korea"
    dates, under = link.bounding_box(), program.bounding_box()
    assert under["y"] >= dates["y"] + dates["height"] - 1, "the program under the dates"
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert program.evaluate(size) < link.evaluate(size)
    style = "(el, p) => getComputedStyle(el)[p]"
    assert program.evaluate(style, "color") != link.evaluate(style, "color")
    if width == 375:
        assert (
            not table.locator("thead").is_visible()
            or table.locator("thead").bounding_box()["height"] <= 1
        )
        # The venue and length beside the dates, a dot before each, one space's worth
        # either side of it; their cells kept for screen readers, out of view.
        where = row.locator(".archive-table__where")
        assert where.get_attribute("aria-hidden") == "true"
        assert where.inner_text().replace("\n", " ") == "Jeju Island, Korea 4 days"
        assert abs(where.bounding_box()["y"] - dates["y"]) < dates["height"] / 2
        assert row.locator(".archive-table__venue").bounding_box()["width"] <= 1
        length = where.locator("span").last
        dot = length.evaluate("el => parseFloat(getComputedStyle(el, '::before').marginRight)")
        gap = where.evaluate("el => parseFloat(getComputedStyle(el).columnGap)")
        assert abs(dot - gap) < 1.5, (dot, gap)
        assert length.evaluate("el => getComputedStyle(el, '::before').content") == '"·"'
    else:
        assert table.locator("thead").is_visible()
        assert not row.locator(".archive-table__where").is_visible()
        venue = row.locator(".archive-table__venue").bounding_box()
        assert abs(venue["y"] - dates["y"]) < dates["height"] and venue["x"] > under["x"]
        # The dates, the row's name, in the body's size, as the venue beside them.
        assert link.evaluate(size) == row.locator(".archive-table__venue").evaluate(size)
    # The link is a title link: the headings' colour, semibold, a thin quiet underline at
    # rest (not colour alone), the link's full underline on hover.
    look = (
        "el => { const s = getComputedStyle(el); return [s.color, s.fontWeight,"
        " s.textDecorationLine, s.textDecorationColor, s.textDecorationThickness] }"
    )
    at_rest = link.evaluate(look)
    assert at_rest[:3] == ["rgb(7, 47, 79)", "600", "underline"] and at_rest[4] == "1px"
    assert at_rest[3] != at_rest[0], "a quieter underline than the words"
    link.hover()
    hovered = link.evaluate(look)
    assert hovered[2] == "underline" and hovered[3] == hovered[0] and hovered[4] == "2px"


# The right edge of the page's content: its sections' box within their gutters.
CONTENT_RIGHT_JS = """() => { const e = document.querySelector('.page-sections');
  return e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight); }"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_archives_links_by_program_stand_beside_its_rows(seeded_server, page, width):
    """At 1280 the archive's rows keep a reading width, the links by program a panel in
    the column beside them, as a program's and a place's pages have their Key facts; on
    a phone the links come before the rows, not a panel."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/archive/")
    table = page.locator(".archive-table").bounding_box()
    rail = page.locator("nav.by-program")
    links = rail.get_by_role("link")
    assert links.count() == 2
    assert rail.inner_text().count("8 editions, 2011–2017") == 1
    box = rail.bounding_box()
    if width == 1280:
        assert box["x"] > table["x"] + table["width"], "beside the rows"
        assert box["x"] + box["width"] == pytest.approx(page.evaluate(CONTENT_RIGHT_JS), abs=2)
        assert abs(box["y"] - table["y"]) < 60, "level with the rows"
        assert 640 <= table["width"] <= 56 * 16, "a reading width, not the page's"
        assert rail.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    else:
        assert box["y"] + box["height"] <= table["y"], "before the rows"
        assert rail.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/programs/archive/2012/", "/programs/archive/2018/"])
def test_a_years_rows_stand_beside_its_key_facts(seeded_server, page, path, width):
    """At 1280 a year's page is two columns, as a program's: its rows, its programs'
    links and its pager in the first, one width, its Key facts beside them, level with
    the rows, so a year of one or two editions leaves no void beside a short table. On a
    phone the lede says what the facts would: the rows, the links and the pager alone."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    table = page.locator(".archive-table").bounding_box()
    pager = page.locator(".pager").bounding_box()
    facts = page.locator(".year-facts")
    assert pager["y"] > table["y"] + table["height"]
    assert pager["width"] == pytest.approx(table["width"], abs=1), "one column"
    if width == 1280:
        box = facts.bounding_box()
        assert box["x"] > table["x"] + table["width"]
        assert box["x"] + box["width"] == pytest.approx(page.evaluate(CONTENT_RIGHT_JS), abs=2)
        assert abs(box["y"] - table["y"]) < 40
        assert table["width"] >= 640, "the column's width, not a narrow table"
        assert facts.get_by_role("heading", name="Key facts").is_visible()
        text = facts.inner_text()
        assert "TRAINING" in text.upper() and "VENUE" in text.upper()
    else:
        assert not facts.is_visible()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    "path",
    [
        "/programs/wego-shrdc-training-program/",
        "/cities/seoul/",
        "/countries/ph/",
    ],
)
def test_every_list_of_editions_is_the_archives_table(seeded_server, page, path, width):
    """A program's, a place's and a country's editions are the archive's
    table: from 48rem its columns side by side; on a phone a place's and a country's rows
    are the archive's compact stacks (no header row shown, the row's name first), a
    program's own table a table of three short columns."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    assert page.locator(".edition-table, .edition-row").count() == 0
    table = page.locator(".archive-table")
    assert table.count() == 1
    row = table.locator("tbody tr").first
    # The year among them: Seoul's rows, all one program's held in Seoul, are the year
    # and the dates alone.
    cells = row.locator("th, td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert len(boxes) >= 2
    tops = {round(box["y"]) for box in boxes}
    if width == 375 and "--fit" in table.get_attribute("class"):
        # A program's own table stays a table of three short columns, a row a line.
        assert table.locator("thead").is_visible()
        assert max(tops) - min(tops) < boxes[0]["height"], "side by side"
    elif width == 375:
        assert table.locator("thead").bounding_box()["height"] <= 1
        # The year, where there is one, a narrow column beside the row's name.
        name = row.locator("th.archive-table__dates").bounding_box()
        assert all(box["y"] >= name["y"] - 1 for box in boxes), "the row's name first"
    else:
        assert table.locator("thead").is_visible()
        assert max(tops) - min(tops) < boxes[0]["height"], "side by side"
        lefts = [box["x"] for box in boxes]
        assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts)


# Each row of the editions' table: its height, and the boxes of its parts shown (a part
# out of view, as a cell kept for screen readers only, is none).
EDITION_ROWS_JS = """() => [...document.querySelectorAll('.archive-table tbody tr')].map(r => {
  // The box of an element's text (not of its cell, whose padding differs).
  const box = s => { const e = r.querySelector(s);
    if (!e || !e.checkVisibility() || e.getBoundingClientRect().width <= 1) return null;
    const range = document.createRange(); range.selectNodeContents(e);
    const b = range.getBoundingClientRect();
    return b.width > 1 ? {top: b.top, height: b.height} : null; };
  return {height: r.getBoundingClientRect().height, year: box('.archive-table__year'),
          name: box('th.archive-table__dates > a'), where: box('.archive-table__where'),
          venue: box('.archive-table__venue'), length: box('.archive-table__length'),
          program: box('.archive-table__program'), facts: box('.archive-table__took-part')};
})"""


@pytest.mark.parametrize(
    ("path", "most"),
    [
        ("/programs/archive/", 100),
        ("/programs/archive/2012/", 60),
        ("/programs/wego-shrdc-training-program/", 75),
        ("/cities/baguio/", 100),
        ("/countries/ph/", 100),
        ("/countries/kr/", 100),
        ("/cities/seoul/", 60),
    ],
)
def test_on_a_phone_an_editions_row_is_compact(seeded_server, page, path, most):
    """At 375 px a row of the editions' table is a compact row, every fact kept: the year a
    narrow column beside the row's name, its dates (never a line of its own), the venue
    and length on the dates' line where they fit, the program a line under them (most
    rows of the archive two lines); a table of one program's editions its dates, which edition and length on
    one line; a program's own table a real table, a row a line (two where its year label
    needs them). A row recording what took part may take that line more."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") == 375
    rows = page.evaluate(EDITION_ROWS_JS)
    assert rows
    for row in rows:
        limit = most + (50 if row["facts"] else 0)
        assert row["height"] <= limit, (path, row)
        if row["year"]:
            assert abs(row["year"]["top"] - row["name"]["top"]) < 4, ("year beside", row)
        line = [row[part] for part in ("name", "venue", "length") if row[part]]
        tops = [part["top"] for part in line]
        half = row["name"]["height"] / 2
        assert max(tops) - min(tops) < half, ("dates, venue, length one line", row)
        if row["program"]:
            assert row["program"]["top"] > row["name"]["top"] + half, ("the program under", row)
        if row["where"]:
            # Beside the dates, or where they leave it no room, the line under them.
            top, name = row["where"]["top"], row["name"]["top"]
            under = name + half < top < (row["program"] or {"top": top + 1})["top"]
            assert abs(top - name) < half or under, ("venue and length after the dates", row)
    if path in ("/programs/archive/", "/countries/kr/"):
        # Two lines a row; three where long dates leave the venue no room beside them.
        assert sum(row["height"] <= 80 for row in rows) >= 7, "two lines a row"
    if path == "/programs/wego-shrdc-training-program/":
        table = page.locator(".archive-table")
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        assert table.locator("thead").is_visible(), "its column heads shown"
        assert sum(row["height"] <= 48 for row in rows) >= 7, "a row a line"


POST_PAGE = "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/"


# Each block's name: its label, a colon for screen readers (in Chromium's tree "Older : …",
# the colon being out of the flow, as GOV.UK's pagination has it), then its title.
ONWARD = [
    (POST_PAGE, "Older and newer posts", r"^Older ?: WeGO supports", r"^Newer ?: WeGO holds"),
]


@pytest.mark.parametrize("width", [1280, 800, 375])
@pytest.mark.parametrize(("path", "name", "earlier_name", "later_name"), ONWARD)
def test_the_onward_pager_is_two_blocks_under_the_text_side_by_side_from_48rem(
    seeded_server, page, width, path, name, earlier_name, later_name
):
    """Under a post's text the onward pager: the item before and after as two
    equal blocks between rules, each wholly a link, a small muted label over the title in
    the headings' face; from 48rem side by side, the earlier at the left, on a phone the
    earlier above; the way
    to them all under it. Pointed at, a block's top rule turns brand blue and its title is
    underlined."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    pager = page.get_by_role("navigation", name=name)
    earlier = pager.get_by_role("link", name=re.compile(earlier_name))
    later = pager.get_by_role("link", name=re.compile(later_name))
    rows = pager.locator(".pager__list")
    style = "(e, p) => getComputedStyle(e)[p]"
    assert rows.evaluate(style, "borderTopStyle") == rows.evaluate(style, "borderBottomStyle")
    assert rows.evaluate(style, "borderTopStyle") == "solid"
    body = page.locator("body").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    for link in (earlier, later):
        item = link.locator("xpath=..").bounding_box()
        box = link.bounding_box()
        assert box["width"] == pytest.approx(item["width"], abs=1), "the whole block a link"
        assert box["height"] >= 48, "a block, not a line of small print"
        label, title = link.locator(".pager__label"), link.locator(".pager__title")
        assert float(label.evaluate(style, "fontSize").rstrip("px")) < body
        assert float(title.evaluate(style, "fontSize").rstrip("px")) == body
        assert title.evaluate(style, "fontWeight") == "700"
        assert (
            label.bounding_box()["y"] + label.bounding_box()["height"] <= title.bounding_box()["y"]
        )
        assert link.evaluate(style, "textDecorationLine") == "none"
    a, b = earlier.bounding_box(), later.bounding_box()
    text = page.locator(".post__text").bounding_box()
    assert min(a["y"], b["y"]) >= text["y"] + text["height"], "under the text"
    if width >= 800:
        assert a["x"] < b["x"] and abs(a["y"] - b["y"]) < 1
        assert a["width"] == pytest.approx(b["width"], abs=2), "two equal blocks"
        line = later.locator(".pager__title").evaluate(style, "textAlign")
        assert line == "end", "the later's words to the right edge"
    else:
        assert abs(a["x"] - b["x"]) < 1 and b["y"] >= a["y"] + a["height"]
    assert pager.locator(".more a").bounding_box()["y"] > max(
        a["y"] + a["height"], b["y"] + b["height"]
    )
    later.hover()
    assert "inset" in later.evaluate(style, "boxShadow")
    assert later.locator(".pager__title").evaluate(style, "textDecorationLine") == "underline"


BRIEFS = [
    POST_PAGE,  # three topics and two organisations
    "/news/2020/18-cities-awarded-for-their-smart-initiatives/",  # one topic, no newer post
    "/news/2020/wego-holds-first-webinar-on-covid-19-best-practice/",  # three topics
]


# The box of each part of a brief, in reading order.
BRIEF_PARTS = {
    "head": ".post__head h1",
    "date": ".post__when",
    "lede": ".post__text",
    "facts": ".post__about",
    "pager": ".post__brief > .pager",
}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", BRIEFS)
def test_a_brief_is_one_column_its_facts_a_quiet_block_under_its_lede(
    seeded_server, page, path, width
):
    """A brief (a post that is its lede alone) is one unit at the reading width, on the
    page rather than in a band: the title and the date, the lede in the larger type, then
    what else there is to know (where it was filed, its topics, what it names) as a quiet
    block — no fill, a hairline over it, its labels beside their values from 30rem, above
    them on a phone, in the small step — which the pager's rule closes; every part on one
    left edge, no column beside it; then the posts to read next as three text cards of one
    height on a band, close under them."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + path)
    boxes = {name: page.locator(selector).bounding_box() for name, selector in BRIEF_PARTS.items()}
    left = boxes["head"]["x"]
    bottom = 0
    for name, box in boxes.items():
        assert abs(box["x"] - left) < 1, f"{name} on the column's left edge"
        assert box["y"] >= bottom - 1, f"{name} under the part before it"
        assert box["x"] + box["width"] <= left + 46 * 16 + 1, f"{name} at the reading width"
        bottom = box["y"] + box["height"]
    if width == 1280:
        assert boxes["lede"]["width"] >= 600, "a reading column, not a sliver"
    head = page.locator(".post__head")
    assert head.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    body = page.locator("body").evaluate(size)
    assert page.locator(".post__text .lede").evaluate(size) > body
    facts = page.locator(".post__about")
    look = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderTopWidth] }"
    assert facts.evaluate(look) == ["rgba(0, 0, 0, 0)", "1px"], "no panel: a hairline over it"
    assert facts.get_by_role("heading", name="About this post", level=2).count() == 1
    assert facts.locator("dt", has_text="Filed in").count() == 1
    assert facts.get_by_role("link", name="Seoul").get_attribute("href") == "/cities/seoul/"
    for row in facts.locator(".post__facts-line > div").all():
        label, value = row.locator("dt").bounding_box(), row.locator("dd").bounding_box()
        assert row.locator("dt").evaluate(size) == row.locator("dd").evaluate(size) == 15
        if width == 1280:
            assert label["x"] + label["width"] <= value["x"], "the label beside its value"
            assert abs(label["y"] - value["y"]) < 6
        else:
            assert label["y"] + label["height"] <= value["y"] + 1, "the label over its value"
    values = [dd.bounding_box()["x"] for dd in facts.locator("dd").all()]
    assert max(values) - min(values) < 1, "the values in one column"
    pager = boxes["pager"]
    assert abs(pager["y"] - (boxes["facts"]["y"] + boxes["facts"]["height"])) < 1
    band = page.locator(".post__more").bounding_box()
    assert 0 <= band["y"] - (pager["y"] + pager["height"]) <= 80, "no wide gap before the band"
    cards = page.locator(".post__more .news-item")
    assert cards.count() == 3
    card_boxes = [card.bounding_box() for card in cards.all()]
    border = cards.first.evaluate("e => getComputedStyle(e).borderLeftStyle")
    assert border == "solid", "text cards, framed"
    if width == 1280:
        assert len({round(b["y"]) for b in card_boxes}) == 1, "three abreast"
        assert len({round(b["height"]) for b in card_boxes}) == 1, "of one height"
    else:
        assert len({round(b["x"]) for b in card_boxes}) == 1, "one above the other"


@pytest.mark.parametrize("width", [1280, 375])
def test_a_post_with_a_body_has_its_key_facts_panel_beside_its_text(live_server, seed, page, width):
    """A post with a body keeps the compact page head and its facts in the Key facts panel
    a program's page has (its fill and brand rule), "About this post" its visible heading:
    at 1280 the right column, level with the text, the posts either side under the text; on
    a phone after the text, before them."""
    with as_one_change():
        post = PostFactory(
            dateline="SEOUL",
            body="A second paragraph of the story.\n\nAnd a third.",
            tags=["webinar", "partnership"],
        )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/programs/wego-shrdc-training-program/")
    look = (
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderTopWidth,"
        " s.borderTopColor] }"
    )
    key_facts = page.locator(".side-col").first.evaluate(look)
    page.goto(live_server.url + post.get_absolute_url())
    assert page.locator(".page-head.post__head").count() == 1
    text = page.locator(".post__text").bounding_box()
    facts = page.locator(".post__facts")
    box = facts.bounding_box()
    pager = page.locator(".pager").bounding_box()
    assert facts.evaluate(look) == key_facts, "the Key facts panel"
    assert facts.get_by_role("heading", name="About this post", level=2).is_visible()
    assert pager["y"] >= text["y"] + text["height"], "the posts either side under the text"
    assert abs(pager["x"] - text["x"]) < 1
    if width == 1280:
        assert box["x"] >= text["x"] + text["width"], "the panel in the right column"
        assert abs(box["y"] - text["y"]) < 24, "level with the text"
    else:
        assert box["y"] >= text["y"] + text["height"], "the panel after the text"
        assert box["y"] + box["height"] <= pager["y"], "before the posts either side"


@pytest.mark.parametrize("width", [1280, 375])
def test_a_briefs_head_is_on_the_page_and_its_dateline_reads_as_one(seeded_server, page, width):
    """A brief's head is on the page, not a band: the trail's band above it closes with
    the page head's accent rule; its title a step under the news page's, its lines
    balanced, no globe (a post is about what it tells, not where it was written); the
    title, the date and the lede end in a phone's first screen. The dateline opening the
    text ("Seoul –") is the lede's own text in semibold (no small capitals, no
    letter-spacing), then a spaced en dash."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/news/")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    list_h1 = page.locator("h1").evaluate(size)
    band = "e => getComputedStyle(e).borderImageSource"
    accent = page.locator(".page-head").evaluate(band)
    page.goto(seeded_server.url + "/news/2020/18-cities-awarded-for-their-smart-initiatives/")
    assert page.locator(".page-head").count() == 0
    assert page.locator(".breadcrumbs").evaluate(band) == accent
    head = page.locator(".post__head")
    assert head.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    h1 = head.locator("h1")
    assert h1.evaluate(size) < list_h1
    assert h1.evaluate("e => getComputedStyle(e).textWrap") == "balance"
    assert page.locator(".page-head__map").count() == 0
    text = page.locator(".post__text")
    if width < 768:
        box = text.bounding_box()
        assert box["y"] + box["height"] <= 812, "the unit in a phone's first screen"
    dateline = text.locator(".lede .dateline")
    assert dateline.inner_text().strip() == "Seoul"
    look = (
        "e => { const s = getComputedStyle(e); return [s.fontVariantCaps, s.fontWeight,"
        " s.letterSpacing, s.fontSize, s.color] }"
    )
    lede = text.locator(".lede").evaluate(look)
    assert dateline.evaluate(look) == ["normal", "600", "normal", lede[3], lede[4]]
    after = dateline.evaluate("e => e.nextSibling.textContent.slice(0, 3)")
    assert after == " \u2013 ", "a spaced en dash after it"


# The size at which each name shown on the maps of a page is drawn, in CSS pixels.
MAP_LABEL_PX_JS = """
() => [...document.querySelectorAll('svg.world-map text, .map-inset text')]
  .filter(t => t.getBoundingClientRect().height > 0)
  .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)
"""


def test_the_landing_shows_the_cities_pages_phone_map_on_a_phone(seeded_server, page):
    """On a phone the landing page shows /cities/'s phone map (the part of the world with
    most places, every place named, 12 px or more) with its legend, /cities/'s inset of
    the Americas under it, and the link to /cities/; from 48rem the world, naming at 1280 px the same places as /cities/."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(seeded_server.url + "/")
    shown = page.locator(".reach__map .world-map >> visible=true")
    assert shown.count() == 1 and "world-map--phone" in shown.get_attribute("class")
    box = shown.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.locator(".reach__map .map-legend").is_visible()
    assert (
        page.locator(".reach")
        .get_by_role("link", name="Every city and organisation that took part")
        .is_visible()
    )
    sizes = page.evaluate(MAP_LABEL_PX_JS)
    assert len(sizes) >= 14 and min(sizes) >= 12
    # The places the phone's map leaves out are /cities/'s inset under it, named; not
    # the crowded spots, which the legend sends to /cities/.
    inset = page.locator(".reach__map .map-inset")
    assert inset.count() == 1 and inset.is_visible()
    assert inset.locator("figcaption").inner_text() == "The Americas"
    assert {"Mexico City", "Castries"} <= set(inset.locator("text").all_text_contents())
    legend = page.locator(".reach__map .map-legend").bounding_box()
    assert inset.bounding_box()["y"] >= legend["y"] + legend["height"]
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".reach__map .world-map:not(.world-map--phone)").is_visible()
    assert not inset.is_visible(), "the world shows the Americas itself"
    sizes = page.evaluate(MAP_LABEL_PX_JS)
    assert len(sizes) >= 3 and min(sizes) >= 12
    landing = set(page.evaluate(SHOWN_MAP_NAMES_JS))
    page.goto(seeded_server.url + "/cities/")
    assert landing == set(page.evaluate(SHOWN_MAP_NAMES_JS))
    assert {"Bucharest", "Chandigarh"} <= landing


@pytest.mark.parametrize("width", [360, 375])
def test_the_landings_lone_inset_takes_its_row_on_a_phone(seeded_server, page, width):
    """On a phone /cities/'s enlarged spots are two abreast; the landing page's one (the
    Americas) is not left at half the row's width beside an empty half: it takes the row,
    its caption beside its map, which stays wide enough for its 12 px names."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_server.url + "/")
    row = page.locator(".reach__map .map-insets").bounding_box()
    inset = page.locator(".reach__map .map-inset")
    figure = inset.bounding_box()
    drawing = inset.locator("svg").bounding_box()
    caption = inset.locator("figcaption").bounding_box()
    assert figure["width"] == pytest.approx(row["width"], abs=1), "the row's width"
    assert caption["x"] >= drawing["x"] + drawing["width"], "its caption beside its map"
    assert caption["y"] < drawing["y"] + drawing["height"]
    assert drawing["width"] >= 156
    assert caption["x"] + caption["width"] <= row["x"] + row["width"] + 1


# The names shown on a page's world map (not the enlarged spots).
SHOWN_MAP_NAMES_JS = """
() => [...document.querySelectorAll('svg.world-map text')]
  .filter(t => t.getBoundingClientRect().height > 0).map(t => t.textContent)
"""


def test_the_tables_of_places_use_the_pages_width(seeded_server, page):
    """At 1280 px the hosts' table stands beside the enlarged spots, to the page's right
    edge; the places by country are two tables side by side under them and one caption,
    cut at a country, their columns one width, ending near each other (not one table of
    22 rows beside an empty third of the page). A year stays near its place. On a phone
    the two are one under the other at the screen's width and read as one: the second's
    column headings are not drawn again."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    hosts = page.locator(".places__hosts table")
    tables = page.locator(".places__table table")
    assert tables.count() == 2
    first, second = (tables.nth(i).bounding_box() for i in range(2))
    frame = hosts.bounding_box()
    spots = page.locator(".places__spots .map-insets").bounding_box()
    assert frame["x"] > spots["x"] + spots["width"] and abs(frame["y"] - spots["y"]) < 60
    assert first["y"] > frame["y"] + frame["height"]
    assert abs(first["x"] - spots["x"]) < 1 and abs(first["y"] - second["y"]) < 1
    assert second["x"] >= first["x"] + first["width"] + 16
    assert abs(second["x"] + second["width"] - (frame["x"] + frame["width"])) < 1
    assert abs(first["width"] - second["width"]) < 1, "one width"
    assert abs(first["height"] - second["height"]) < 200, "the columns end near each other"
    for kind in ("Country", "Place", "Years"):
        heads = [
            tables.nth(i).get_by_role("columnheader", name=kind).bounding_box() for i in range(2)
        ]
        assert abs(heads[0]["x"] - first["x"] - (heads[1]["x"] - second["x"])) < 1, kind
        assert abs(heads[0]["width"] - heads[1]["width"]) < 1, kind
    caption = page.locator(".places__caption").bounding_box()
    assert caption["y"] + caption["height"] <= first["y"] + 1
    countries = page.locator(".places__table .data-table__group").all_inner_texts()
    assert countries == sorted(countries) and len(countries) == 17
    # The years near their places: the widest place's name ends within 400 px of them.
    widest = max(
        cell.evaluate(
            "th => { const r = document.createRange(); r.selectNodeContents(th);"
            " return Math.max(...[...r.getClientRects()].map(b => b.right)); }"
        )
        for cell in page.locator(".places__table tbody th[scope=row]").all()
    )
    years = tables.nth(0).get_by_role("columnheader", name="Years").bounding_box()
    assert years["x"] + years["width"] - widest <= 400
    page.set_viewport_size({"width": 375, "height": 812})
    frame = hosts.bounding_box()
    first, second = (tables.nth(i).bounding_box() for i in range(2))
    for box in (first, second):
        assert abs(box["width"] - frame["width"]) < 1, "on a phone the screen's width"
    assert abs(second["y"] - (first["y"] + first["height"])) <= 2, "one under the other"
    assert tables.nth(1).locator("thead").bounding_box()["height"] <= 1
    place = [tables.nth(i).locator("tbody th[scope=row]").first.bounding_box() for i in range(2)]
    assert abs(place[0]["x"] - place[1]["x"]) < 1, "the places on one line"


# The world map's land fill, the background it is drawn on and a mark's ring, as rgb.
MAP_COLOURS_JS = """
() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const land = document.querySelector('.world-map__land');
  let under = land.closest('svg');
  while (getComputedStyle(under).backgroundColor === 'rgba(0, 0, 0, 0)') {
    under = under.parentElement;
  }
  const ring = document.querySelector('.map-mark--host circle');
  return [rgb(getComputedStyle(land).fill), rgb(getComputedStyle(under).backgroundColor),
          rgb(getComputedStyle(ring).stroke)];
}
"""


def _contrast(a, b):
    def luminance(rgb):
        red, green, blue = (
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (c / 255 for c in rgb)
        )
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("url", ["/cities/", "/"])
def test_the_world_maps_land_reads_on_its_ground_and_its_marks_on_the_land(
    seeded_server, page, url
):
    """The land a visible step off the white page or the tinted band it is drawn on
    (#e8f0f7 on white was 1.15:1, barely there), and a host's ring still 3:1 on it."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + url)
    land, ground, ring = page.evaluate(MAP_COLOURS_JS)
    assert 1.25 <= _contrast(land, ground) <= 1.5
    assert _contrast(ring, land) >= 3


@pytest.mark.parametrize("width", [1280, 375])
def test_the_map_of_places_comes_before_its_tables_at_every_width(seeded_server, page, width):
    """The map first, then the tables, on a phone too: two reviewers read the page as a
    map with its tables, not tables with a map at their end. On a phone the map is the
    part of the world with most places, fitted to the screen, every mark in sight and
    large enough to tap; its enlarged spots (the Americas first) two abreast, each
    captioned under its box as from 48rem, none out of sight; from 48rem the world, its
    spots in one row. The column headings never wrap; the
    names on the map are never under 12 px."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    table = page.locator(".places__table").first.bounding_box()
    world = page.locator(".places__map .world-map >> visible=true")
    assert world.count() == 1
    assert ("world-map--phone" in world.get_attribute("class")) is (width < 480)
    world = world.bounding_box()
    assert world["y"] + world["height"] < table["y"]
    insets = page.locator(".map-inset >> visible=true")
    count = insets.count()
    assert count == (3 if width >= 480 else 4)
    if width < 768:
        # Every mark in sight, each a target of 24 px or more.
        frame = page.locator(".places__world").bounding_box()
        assert world["width"] <= frame["width"] + 1
        assert world["x"] >= 0 and world["x"] + world["width"] <= width
        marks = page.locator(".places__world .world-map--phone .map-mark")
        hits = marks.evaluate_all(
            "els => els.map(e => e.querySelector('.map-mark__hit').getBoundingClientRect())"
            ".map(r => [r.width, r.left + r.width / 2])"
        )
        assert len(hits) >= 17
        assert all(size >= 24 and 0 <= middle <= width for size, middle in hits)
    boxes = [insets.nth(i).bounding_box() for i in range(count)]
    rows = sorted({round(inset["y"]) for inset in boxes})
    assert len(rows) == (1 if width >= 768 else 2)
    if width < 768:
        assert insets.first.locator("figcaption").inner_text() == "The Americas"
    for i in range(count):
        inset = insets.nth(i)
        drawn = inset.locator("svg").bounding_box()
        caption = inset.locator("figcaption").bounding_box()
        # Each caption under its own box, on its edge.
        assert caption["y"] >= drawn["y"] + drawn["height"]
        assert abs(caption["x"] - drawn["x"]) < 1
        assert drawn["width"] >= 156
    assert all(inset["x"] >= 0 and inset["x"] + inset["width"] <= width for inset in boxes)
    assert min(page.evaluate(MAP_LABEL_PX_JS)) >= 12
    heading = page.get_by_role("columnheader", name="Years").first
    line = heading.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    padding = heading.evaluate(
        "el => parseFloat(getComputedStyle(el).paddingTop)"
        " + parseFloat(getComputedStyle(el).paddingBottom)"
    )
    assert heading.bounding_box()["height"] < 1.5 * line + padding


# The drawn width of each kind of mark (a dot of one participation, a hollow dot, a
# host's ring) on the map shown, in its legend and in its enlarged spots shown.
MARK_WIDTHS_JS = """
() => {
  const shown = el => el.getBoundingClientRect().width > 0;
  const kinds = {
    dot: '.map-mark:not(.map-mark--host):not(.map-mark--testimony) circle',
    testimony: '.map-mark--testimony circle',
    host: '.map-mark--host circle',
  };
  const widths = {};
  for (const [kind, selector] of Object.entries(kinds)) {
    const map = [...document.querySelectorAll('.places__world .world-map')].find(shown);
    const once = [...map.querySelectorAll('a' + selector)].map(c => c.getBoundingClientRect().width);
    const legend = document.querySelector('.places__world .map-legend ' + selector);
    const inset = [...document.querySelectorAll('.map-inset ' + selector)].filter(shown);
    widths[kind] = {
      map: Math.min(...once),
      legend: legend.getBoundingClientRect().width,
      insets: inset.map(c => c.getBoundingClientRect().width),
    };
  }
  return widths;
}
"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_legend_and_the_enlarged_spots_draw_the_maps_marks_at_its_size(
    seeded_server, page, width
):
    """A host's ring, a participation's dot and a testimonial's hollow dot are the same
    symbol, as large on screen, on the map, in its legend and in its enlarged spots."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    widths = page.evaluate(MARK_WIDTHS_JS)
    for kind in ("dot", "host"):
        assert widths[kind]["insets"], kind
    for kind, drawn in widths.items():
        assert drawn["map"] > 0, kind
        for other in (drawn["legend"], *drawn["insets"]):
            assert abs(other - drawn["map"]) <= 0.06 * drawn["map"], (kind, drawn)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_tables_of_places_are_set_as_the_editions_table(seeded_server, page, width):
    """The places' tables in the body's size, headed as the editions' table is: small
    capitals over a rule in the brand's colour; the places' links semibold, the years in
    the body's weight."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    body = page.evaluate("getComputedStyle(document.body).fontSize")
    style = page.locator(".places__table").first.evaluate(
        """t => {
          const css = e => getComputedStyle(t.querySelector(e));
          const head = css('thead th');
          return {
            cell: css('tbody td').fontSize, weight: css('tbody td').fontWeight,
            place: css('tbody th[scope=row]').fontSize,
            placeWeight: css('tbody th[scope=row]').fontWeight,
            head: [head.textTransform, head.borderBottomWidth, head.borderBottomColor],
          };
        }"""
    )
    assert style["cell"] == style["place"] == body
    assert style["weight"] == "400" and style["placeWeight"] == "600"
    assert style["head"][:2] == ["uppercase", "2px"]
    page.goto(seeded_server.url + "/programs/archive/")
    rule = page.locator(".archive-table thead th").first.evaluate(
        "th => getComputedStyle(th).borderBottomColor"
    )
    assert style["head"][2] == rule


# The names written on the phone's map and in the enlarged spots, each with its box.
SHOWN_NAMES_JS = """
() => [...document.querySelectorAll('.world-map--phone text, .map-inset text')]
  .map(t => [t.textContent, t.getBoundingClientRect().toJSON()])
  .filter(([, r]) => r.height > 0)
"""


@pytest.mark.parametrize("width", [360, 375])
def test_the_phone_map_names_every_place_in_sight_and_apart(seeded_server, page, width):
    """On a phone every place on the map is named, 12 px or more: on the part of the
    world with most places, or in an enlarged spot under it (the Americas, the crowded
    spots); each name within the screen and clear of every other."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    shown = page.evaluate(SHOWN_NAMES_JS)
    names = {name for name, _ in shown}
    drawn = page.locator(".places__table tbody th[scope=row]").evaluate_all(
        "rows => rows.filter(r => !r.textContent.includes('Not on the map'))"
        ".map(r => r.querySelector('a').textContent.trim())"
    )
    assert len(drawn) == 19 and set(drawn) <= names, set(drawn) - names
    assert {"Mexico City", "Castries", "Seoul", "Jeju", "Chengdu"} <= names
    phone = [box for _, box in shown]
    for i, a in enumerate(phone):
        assert a["left"] >= 0 and a["right"] <= width
        for b in phone[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    assert min(page.evaluate(MAP_LABEL_PX_JS)) >= 12


# Each name shown in /cities/'s enlarged spots: its size in CSS pixels, its box and its
# spot's box.
INSET_NAMES_JS = """
() => [...document.querySelectorAll('.places__spots .map-inset text')]
  .filter(t => t.getBoundingClientRect().height > 0)
  .map(t => ({name: t.textContent,
              px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
              box: t.getBoundingClientRect().toJSON(),
              frame: t.closest('svg').getBoundingClientRect().toJSON()}))
"""


@pytest.mark.parametrize("width", [360, 375])
def test_on_a_phone_the_enlarged_spots_name_their_places_at_the_small_step(
    seeded_server, page, width
):
    """/cities/'s spots, two abreast on a phone, name their places at about the site's
    small step (15 px at 375 px; a thirteenth of a 166 px box, 12.6 px, read as fine
    print), each name inside its box."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/cities/")
    names = page.evaluate(INSET_NAMES_JS)
    assert len(names) == 10
    assert min(n["px"] for n in names) >= (15 if width == 375 else 14)
    for n in names:
        assert n["box"]["right"] <= n["frame"]["right"], n["name"]


def test_an_editions_figures_are_the_row_of_figures_a_program_shows(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(
        seeded_server.url + "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    )
    figures = page.locator(".main-intro .figures .figure")
    assert figures.locator("dd").all_inner_texts() == [
        "28",
        "69",
        "18",
        "13",
    ]  # as the program page orders them
    assert len({round(figures.nth(i).bounding_box()["y"]) for i in range(4)}) == 1
    assert page.locator(".side-col .figures, .side-col .fact-number").count() == 0


def test_the_privacy_notices_rules_are_one_length(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(seeded_server.url + "/privacy/applications/")
    # Every rule between the answers, the last one over "Last updated" too.
    rules = page.locator(".page-sections").evaluate(
        "root => [...root.querySelectorAll('*')].flatMap(e => {"
        " const s = getComputedStyle(e), w = Math.round(e.getBoundingClientRect().width);"
        " return [s.borderTopStyle, s.borderBottomStyle]"
        "   .filter(style => style === 'solid').map(() => w); })"
    )
    assert len(rules) == 5 and len(set(rules)) == 1, rules


# Each "WeGO–SHRDC" on the page whose line boxes are not all on one line.
SPLIT_NAMES_JS = """
() => {
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = node.textContent.indexOf('WeGO\u2013SHRDC'); i >= 0;
         i = node.textContent.indexOf('WeGO\u2013SHRDC', i + 1)) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 10);
      const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(node.parentElement.outerHTML);
    }
  }
  return split;
}
"""


def test_the_program_name_is_never_split_at_its_en_dash_on_a_phone(seeded_server, page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/2016-05/")
    assert page.get_by_text("WeGO–SHRDC Training Program").count() > 1
    assert not page.evaluate(SPLIT_NAMES_JS)


# The lines of the deadline's time and zone ("11:45 Seoul time (UTC+9)"), found as text
# in the call's own zone (not its UTC line).
TIME_AND_ZONE_LINES_JS = """
time => {
  const walker = document.createTreeWalker(time, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('.moment__sep, .moment__utc')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.search(/\\d\\d:\\d\\d/);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, node.textContent.length);
    return new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top))).size;
  }
  return 0;
}
"""


def test_the_deadlines_time_keeps_its_zone_on_its_line_on_a_phone(live_server, seed, page):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/programs/sample-program-demo/sample-edition/")
    assert page.locator(".call__deadline time").evaluate(TIME_AND_ZONE_LINES_JS) == 1


@pytest.mark.parametrize("width", [1280, 375])
def test_the_privacy_notice_starts_at_the_pages_left_edge(seeded_server, page, width):
    """Like every page, the notice starts where the word mark does: its breadcrumbs, its
    heading and its rows share that edge (not a column centred on the page), and its
    answers keep the measure."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_server.url + "/privacy/applications/")
    left = page.locator(".site-header .brand").bounding_box()["x"]
    for edge in [".breadcrumbs li", "h1", ".notice-rows"]:
        assert page.locator(edge).first.bounding_box()["x"] == pytest.approx(left, abs=1), edge
    measure = page.locator(".notice-row p").first.evaluate(
        "p => { const d = document.createElement('div'); d.style.width = 'var(--measure)';"
        " p.after(d); const w = d.getBoundingClientRect().width; d.remove(); return w; }"
    )
    for answer in page.locator(".notice-row p").all():
        assert answer.bounding_box()["width"] <= measure + 1


@pytest.mark.parametrize("width", [1280, 375])
def test_the_head_locator_is_a_sharp_disc_beside_the_text_and_none_on_a_phone(
    seeded_server, page, width
):
    """The same globe on every page with one: a round disc, not faded, from 48rem beside
    the text, its caption centred under it. On a phone none: the head is its text alone,
    so the page's content starts on the first screen."""
    page.set_viewport_size({"width": width, "height": 900})
    for path in [
        "/cities/baguio/",
        "/countries/ph/",
        "/programs/wego-shrdc-training-program/",
        "/programs/wego-shrdc-training-program/2016-05/",
        "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
        "/programs/chengdu-smart-city-e-government-training-program/",
    ]:
        page.goto(seeded_server.url + path)
        figure = page.locator(".page-head__map")
        assert figure.count() == 1, path
        if width < 768:
            assert not figure.is_visible(), path
            head = page.locator(".page-head").bounding_box()
            assert head["y"] + head["height"] < 812, ("the content on the first screen", path)
            continue
        disc = page.locator(".page-head__map .locator-map")
        box = disc.bounding_box()
        caption = page.locator(".page-head__map-caption").bounding_box()
        assert abs(box["width"] - box["height"]) < 1
        assert disc.evaluate("e => getComputedStyle(e).maskImage") == "none"
        assert caption["y"] >= box["y"] + box["height"]
        middle = caption["x"] + caption["width"] / 2
        assert abs(middle - (box["x"] + box["width"] / 2)) < 2


@pytest.mark.parametrize("width", [1280, 375])
def test_thin_and_rich_programs_share_one_layout(seeded_server, page, width):
    """A program with little content (the webinar series, about no place; Chengdu, known by
    its name) has the rich program's layout: its text at the left, its Key facts in the
    rail at the right, at the same place and width as the SHRDC program's; on a phone the
    text first, the Key facts after. Its partners are marked as every list of names is."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_server.url + "/programs/wego-shrdc-training-program/")
    rich = page.locator(".with-aside > .side-col").bounding_box()
    for path in [
        "/programs/world-bank-institute-smart-cities-webinar-series/",
        "/programs/chengdu-smart-city-e-government-training-program/",
    ]:
        page.goto(seeded_server.url + path)
        assert page.locator(".page-head .facts").count() == 0, "not in the head"
        text = page.locator(".with-aside > .main-intro").bounding_box()
        rail = page.locator(".with-aside > .side-col").bounding_box()
        assert rail["x"] == pytest.approx(rich["x"], abs=1)
        assert rail["width"] == pytest.approx(rich["width"], abs=1)
        if width >= 1024:
            assert rail["x"] >= text["x"] + text["width"], "beside the text"
            assert rail["y"] == pytest.approx(text["y"], abs=2), "level with the text"
        else:
            assert rail["y"] >= text["y"] + text["height"], "after the text"
    # One pattern for names in Key facts: plain lines, no bullets, whether a fact has one
    # name (the SHRDC program's partner) or several (the series' partners, co-organisers).
    plain = """e => { const s = getComputedStyle(e), b = getComputedStyle(e, '::before');
        return [s.listStyleType, s.paddingLeft, b.content]; }"""
    for path in [
        "/programs/world-bank-institute-smart-cities-webinar-series/",
        "/programs/wego-shrdc-training-program/",
        "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
    ]:
        page.goto(seeded_server.url + path)
        names = page.locator(".side-col .fact-list li")
        assert names.count(), path
        dd = page.locator(".side-col .fact-list").first.locator("xpath=..").bounding_box()
        for i in range(names.count()):
            assert names.nth(i).evaluate(plain) == ["none", "0px", "none"], (path, i)
            assert names.nth(i).bounding_box()["x"] == pytest.approx(dd["x"], abs=1), path


@pytest.mark.parametrize("width", [1280, 375])
def test_the_programs_pages_tab_their_kinds_and_note_the_sample(live_server, seed, page, width):
    """The kinds are tabs under the head, the page's own kind marked as the menu marks
    its section (one look on a phone and a desktop: tabs, not framed pills): one row,
    every tab wholly in sight (nothing scrolled out of view, the page never wider than
    the screen). The sample program is a small note at the page's end, not a section."""
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": 900})
    menu_look = None
    for kind, label in [
        ("regional", "Regional Office Programs"),
        ("partner", "Partners’ Programs"),
        ("joint-workshop", "Joint Workshops"),
    ]:
        page.goto(f"{live_server.url}/programs/kind/{kind}/")
        tabs = page.get_by_role("navigation", name="Kinds of program")
        head = page.locator(".page-head").bounding_box()
        assert tabs.bounding_box()["y"] >= head["y"] + head["height"] - 1, "under the head"
        assert tabs.bounding_box()["y"] < page.locator(".page-sections").bounding_box()["y"]
        current = tabs.locator("a[aria-current=page]")
        assert tabs.get_by_role("link", name=label, exact=True).get_attribute("aria-current")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        links = tabs.locator("a")
        boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        tops = {round(box["y"]) for box in boxes}
        for box in boxes:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, "every tab in sight"
        assert len(tops) == 1, "one row"
        if width >= 1280:
            assert current.inner_text() == label, "the whole name where there is room"
        look = """e => { const s = getComputedStyle(e);
            return [s.color, s.boxShadow, s.backgroundColor, s.borderTopStyle]; }"""
        if menu_look is None:
            # The menu's own mark (it has no border of its own; nor have the tabs).
            menu = page.get_by_role("navigation", name="Main").locator("a[aria-current]")
            menu_look = menu.evaluate(look)
        assert current.evaluate(look)[:2] == menu_look[:2], "marked as the menu marks"
        assert current.evaluate(look)[3] == "none", "a tab, not a framed pill"

    page.goto(live_server.url + "/programs/")
    assert page.get_by_role("navigation", name="Kinds of program").count() == 0
    assert page.locator(".sample-group").count() == 0
    note = page.locator(".sample-note")
    assert note.get_by_role("link", name="The sample program").is_visible()
    assert note.locator(".sample-badge").inner_text().strip().upper() == "SAMPLE"
    # Site copy, not the sample's summary (a developer's note on the demo command).
    assert "it is not a real program." in note.inner_text()
    assert "demo command" not in note.inner_text()
    last = page.locator(".kind-section").last.bounding_box()
    assert note.bounding_box()["y"] >= last["y"] + last["height"], "after every kind"
    # A small note apart: a hairline box round it, as wide as its text, at the kinds' edge.
    notes, kinds = page.locator(".sample-notes"), page.locator(".kind-grid").bounding_box()
    sides = "e => ['Top', 'Right', 'Bottom', 'Left'].map(s => getComputedStyle(e)['border' + s + 'Style'])"
    assert notes.evaluate(sides) == ["solid"] * 4, "a bordered note"
    box = notes.bounding_box()
    assert box["x"] == pytest.approx(kinds["x"], abs=1)
    assert box["width"] <= kinds["width"] + 1
    if width >= 1024:
        assert box["width"] < kinds["width"] * 0.75, "as wide as its text"
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    assert note.evaluate(size) < page.locator("body").evaluate(size)


@pytest.mark.parametrize("width", [375, 320])
def test_on_a_phone_the_kind_tabs_are_one_short_row(live_server, seed, page, width):
    """On a phone the four kind tabs are one row of short labels ("Regional"), each link
    still named in full for screen readers: one line of tabs, the page's own in sight, the
    page no wider than the screen, a tab's focus ring whole (nothing clips it); on the
    narrowest phones (320 px) the row may wrap, never overflow."""
    page.set_viewport_size({"width": width, "height": 800})
    for kind, label, short in [
        ("main", "Main Training Programs", "Main"),
        ("joint-workshop", "Joint Workshops", "Workshops"),
    ]:
        page.goto(f"{live_server.url}/programs/kind/{kind}/")
        assert page.evaluate("document.documentElement.scrollWidth") == width
        tabs = page.get_by_role("navigation", name="Kinds of program")
        links = tabs.get_by_role("link")
        assert links.count() == 4
        boxes = [links.nth(i).bounding_box() for i in range(4)]
        for box in boxes:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, "every tab in sight"
        current = tabs.get_by_role("link", name=label, exact=True)
        assert current.get_attribute("aria-current") == "page"
        # What shows: the link's text less what is kept for screen readers (1 px boxes).
        shown = current.evaluate(
            """el => { const c = el.cloneNode(true);
                 const hidden = [...el.querySelectorAll('*')].map(
                   n => n.getBoundingClientRect().width <= 1);
                 [...c.querySelectorAll('*')].forEach((n, i) => { if (hidden[i]) n.remove(); });
                 return c.textContent.trim(); }"""
        )
        assert shown == short
        if width == 375:
            assert len({round(box["y"]) for box in boxes}) == 1, "one row"
            assert tabs.bounding_box()["height"] <= 48, tabs.bounding_box()
            assert all(box["height"] <= 44 for box in boxes), "one line each"
        current.focus()
        ring = current.evaluate("el => getComputedStyle(el).boxShadow")
        assert "255, 191, 71" in ring, ring
        clipped = current.evaluate(
            """el => { for (let p = el.parentElement; p; p = p.parentElement) {
                 const o = getComputedStyle(p); if (o.overflowX !== 'visible'
                 && p !== document.documentElement && p !== document.body) return true; }
               return false; }"""
        )
        assert not clipped, "no scrolling box around the tabs to clip the focus ring"


def test_other_programs_cards_run_their_words_to_the_cards_width(seeded_server, page):
    """Three abreast under a program's page, a card's title and text fill their lines to
    the card's width: balanced lines ("WeGO–SHRDC / Training Program") left a ragged column
    short of the card's edge."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(seeded_server.url + "/programs/chengdu-smart-city-e-government-training-program/")
    parts = page.locator(".other-programs .card__title, .other-programs .card__text")
    assert parts.count() == 6
    for i in range(parts.count()):
        assert parts.nth(i).evaluate("e => getComputedStyle(e).textWrapStyle") == "auto", i


def test_without_a_call_how_to_take_part_is_a_note_not_a_panel(live_server, seed, page):
    """A program without an open call says how to take part in a note: in its opening
    (no tint, no padding), or in the rail, on the Key facts' panel; an open call's is the
    tinted panel with Apply."""
    call_command("load_demo", verbosity=0)
    look = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.paddingLeft]; }"
    page.goto(live_server.url + "/programs/chengdu-smart-city-e-government-training-program/")
    assert page.locator(".take-part").evaluate(look) == ["rgba(0, 0, 0, 0)", "0px"]
    page.goto(live_server.url + "/programs/wego-shrdc-training-program/")
    rail = page.locator(".take-part").evaluate(look)
    assert rail == page.locator(".with-aside > .side-col").evaluate(look)
    page.goto(live_server.url + "/programs/sample-program-demo/")
    call = page.locator(".take-part").evaluate(look)
    assert call not in (["rgba(0, 0, 0, 0)", "0px"], rail)


# Every table cell that overflows its own box (a clipped or cut word) or reaches past the
# table's scrolling box, by its text; a cell hidden but for screen readers (1 px) aside.
CLIPPED_CELLS_JS = """
() => [...document.querySelectorAll('main table')].flatMap(table => {
  const box = (table.closest('.table-scroll') || table.parentElement).getBoundingClientRect();
  return [...table.querySelectorAll('th, td')].filter(cell => cell.clientWidth > 1).filter(cell => {
    const edge = cell.getBoundingClientRect();
    return cell.scrollWidth > cell.clientWidth || edge.right > box.right + 0.5
      || edge.left < box.left - 0.5;
  }).map(cell => cell.textContent.trim());
})
"""


def test_on_a_phone_the_places_table_leaves_its_names_the_room(seeded_server, page):
    """At 375 px the places' table gives its room to the places' names: the years'
    column is headed "Years" (the caption says whose), a heading no wider than "2018",
    so a note under a name ("Known from a testimonial") is one line."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + "/cities/")
    table = page.locator(".places-by-country")
    assert table.locator("thead th").all_inner_texts()[-1].strip().lower() == "years"
    notes = table.locator(".data-table__note")
    assert notes.count() >= 4
    line = notes.first.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    for i in range(notes.count()):
        assert notes.nth(i).bounding_box()["height"] < 1.5 * line, notes.nth(i).inner_text()


@pytest.mark.parametrize("path", ["/cities/", "/cities/seoul/", "/countries/ph/", "/data/"])
def test_on_a_phone_every_tables_columns_fit_its_box(seeded_server, page, path):
    """At 375 px a table's every column is in view: no cell clipped, no table wider than
    the box it would scroll in (the places' last column, "Years", included)."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(seeded_server.url + path)
    assert page.evaluate(CLIPPED_CELLS_JS) == [], path
    for scroller in page.locator("main .table-scroll").all():
        assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth"), path


# The breadcrumbs' shown items, their text and the number of lines they take.
CRUMBS_JS = """
() => {
  const nav = document.querySelector('nav.breadcrumbs');
  const shown = [...nav.querySelectorAll('li')].filter(li => li.getClientRects().length);
  const line = parseFloat(getComputedStyle(nav).lineHeight);
  return {items: shown.map(li => li.innerText.trim()),
          lines: Math.round(nav.querySelector('ol').getBoundingClientRect().height / line)};
}
"""


@pytest.mark.parametrize("width", [1280, 375])
def test_on_a_phone_the_breadcrumbs_are_one_back_link_to_the_parent(seeded_server, page, width):
    """The trail in full from 40rem; on a phone only its last crumb, the page's parent, as a
    link back to it (as GOV.UK's), so a long program name takes two lines at most."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(
        seeded_server.url + "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    )
    crumbs = page.evaluate(CRUMBS_JS)
    program = re.compile(r"^Joint Workshop for Smart Sustainable Cities & e.Government$")
    nav = page.get_by_role("navigation", name="Breadcrumb")
    assert nav.get_by_role("link", name=program).is_visible()
    if width == 375:
        assert len(crumbs["items"]) == 1, crumbs
        assert crumbs["lines"] <= 2, crumbs
    else:
        assert len(crumbs["items"]) == 3, crumbs
        assert crumbs["lines"] == 1, crumbs


# The words of an element, grouped by the line they are set on.
LINES_OF_WORDS_JS = """
el => { const lines = new Map(); const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/[^\\s\\u00a0]+/g)) {
      const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      const top = Math.round(r.getClientRects()[0].top);
      lines.set(top, [...(lines.get(top) || []), m[0]]); } }
  return [...lines.values()]; }
"""


@pytest.mark.parametrize("width", [1280, 1100, 1024, 800, 375, 360, 320])
def test_a_testimonial_groups_heading_leaves_no_word_alone_on_a_line(seeded_server, page, width):
    """The heading over a group of testimonies ("WeGO–SHRDC Training Program, September
    2011") never leaves a word alone on a line ("Program," between the name and the
    month): the program's last words and the edition's keep together."""
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(seeded_server.url + "/testimonials/")
    headings = page.locator(".testimonial-group__heading")
    assert headings.count() >= 2
    for i in range(headings.count()):
        lines = headings.nth(i).evaluate(LINES_OF_WORDS_JS)
        assert all(len(words) >= 2 for words in lines), lines


@pytest.mark.parametrize("width", [1280, 375])
def test_the_index_pages_share_one_h1_size(seeded_server, page, width):
    """Every index page's heading is the page's `h1` step (46 px, 35 px on a phone), a
    year of the archive's too; only a post's head is made compact (its title is long)."""
    page.set_viewport_size({"width": width, "height": 812})
    sizes = {}
    for path in [
        "/programs/",
        "/programs/archive/",
        "/programs/archive/2012/",
        "/news/",
        "/news/tag/webinar/",
        "/testimonials/",
        "/testimonials/2013/",
        "/cities/",
    ]:
        page.goto(seeded_server.url + path)
        sizes[path] = page.locator("h1").evaluate("h => getComputedStyle(h).fontSize")
    assert set(sizes.values()) == {"46px" if width == 1280 else "35px"}, sizes
