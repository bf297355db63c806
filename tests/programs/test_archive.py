"""The archive of editions comes in pages, newest first; a year's list stays whole."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from programs.models import Edition
from tests.factories import EditionFactory, ProgramFactory, as_one_change
from tests.html import text_of
from wego_site.core.publishing import PublicationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]


def make_editions(count):
    with as_one_change():
        program = ProgramFactory(title="Long-running program")
        return [
            EditionFactory(
                program=program, start_date=dt.date(2000 + n // 10, 1 + n % 10, 1), slug=f"e-{n}"
            )
            for n in range(count)
        ]


def test_the_archive_of_editions_comes_in_pages_newest_first(client):
    editions = make_editions(60)
    first = client.get("/programs/archive/")
    text = text_of(first)
    assert "60 editions held from 2000 to 2005, page 1 of 2." in text
    html = first.content.decode()
    assert editions[-1].get_absolute_url() in html  # the newest
    assert editions[0].get_absolute_url() not in html  # the oldest, on page 2
    assert 'href="?page=2" rel="next"' in html
    assert 'Older<span class="visually-hidden"> editions</span>' in html

    second = client.get("/programs/archive/?page=2")
    assert editions[0].get_absolute_url() in second.content.decode()
    assert "<title>Archive of editions, page 2" in second.content.decode()
    assert client.get("/programs/archive/?page=3").status_code == 404


def test_a_year_of_the_archive_is_one_page(client):
    make_editions(60)
    html = client.get("/programs/archive/2003/").content.decode()
    assert html.count('scope="row">') == 10
    assert "?page=" not in html


def test_the_archive_lists_newest_first_within_a_page(client):
    make_editions(12)
    html = client.get("/programs/archive/").content.decode()
    # The year heads its rows, one group of rows a year, and is said again (muted) on each
    # of its other rows, so no row is without it.
    years = re.findall(r'<th class="archive-table__year" scope="rowgroup">(\d+)<', html)
    assert years == ["2001", "2000"]
    again = re.findall(r'<td class="archive-table__year archive-table__year--again">(\d+)<', html)
    assert again == ["2001"] + ["2000"] * 9
    newest_first = [e.get_absolute_url() for e in Edition.objects.order_by("-start_date")]
    assert sorted(newest_first, key=html.index) == newest_first


def test_editions_to_come_are_apart_and_not_counted_among_those_held(client):
    held = make_editions(3)
    today = dt.date.today()
    coming = EditionFactory(
        program=held[0].program,
        slug="coming",
        start_date=today + dt.timedelta(days=40),
        end_date=today + dt.timedelta(days=44),
    )
    html = client.get("/programs/archive/").content.decode()
    text = text_of(client.get("/programs/archive/"))
    assert "3 editions held from 2000 to 2000, and 1 upcoming." in text
    upcoming = html[html.index('id="upcoming-heading"') : html.index(">Editions held</h2>")]
    assert coming.get_absolute_url() in upcoming
    assert not any(e.get_absolute_url() in upcoming for e in held)
    # A year's page has no year column: its heading names the year.
    year_page = client.get("/programs/archive/2000/").content.decode()
    assert '<th scope="col">Dates</th>' in year_page
    assert '<th scope="col">Year</th>' not in year_page
    assert "archive-table__year" not in year_page


def test_a_programs_rows_say_which_of_its_public_editions_each_is(client):
    """ "Edition 2 of 3" counts the program's public editions from the first, those to come
    among them (the held rows are not a program's whole count) and a draft not; a
    program of one edition says nothing of the kind."""
    today = dt.date.today()
    with as_one_change():
        program = ProgramFactory(title="Long-running program")
        for year in (2000, 2001, 2002):
            EditionFactory(
                program=program,
                start_date=dt.date(year, 1, 1),
                slug=f"e-{year}",
                status=PublicationStatus.PUBLISHED if year != 2001 else PublicationStatus.DRAFT,
            )
        EditionFactory(program=program, slug="coming", start_date=today + dt.timedelta(days=40))
        EditionFactory(start_date=dt.date(2003, 1, 1))
    html = client.get("/programs/archive/").content.decode()
    rows = archive_rows(html[html.index('id="held-heading"') :])
    assert [row["program"].partition("program")[2] for row in rows] == [
        "",
        " · Edition 2 of 3",
        " · Edition 1 of 3",
    ]
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="held-heading"')]
    assert re.findall(r'class="archive-table__rank">([^<]*)<', upcoming) == ["Edition 3 of 3"]


def test_a_year_with_only_editions_to_come_has_its_chip_apart_after_the_years_held(client):
    held = make_editions(3)
    next_year = dt.date.today().year + 1
    EditionFactory(
        program=held[0].program,
        slug="coming",
        start_date=dt.date(next_year, 2, 5),
        end_date=dt.date(next_year, 2, 9),
    )
    html = client.get("/programs/archive/").content.decode()
    chips = html[html.index('<nav class="chips" aria-label="Years">') :]
    chips = chips[: chips.index("</nav>")]
    assert (
        chips.index('href="/programs/archive/2000/"')
        < chips.index('<li class="chips__apart">Upcoming:</li>')
        < chips.index(f'href="/programs/archive/{next_year}/"')
    )


def test_the_archive_links_each_program_to_its_editions_and_leaves_out_a_sample(client):
    long_running = make_editions(3)[0].program
    with as_one_change():
        other = ProgramFactory(title="Short program", slug="short")
        EditionFactory(program=other, start_date=dt.date(2010, 1, 1), slug="s-1")
        sample = ProgramFactory(title="Sample program", slug="sample", is_sample=True)
        EditionFactory(program=sample, start_date=dt.date(2011, 1, 1), slug="x-1")
    html = client.get("/programs/archive/").content.decode()
    links = html[
        html.index('id="by-program-heading"') : html.index(
            "</nav>", html.index('id="by-program-heading"')
        )
    ]
    assert re.search(
        rf'href="{long_running.get_absolute_url()}#editions-heading">Long.running program</a> <span class="meta nowrap">3 editions, 2000</span>',
        links,
    )
    assert (
        'href="/programs/short/#editions-heading">Short program</a> <span class="meta nowrap">1 edition, 2010</span>'
        in links
    )
    assert "/programs/sample/" not in links
    # The sample's edition is not among the real ones: its open call leads to it.
    assert "/programs/sample/" not in html and "sample-badge" not in html
    assert 'href="/programs/archive/2011/"' not in html


def archive_rows(html):
    """The table's rows, each as {column class: cell text as shown}; as "link", the name
    of the row's link (with the words kept for screen readers), as "dates" its words
    shown; as "program" and "facts" the lines under the dates (the program and which of
    its editions it is, what the edition records), empty where there are none."""
    table = html[html.index('<table class="archive-table') : html.index("</table>")]

    def shown(cell):
        cell = re.sub(r'<span class="visually-hidden">.*?</span>', "", cell)
        return text_of(SimpleNamespace(content=cell.encode()))

    def line(name, row):
        found = re.search(
            rf'<span class="archive-table__{name}">(.*?)</span>'
            r'(?=<span class="archive-table__took-part">|</th>)',
            row,
            re.S,
        )
        return shown(found[1]) if found else ""

    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = {
            name: shown(cell)
            for name, cell in re.findall(
                r'<t[hd] class="archive-table__([a-z-]+)"[^>]*>(.*?)</t[hd]>', row, re.S
            )
        }
        link = re.search(r"<a [^>]*>(.*?)</a>", row, re.S)
        cells["link"] = text_of(SimpleNamespace(content=link[1].encode())) if link else ""
        cells["dates"] = shown(link[1]) if link else ""
        cells["program"], cells["facts"] = line("program", row), line("took-part", row)
        rows.append(cells)
    return rows


def test_every_archive_row_names_its_program_venue_and_length(client):
    """The archive is a table: a row per edition led by its dates, the row's header and
    its one link; under them its program (on every row, not once over a run) and which
    of its editions it is, then who took part where recorded, nothing where not, never a
    column of dashes; its venue and how long it ran. The program is a quiet line, not a
    column nor a link: the dates tell the rows apart. A year's page has the year chips
    but not the links to the programs, so its controls stay shorter than its rows."""
    with as_one_change():
        program = ProgramFactory(title="Long-running program")
        first = EditionFactory(program=program, start_date=dt.date(2000, 1, 1), slug="e-0")
        for n in (1, 2):
            EditionFactory(
                program=program,
                start_date=dt.date(2000 + n, 1, 1),
                slug=f"e-{n}",
                venue_city=first.venue_city,
                venue_country=first.venue_country,
                days=4,
            )
        other = ProgramFactory(title="Workshop elsewhere", slug="elsewhere")
        EditionFactory(program=other, start_date=dt.date(2010, 1, 1), slug="e-1")
    html = client.get("/programs/archive/").content.decode()
    assert "<caption>Editions held, newest first</caption>" in html
    rows = archive_rows(html)
    # The dates lead each row, its one link, named for screen readers with the program
    # before them; under them the program, and which of its editions it is where it has
    # several, so its rows are told apart.
    assert [row["dates"] for row in rows] == [
        "1–4 January 2010",
        "1–5 January 2002",
        "1–5 January 2001",
        "1–4 January 2000",
    ]
    assert [row["link"] for row in rows[1:]] == [
        "Long-running program, 1–5 January 2002",
        "Long-running program, 1–5 January 2001",
        "Long-running program, 1–4 January 2000",
    ]
    assert [row["program"] for row in rows] == ["Workshop elsewhere"] + [
        f"Long-running program · Edition {n} of 3" for n in (3, 2, 1)
    ]
    # No program column: the row's header is its dates, and the program's name is no link.
    table = html[html.index('<table class="archive-table') : html.index("</table>")]
    assert re.findall(r'<th scope="col">(\w+)</th>', table) == ["Year", "Dates", "Venue", "Length"]
    headers = re.findall(r'<th class="archive-table__dates" scope="row">(.*?)</th>', table, re.S)
    assert len(headers) == 4 and all(cell.count("<a ") == 1 for cell in headers), headers
    assert all(cell.index("<a ") == 0 for cell in headers), "the dates first, as the link"
    assert table.count("<a ") == 4
    programs = re.findall(r'<span class="archive-table__program">(.*?)</span></th>', table, re.S)
    assert len(programs) == 4 and not any("<a " in line for line in programs), programs
    assert all(row["venue"] for row in rows)
    assert [row["venue"] for row in rows[1:]] == 3 * [first.venue]
    assert [row["length"] for row in rows[1:]] == ["5 days", "5 days", "4 days"]
    assert "Not recorded" not in html and "Who took part" not in html
    year = client.get("/programs/archive/2001/").content.decode()
    assert "by-program-heading" not in year


def test_a_year_of_one_edition_has_the_archives_row_and_leads_to_the_years_around_it(client):
    """A year's page is the archive's rows, one edition or many (no card of another
    design): the edition by its program, its dates and its venue, the year said in a
    sentence under the head (no lone figure); then the years before and after it."""
    with as_one_change():
        program = ProgramFactory(title="Long-running program", slug="long-running")
        editions = [
            EditionFactory(
                program=program, start_date=dt.date(2000 + n, 5, 1), slug=f"e-{n}", days=2
            )
            for n in (0, 2, 4)
        ]
        EditionFactory(program=program, start_date=dt.date(2004, 9, 1), slug="e-4b")
    middle = editions[1]
    html = client.get("/programs/archive/2002/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "year-edition" not in main and 'class="figures"' not in main
    assert re.findall(r'<p class="lede">(.*?)</p>', main) == [
        f"One edition of the Long-running program, 3 days of training in {middle.venue}."
    ]
    (row,) = archive_rows(main)
    assert row["program"] == "Long-running program · Edition 2 of 4"
    assert row["link"] == "Long-running program, 1–3 May 2002"
    assert row["dates"] == "1–3 May 2002"
    assert row["venue"] == middle.venue
    # The years either side are the site's onward pager, as under a post and an edition:
    # the earlier at the left, each named as its page is headed; no link to the whole
    # archive after them (the breadcrumbs and the year chips lead there).
    steps = main[main.index('<nav class="pager" aria-label="Other years">') :]
    steps = steps[: steps.index("</nav>")]
    assert "year-steps" not in main
    assert re.search(
        r'pager__item--earlier"><a class="pager__link" href="/programs/archive/2000/" '
        r'rel="prev">.*<span class="pager__title">Editions of 2000</span></a>',
        steps,
    )
    assert re.search(
        r'href="/programs/archive/2004/" rel="next">.*'
        r'<span class="pager__title">Editions of 2004</span></a>',
        steps,
    )
    assert steps.index("/archive/2000/") < steps.index("/archive/2004/")
    assert 'class="more"' not in steps and "Archive of editions" not in steps
    # A year of several editions lists them newest first, as the archive does, each naming
    # its program; the first year has no year before.
    several = client.get("/programs/archive/2004/").content.decode()
    assert [row["link"] for row in archive_rows(several)] == [
        "Long-running program, 1–4 September 2004",
        "Long-running program, 1–3 May 2004",
    ]
    first = client.get("/programs/archive/2000/").content.decode()
    assert 'rel="prev"' not in first.split('class="pager"')[1]


def test_who_took_part_is_said_under_the_program_where_recorded(client, seed):
    rows = archive_rows(client.get("/programs/archive/").content.decode())
    jeju = next(row for row in rows if row["link"].startswith("Joint Workshop"))
    assert jeju["facts"] == "28 participants from 18 cities and bodies in 13 countries · 6 topics"
    assert sum(bool(row["facts"]) for row in rows) == 1


def test_a_row_without_a_venue_prints_no_placeholder(client):
    with as_one_change():
        EditionFactory(start_date=dt.date(2001, 1, 1), venue_city="", venue_country=None)
    (row,) = archive_rows(client.get("/programs/archive/2001/").content.decode())
    assert row["venue"] == ""
    html = client.get("/programs/archive/").content.decode()
    assert "—" not in html[html.index("<table") : html.index("</table>")]


def test_a_year_heads_its_rows_with_a_sentence_and_leads_to_its_programs(client, seed):
    """A year's head says it in one sentence built from its editions (how many, of which
    program, their days of training, where, and the cities and bodies that took part
    where recorded, each once), no row of figures; its page leads on to each of its
    programs' editions."""
    html = client.get("/programs/archive/2012/").content.decode()
    # The archive's own head (an index page's, its h1 the same size), not a post's compact one.
    head = html[html.index('<div class="page-head">') : html.index('class="page-sections')]
    assert 'class="figures"' not in head
    assert text_of(SimpleNamespace(content=head.encode())).startswith(
        "Archive Editions of 2012 Two editions of the WeGO–SHRDC Training Program, 16 days of "
        "training in Seoul, Korea. 2018"
    )
    assert re.search(
        r'href="/programs/wego-shrdc-training-program/#editions-heading">Every edition of the ',
        html,
    )
    jeju = text_of(client.get("/programs/archive/2018/"))
    assert (
        "One edition of the Joint Workshop for Smart Sustainable Cities & e‑Government, 4 days "
        "of training in Jeju Island, Korea, with 18 cities and bodies taking part." in jeju
    )


