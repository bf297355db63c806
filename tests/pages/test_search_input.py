"""Search answers any input with a clear page: the query cleaned, cut and escaped, stored
text shown as text."""

import pytest
from django.db import connection

from pages import search
from tests.factories import PostFactory
from tests.pages.searching import search_page, sections

pytestmark = pytest.mark.django_db


HOSTILE = [
    '"',
    '""',
    "'",
    "' OR 1=1 --",
    "a OR",
    "or",
    "-",
    "-Jeju",
    "!(cyber)",
    "Jeju:*",
    "a & | ! <->",
    "%",
    "_",
    "\\",
    "(((",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "foo\x00bar",
    "\x00",
    "\x1b[31mred",
    "\u202eevil",
    "!!!",
    "…",
    "the",
    "Séoul 서울 🏙️",
    "x" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_strange_input_gets_a_clear_page_with_the_query_escaped(client, seed, query):
    response, html = search_page(client, query)
    assert html.count("<h1") == 1
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "\x00" not in html
    results = response.context["results"]
    assert len(results.query) <= search.MAX_QUERY_LENGTH
    if results.only_left_out:
        assert "A minus only leaves a word out" in html
    elif not results.searched:
        assert "There was nothing to search for" in html
    elif results.total:  # the page shows what was found, and says how much
        capped = "+" if results.is_capped else ""
        assert f"{results.total}{capped} result" in html
        for section in results.sections:
            for hit in section.shown_hits:
                assert f'<a href="{hit.url}">' in html
    else:
        assert "No results for" in html


# A word among hostile characters: both PostgreSQL and the fallback still find it.
WRAPPED = [
    "Jeju:*",
    "(((Jeju",
    "!!!Jeju!!!",
    '"Jeju',
    "JEJU%",
    "\\Jeju",
    "Jeju\x00",
    "\u202eJeju",
    "'Jeju' OR 1=1 --",
    "Jeju & | ! <->",
    "Jeju 🏝️",
]


@pytest.mark.parametrize("query", WRAPPED)
def test_a_word_among_hostile_characters_is_still_found(client, seed, query):
    response, html = search_page(client, query)
    [hit] = sections(response)["editions"].hits
    assert hit.object.slug == "2018"
    assert f'<a href="{hit.url}">' in html
    # The edition, and Jeju City among the places when every word is in its name.
    assert f"{response.context['results'].total} result" in html


def test_the_query_is_echoed_escaped(client, db):
    _, html = search_page(client, "<script>alert(1)</script>")
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "“&lt;script&gt;alert(1)&lt;/script&gt;”" in html


def test_a_long_query_is_cut_and_the_visitor_told(client, db):
    response, html = search_page(client, "word " * 100)
    results = response.context["results"]
    assert results.truncated
    assert len(results.query) <= 200
    assert "longer than 200 characters, so only the first 200 were used" in html


def test_only_punctuation_is_nothing_to_search_for(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert not search.run("?!-- ..").searched
    _, html = search_page(client, "?!-- ..")
    assert "There was nothing to search for" in html


def test_stored_text_is_shown_as_text_never_as_markup(client, db):
    PostFactory(title="<b>Bold</b> Quillword", lede='<img src=x onerror="alert(1)"> Quillword & co')
    _, html = search_page(client, "Quillword")
    assert "<img src=x" not in html and "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; <mark>Quillword</mark>" in html
    if connection.vendor != "postgresql":  # ts_headline leaves HTML-like tags out of snippets
        assert (
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>Quillword</mark> &amp; co" in html
        )


def test_highlighting_escapes_and_marks():
    start, stop = search.START, search.STOP
    assert (
        str(search.highlighted(f"a <b> {start}c&d{stop} e")) == "a &lt;b&gt; <mark>c&amp;d</mark> e"
    )
    # Stray or unbalanced markers never produce broken markup.
    assert str(search.highlighted(f"{stop}x{start}y")) == "x<mark>y</mark>"


def test_highlighting_marks_a_phrase_once():
    start, stop = search.START, search.STOP
    marked = search.highlighted(f"the {start}Smart{stop} {start}City{stop} of {start}Seoul{stop}")
    assert str(marked) == "the <mark>Smart City</mark> of <mark>Seoul</mark>"


def test_control_characters_and_markers_are_removed_from_the_query():
    query, truncated = search.clean_query(f"a\x00b\x07 {search.START}c{search.STOP}\u200b d  ")
    assert query == "a b c d"
    assert not truncated


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("seoul -zzzzqq", (["seoul"], ["zzzzqq"])),
        ('Seoul -"Seoul city"', (["seoul"], ["seoul city"])),
        ('"smart city" training', (["smart city", "training"], [])),
        ("seoul OR jeju", (["seoul", "jeju"], [])),
        ("-webinar", ([], ["webinar"])),
        ('-"" - "', ([], [])),
    ],
)
def test_a_query_is_read_as_a_web_search_engine_reads_it(query, terms):
    assert search.query_terms(query) == terms


def test_a_minus_leaves_a_word_out_and_a_missing_word_changes_nothing(client, seed):
    """On either database: a word no text holds, left out, leaves the results as they were;
    a word every result holds, left out, leaves none; a minus alone is no search."""

    def totals(query):
        return {
            key: section.total for key, section in sections(search_page(client, query)[0]).items()
        }

    seoul = totals("Seoul")
    assert seoul and totals("Seoul -zzzzqq") == seoul
    assert totals("Seoul -Seoul") == {}
    hospitality = totals("hospitality")
    assert hospitality and totals("hospitality -webinar") == hospitality
    response, html = search_page(client, "-webinar")
    assert not response.context["results"].searched
    assert "A minus only leaves a word out" in html
    assert '<a href="?q=training%20-webinar">training -webinar</a>' in html
