"""Site search: finds public programs, editions, news and testimonials, never hidden ones,
grouped by type, at a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from pages import search
from tests.factories import EditionFactory, PostFactory, ProgramFactory, as_one_change
from tests.hidden_content import HIDDEN_WORD, make_hidden_content
from tests.pages.searching import (
    make_matches,
    search_page,
    search_page_of_kind,
    sections,
)
from wego_site.core.templatetags.wego import unbroken_names

pytestmark = pytest.mark.django_db


def text_of(html):
    """The words of some HTML, tags dropped and spaces single."""
    return " ".join(re.sub(r"<[^>]+>", "", html).replace("\u2060", "").split())


def test_jeju_finds_the_2018_workshop(client, seed):
    response, html = search_page(client, "Jeju")
    found = sections(response)
    # The place named Jeju first: the edition is found by its venue.
    assert list(found) == ["places", "editions"]
    [hit] = found["editions"].hits
    assert hit.object.slug == "2018"
    assert f'<a href="{hit.object.get_absolute_url()}">' in html
    assert "<mark>Jeju</mark>" in html
    # Found by its venue, the edition says what it was, from its own record (as the
    # archive words it), not a sentence of the text that announced it in 2018.
    assert hit.facts
    section = html[html.index('id="results-editions"') :]
    assert (
        "9–12 July 2018 · Jeju Island, Korea "
        "28 participants from 18 cities and bodies in 13 countries · 6 topics"
    ) in text_of(section)
    assert "beautiful" not in html
    [place] = found["places"].hits
    assert place.url == "/cities/jeju/"
    # A place's line says where it is and what it did, not only its country.
    assert str(place.snippet) == "In Korea · host of 1 edition"
    assert "2 results for “Jeju”" in html


def test_an_edition_or_program_found_by_its_title_shows_its_facts(client, seed):
    response, html = search_page(client, "workshop")
    found = sections(response)
    [program] = found["programs"].hits
    [edition] = found["editions"].hits
    assert program.facts and edition.facts
    # The program's editions as its card words them; the edition's record.
    programs = html[html.index('id="results-programs"') : html.index('id="results-editions"')]
    assert "Joint Workshop 1 edition · 9–12 July 2018, Jeju Island" in text_of(programs)
    editions = html[html.index('id="results-editions"') :]
    assert "28 participants from 18 cities and bodies in 13 countries · 6 topics" in text_of(
        editions
    )
    assert "co-organize" not in html


def test_an_edition_found_only_in_its_text_quotes_it_as_its_announcement(client, seed):
    """ "Seoul" is in the 2018 workshop's text only (it was held on Jeju): the sentence is
    quoted under "Past announcement", as a program's announcement is, and the edition comes
    after those held in Seoul."""
    response, html = search_page(client, "Seoul")
    editions = sections(response)["editions"].hits
    workshop = editions[-1]
    assert workshop.object.slug == "2018"
    assert not workshop.facts
    assert str(workshop.snippet).startswith("Past announcement: ")
    # A snippet is set like the rest of the page: the range typed "9-12" reads "9–12".
    assert "July 9\u2060\u2013\u206012, 2018 on the beautiful Jeju Island." in html
    assert all(hit.object.venue == "Seoul, Korea" for hit in editions[:-1])


def test_an_editions_text_is_its_announcement_before_it_is_held_too(client, empty_site):
    today = dt.date.today()
    with as_one_change():
        EditionFactory(
            title="Harbour course 2099",
            start_date=today + dt.timedelta(days=30),
            summary="The course will visit Quillport.",
        )
        EditionFactory(
            title="Quillport course",
            summary="A course held in Quillport.",
            participant_count=0,
        )
    hits = {h.object.title: h for h in search.run("quillport").sections[0].hits}
    coming = hits["Harbour course 2099"]
    assert str(coming.snippet) == "Announcement: The course will visit <mark>Quillport</mark>."
    # Found by its title, with no record of who took part: its own text, unlabelled.
    named = hits["Quillport course"]
    assert not named.facts
    assert str(named.snippet) == "A course held in <mark>Quillport</mark>."


def test_a_topic_finds_its_edition(client, seed):
    response, html = search_page(client, "Cybersecurity")
    [hit] = sections(response)["editions"].hits
    assert hit.object.slug == "2018"
    assert "Topic: <mark>Cybersecurity</mark> and Privacy for Effective Data Management" in html


def test_a_site_visit_and_a_participant_find_their_edition(client, seed):
    for query in ["Kakao", "Chandigarh"]:
        response, _ = search_page(client, query)
        assert [hit.object.slug for hit in sections(response)["editions"].hits] == ["2018"]


def test_smart_health_responder_finds_the_news(client, seed):
    response, html = search_page(client, "Smart Health Responder")
    found = sections(response)
    assert set(found) == {"news"}
    posts = [hit.object for hit in found["news"].hits]
    assert found["news"].total == len(posts) >= 2
    assert all("Smart Health Responder" in post.lede for post in posts)
    # The phrase is marked once, not word by word.
    assert "<mark>Smart Health Responder</mark>" in html
    assert f'href="{posts[0].get_absolute_url()}"' in html


def test_bucharest_finds_the_testimonial(client, seed):
    response, html = search_page(client, "Bucharest")
    [hit] = sections(response)["testimonials"].hits
    assert hit.object.person_name == "Mirela Minca"
    assert f'href="{hit.object.get_absolute_url()}"' in html
    assert "Ms. Mirela Minca" in html


def test_edition_hits_name_their_program_and_quote_only_what_is_written_about_them(client, seed):
    response, html = search_page(client, "Seoul")
    editions = sections(response)["editions"].hits
    assert len(editions) >= 8
    for hit in editions:
        assert str(hit.title).startswith(escape(hit.object.program.title)), hit.title
        # The venue is in the date line; a snippet of the venue alone says nothing more.
        assert str(hit.snippet) != "<mark>Seoul</mark>", hit.object
    # Editions of one program are one result: the program named once, its editions found
    # listed by their dates, each row with its venue.
    section = html[html.index('id="results-editions"') : html.index('id="results-testimonials"')]
    assert section.count(f"{unbroken_names('WeGO–SHRDC Training Program')}</a></h3>") == 1
    assert '<p class="search-meta">8 of its editions</p>' in section
    link = '<a href="/programs/wego-shrdc-training-program/2016-05/">'
    assert f'{link}<span class="date-range"><time datetime="2016-05-22">22</time>' in section
    assert section.count('<span class="search-meta"> · Seoul, Korea</span>') == 8
    # A program with one edition found keeps the edition's own result.
    jeju = '<a href="/programs/joint-workshop-smart-sustainable-cities-e-government/2018/">'
    assert (
        f"{jeju}Joint Workshop for Smart Sustainable Cities &amp; e‑Government 2018</a>" in section
    )


def test_an_edition_title_keeps_the_words_the_search_marked(client, seed):
    response, _ = search_page(client, "March")
    [hit] = [h for h in sections(response)["editions"].hits if h.object.slug == "2017-03"]
    assert str(hit.title) == "WeGO–SHRDC Training Program, <mark>March</mark> 2017"


def test_a_testimonial_snippet_quotes_the_quote_and_says_who_in_its_meta_line(client, seed):
    response, html = search_page(client, "metropolis")
    [hit] = sections(response)["testimonials"].hits
    assert "<mark>metropolis</mark> such as Seoul is working" in str(hit.snippet)
    assert "Head of" not in str(hit.snippet) and "Bucharest" not in str(hit.snippet)
    meta = html[html.index("Mirela Minca</a></h3>") :]
    meta = meta[meta.index('<p class="search-meta">') : meta.index("</p>")]
    assert " ".join(meta.split()) == (
        '<p class="search-meta"> Head of International Program and Cooperation Service, '
        "Bucharest, 2013"
    )
    # Found by its role alone, it still quotes the words, from their start.
    response, _ = search_page(client, "Cooperation Service")
    [hit] = sections(response)["testimonials"].hits
    assert str(hit.snippet).startswith("The lectures were very well structured")


def test_a_posts_dateline_is_not_searched_but_named_in_its_date_line(client, seed):
    # Every seed post is filed from SEOUL, and none is about Seoul.
    assert "news" not in sections(search_page(client, "seoul")[0])
    response, html = search_page(client, "webinar")
    assert sections(response)["news"].total >= 3
    assert re.search(r"</time> · Seoul\s*</p>", html)


def test_a_post_about_the_city_of_its_dateline_is_found(client, empty_site):
    with as_one_change():
        about = PostFactory(dateline="SEOUL", title="A forum", lede="Seoul hosts a forum.")
        PostFactory(dateline="SEOUL", title="A webinar", lede="A webinar on data.")
    (news,) = search.run("seoul").sections
    assert [hit.object for hit in news.hits] == [about]


def test_kinds_found_by_a_name_come_first_the_named_place_at_their_top(client, seed):
    response, html = search_page(client, "seoul")
    found = list(sections(response).values())
    assert found[0].key == "places"
    assert found[0].hits[0].url == "/cities/seoul/"
    assert html.index('id="results-places"') < html.index('id="results-programs"')
    # The others, found in their text alone, keep the kinds' order.
    assert [section.key for section in found[1:]] == ["programs", "editions", "testimonials"]
    # A country's name finds its places; the places so named come before the others.
    places = sections(search_page(client, "Korea Seoul")[0])["places"].hits
    assert places[0].rank == search.NAMED


def test_name_rank_reads_the_marks_the_search_put_in_a_title():
    mark = lambda word: f"{search.START}{word}{search.STOP}"  # noqa: E731
    assert search.name_rank(mark("Seoul")) == search.NAMED
    assert search.name_rank(f"{mark('Smart')} City Webinar") == search.IN_NAME
    assert search.name_rank("Smart City Webinar") == search.IN_TEXT


def test_a_large_kind_shows_its_first_results_and_links_to_all(client, seed):
    response, html = search_page(client, "webinar")
    news = sections(response)["news"]
    assert news.total > search.SHOWN_PER_KIND
    part = html[html.index('id="results-news"') :]
    part = part[: part.index("</section>")]
    assert part.count("<h3>") == search.SHOWN_PER_KIND
    link = f'<a href="?q=webinar&amp;kind=news">All {news.total} news results for “webinar”</a>'
    assert link in part
    # The link's page: that kind's results only, all of them, and the way back.
    response, html = search_page_of_kind(client, "webinar", "news")
    assert response.context["results"].kind == "news"
    assert html.count('<section class="search-results"') == 1
    part = html[html.index('id="results-news"') :]
    assert part[: part.index("</section>")].count("<h3>") == news.total
    assert '<a href="?q=webinar">All kinds</a>' in html
    assert '<a href="?q=webinar&amp;kind=news" aria-current="page">News</a>' in html


def test_a_kind_that_is_not_one_is_ignored(client, seed):
    for kind in ["nonsense", "places", "<script>", ""]:
        # Not a kind, or a kind the search did not find: every kind found is shown.
        response, html = search_page_of_kind(client, "webinar", kind)
        assert response.context["results"].kind == ""
        assert 'id="results-programs"' in html and 'id="results-news"' in html
    # A kind with no result says so over the results of every kind.
    response, html = search_page_of_kind(client, "webinar", "places")
    assert (
        "No city and organisation results for “webinar”; here are the results of every kind."
        in html
    )
    response, html = search_page_of_kind(client, "webinar", "nonsense")
    assert "here are the results of every kind" not in html


def test_a_programs_snippet_quotes_its_own_text_before_an_announcement(client, empty_site):
    with as_one_change():
        harbour = ProgramFactory(
            title="Harbour cities course",
            summary="A course on harbour cities.",
            announcement="The next course will be held in Busan. Applications open in May.",
        )
        ProgramFactory(
            title="Busan course",
            summary="A course for port authorities.",
            announcement="The next course will be held in Busan again.",
        )
        ProgramFactory(
            title="Ports course",
            summary="Held in Busan, then online.",
            announcement="The next course will be held in Busan too.",
        )
    response, _ = search_page(client, "Busan")
    hits = sections(response)["programs"].hits
    snippets = {hit.object.title: str(hit.snippet) for hit in hits}
    # Found in its announcement only: its sentence with the word, labelled as such.
    assert snippets["Harbour cities course"] == (
        "Announcement: The next course will be held in <mark>Busan</mark>."
    )
    # Found in its title: the summary, not the announcement.
    assert snippets["Busan course"] == "A course for port authorities."
    assert snippets["Ports course"] == "Held in <mark>Busan</mark>, then online."
    # Named first, found in its own text next, in its announcement only last.
    assert [hit.object.title for hit in hits] == [
        "Busan course",
        "Ports course",
        "Harbour cities course",
    ]
    # Once an edition was held and none is to come, the page folds the announcement as a
    # past one: the snippet says so.
    EditionFactory(program=harbour, start_date=dt.date(2019, 5, 1))
    response, _ = search_page(client, "Busan")
    [hit] = [h for h in sections(response)["programs"].hits if h.object == harbour]
    assert str(hit.snippet).startswith("Past announcement: The next course")


def test_a_snippet_is_the_sentence_that_holds_the_word(client, empty_site):
    PostFactory(
        title="A forum",
        lede="The forum opened on Monday. Its second day was about Quillword and data.",
        body="Quillword again, later.",
    )
    [hit] = search.run("quillword").sections[0].hits
    assert str(hit.snippet) == "Its second day was about <mark>Quillword</mark> and data."


def test_results_are_grouped_and_counted_by_type(client, seed):
    response, html = search_page(client, "smart")
    found = sections(response)
    # Each kind holds a result with "smart" in its name: the kinds in their usual order.
    assert {section.rank for section in found.values()} == {search.IN_NAME}
    assert list(found) == [
        key for key in ["programs", "editions", "news", "testimonials"] if key in found
    ]
    assert {"programs", "editions", "news"} <= set(found)
    for section in found.values():
        assert (
            f'<h2 id="results-{section.key}">{section.label} <span class="count">({section.total})</span></h2>'
            in html
        )
    total = response.context["results"].total
    assert total == sum(section.total for section in found.values())
    assert f"{total} results for “smart”" in html


def test_hidden_content_is_never_found(client, seed):
    make_hidden_content()
    response, html = search_page(client, HIDDEN_WORD)
    assert response.context["results"].sections == []
    assert f"No results for “{HIDDEN_WORD}”" in html
    for query in [f"{HIDDEN_WORD} topic", "2030", f'"{HIDDEN_WORD} draft"']:
        assert search.run(query).sections == []


def test_the_empty_search_invites_a_search_and_runs_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = search.run("")
    assert not results.searched
    _, html = search_page(client, "")
    assert html.count("<h1") == 1
    assert "Look for a program, a city, a topic" in html
    assert '<label for="search-q">' in html
    assert 'id="search-q" name="q"' in html
    assert (
        '<meta name="robots" content="noindex, follow">' in html
    )  # result pages stay out of indexes


def test_every_page_has_the_same_header_with_a_link_to_the_search_page(client, seed):
    def header(url):
        html = client.get(url).content.decode()
        html = html[html.index('<header class="site-header">') : html.index("</header>")]
        return re.sub(r' ?aria-current="[a-z]+"| (?=>)', "", html)

    landing = header("/")
    assert f'<a class="site-header__search" href="{reverse("search")}"' in landing
    assert "<form" not in landing
    for url in ["/news/", "/search/", "/search/?q=Jeju", "/no-such-page/"]:
        assert header(url) == landing, url
    search_page = client.get("/search/").content.decode()
    assert 'class="site-header__search" href="/search/" aria-current="page"' in search_page


def count_search_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response, _ = search_page(client, "Quillword")
    return len(queries), response.context["results"]


# One query per content type: programs, editions (parts included), news, testimonials;
# and, once per content generation (a test starts a new one), the footer's contacts and
# the places that took part, with what each did (hosts and participation: two more).
SEARCH_QUERIES = 8


def test_search_page_costs_the_same_for_one_or_fifty_matches(client, db):
    make_matches(1)
    few_queries, few = count_search_queries(client)
    make_matches(49, first=1)
    many_queries, many = count_search_queries(client)
    assert [section.total for section in few.sections] == [1, 1, 1]
    assert [section.total for section in many.sections] == [50, 50, 50]
    assert all(len(section.hits) == search.RESULTS_PER_TYPE for section in many.sections)
    assert few_queries == many_queries == SEARCH_QUERIES


def test_a_partial_section_says_so(client, db):
    make_matches(25)
    _, html = search_page(client, "Quillword")
    assert "All 25 news results for “Quillword”" in html
    _, html = search_page_of_kind(client, "Quillword", "news")
    assert f"The {search.RESULTS_PER_TYPE} most relevant of 25" in html


def test_an_empty_search_offers_the_hint_written_as_the_query_is(client, seed):
    html = client.get("/search/?q=Jejy").content.decode()
    none = html[html.index('<div class="search-none"') :]
    assert 'Did you mean <a href="?q=jeju">Jeju</a>?' in none
    assert "Or try fewer words" in none
    assert (
        'Did you mean <a href="?q=jeju">jeju</a>?' in client.get("/search/?q=jejy").content.decode()
    )