def test_a_years_sentence_names_its_programs_and_venues(client):
    """Editions of several programs in several places: the programs counted, the venues
    each named once, an edition held only online said so."""
    with as_one_change():
        first = EditionFactory(start_date=dt.date(2005, 3, 1), days=2)
        EditionFactory(
            start_date=dt.date(2005, 6, 1),
            days=1,
            venue_city=first.venue_city,
            venue_country=first.venue_country,
        )
        other = EditionFactory(start_date=dt.date(2005, 9, 1), days=3)
        EditionFactory(
            start_date=dt.date(2005, 11, 1),
            days=0,
            venue_city="",
            venue_country=None,
            attendance="online",
        )
    (lede,) = re.findall(
        r'<p class="lede">(.*?)</p>', client.get("/programs/archive/2005/").content.decode()
    )
    assert lede == (
        f"Four editions of four programs, 10 days of training in {other.venue}; "
        f"{first.venue} and online."
    )


def test_the_archive_names_each_programs_years_in_a_column_beside_its_rows(client):
    """The links by program are the page's side column (a panel beside the rows from
    56rem, before them in the page's order), each program's count with the years of its
    first and last editions."""
    with as_one_change():
        program = ProgramFactory(title="Long-running program", slug="long-running")
        for year in (2003, 2007, 2009):
            EditionFactory(program=program, start_date=dt.date(year, 5, 1), slug=f"e-{year}")
        EditionFactory(program=ProgramFactory(slug="once"), start_date=dt.date(2005, 1, 1))
    html = client.get("/programs/archive/").content.decode()
    sections = html[html.index('class="page-sections') :]
    assert sections.startswith('class="page-sections with-aside">')
    nav = re.search(r'<nav class="side-col by-program" aria-labelledby="by-program-heading">', html)
    assert nav and nav.start() < html.index('<table class="archive-table')
    links = text_of(
        SimpleNamespace(content=html[nav.start() : html.index("</nav>", nav.start())].encode())
    )
    assert "Long-running program 3 editions, 2003–2009" in links
    assert "1 edition, 2005" in links


def test_a_year_has_its_key_facts_beside_its_rows(client):
    """A year's page: its rows, and beside them its Key facts, from its editions: how
    many, which of each program's editions they are, the days of training, the venues,
    the cities and bodies that took part."""
    with as_one_change():
        program = ProgramFactory(title="Long-running program", slug="long-running")
        first = EditionFactory(program=program, start_date=dt.date(2001, 5, 1), slug="a", days=3)
        for month, slug in ((3, "b"), (9, "c")):
            EditionFactory(
                program=program,
                start_date=dt.date(2002, month, 1),
                slug=slug,
                days=2,
                venue_city=first.venue_city,
                venue_country=first.venue_country,
            )
    html = client.get("/programs/archive/2002/").content.decode()
    main = html[html.index('class="page-sections') : html.index("</main>")]
    assert main.startswith('class="page-sections with-aside archive-year">')
    assert main.index("<table") < main.index('id="facts-heading"') < main.index('class="pager"')
    facts = main[main.index('id="facts-heading"') : main.index("</aside>")]
    terms = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts, re.S)
    shown = {dt_: text_of(SimpleNamespace(content=dd.encode())) for dt_, dd in terms}
    assert shown == {
        "Editions": "2",
        "Program": "Long-running program Editions 2 and 3 of 3",
        "Training": "6 days",
        "Venue": first.venue,
    }
    # A year of one edition: no count of one; of a program of one, no "Edition 1 of 1".
    html = client.get("/programs/archive/2001/").content.decode()
    facts = html[html.index('id="facts-heading"') : html.index("</aside>")]
    assert "<dt>Editions</dt>" not in facts and ">Edition 1 of 3<" in facts
    with as_one_change():
        EditionFactory(start_date=dt.date(2004, 1, 1))
    html = client.get("/programs/archive/2004/").content.decode()
    facts = html[html.index('id="facts-heading"') : html.index("</aside>")]
    assert "<dt>Program</dt>" in facts and "Edition 1 of" not in facts
