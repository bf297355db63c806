"""Pages say what they know once, and plainly: no "yet" for events long over."""

import datetime as dt
import io
import re
from types import SimpleNamespace

import icalendar
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from pages import search_help
from programs.models import Edition
from tests.html import json_ld_blocks, text_of
from tests.public_urls import public_urls
from wego_site.core.templatetags.wego import unbroken_names

pytestmark = pytest.mark.django_db

CHENGDU = "/programs/chengdu-smart-city-e-government-training-program/"


def main_of(html):
    """The visible text of <main>, without the header and footer."""
    main = html[html.index('<main id="main-content"') : html.index("</main>")]
    return text_of(SimpleNamespace(content=main.encode()))


def test_no_past_edition_page_says_yet(client, seed):
    past = [e for e in Edition.objects.published() if not e.is_upcoming()]
    assert len(past) == 9
    for edition in past:
        text = main_of(client.get(edition.get_absolute_url()).content.decode())
        assert not re.search(r"\byet\b", text, re.IGNORECASE), edition.get_absolute_url()


def test_an_edition_known_by_its_month_is_named_with_its_program_everywhere(client, seed):
    """Its stored title ("Training Program, May 2016") never stands alone: the page's
    title and heading, its breadcrumb, the archive's and its year's lists, its calendar
    entry all name the program."""
    named = "WeGO–SHRDC Training Program, May 2016"
    url = "/programs/wego-shrdc-training-program/2016-05/"
    page = client.get(url)
    html = page.content.decode()
    shown = unbroken_names(named)  # as pages set it, never broken after its en dash
    assert f"<title>{named} · " in html and re.search(rf"<h1[^>]*>{shown}</h1>", html)
    crumbs = json_ld_blocks(page)["BreadcrumbList"]["itemListElement"]
    assert crumbs[-1]["name"] == named
    for archive in ("/programs/archive/", "/programs/archive/2016/"):
        listed = json_ld_blocks(client.get(archive))["CollectionPage"]["mainEntity"]
        names = {item["name"] for item in listed["itemListElement"]}
        assert named in names and "Training Program, May 2016" not in names, archive
        # Its row's link: the program's name (said once above its run of rows) and the dates.
        html = client.get(archive).content.decode()
        link = re.search(r'href="/programs/wego-shrdc-training-program/2016-05/">(.*?)</a>', html)
        assert text_of(SimpleNamespace(content=link[1].encode())) == (
            "WeGO–SHRDC Training Program, 22–29 May 2016"
        ), archive
    calendar = icalendar.Calendar.from_ical(client.get(url + "calendar.ics").content)
    assert str(calendar["X-WR-CALNAME"]) == named
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [named]


def test_an_edition_known_by_dates_and_venue_leads_with_its_program(client, seed):
    html = client.get("/programs/wego-shrdc-training-program/2016-05/").content.decode()
    text = main_of(html)
    # Its title names its program; its dates and venue head the page.
    assert "WeGO–SHRDC Training Program, May 2016 22–29 May 2016 · Seoul, Korea" in text
    # Short by design, in the documented edition's layout: its text, then the Key facts
    # in the rail (the one facts panel); no heading over the program's sentence.
    page = html[html.index('class="page-sections with-aside edition-brief"') :]
    page = page[: page.index("</article>")]
    assert page.index('class="main-intro"') < page.index('<aside class="side-col"')
    assert page.count('class="facts"') == 1 and "edition-brief__facts" not in page
    assert "About the program" not in text and 'id="program-heading"' not in html
    assert "Only its dates" not in text and "no further record" not in text
    # Its Key facts: what the head does not say (its dates and venue): its length, its
    # place among the program's editions (the seventh of eight, as the archive's row
    # says), its program, its calendar file.
    rail = page[page.index('<aside class="side-col"') :]
    assert text_of(SimpleNamespace(content=rail.encode())) == (
        "Key facts Length 8 days Edition 7 of 8 "
        "Program WeGO–SHRDC Training Program Calendar file Download (.ics) of "
        "WeGO–SHRDC Training Program, May 2016"
    )
    # Then its program in one paragraph: named by a link, then the first sentence of the
    # program's text only (the program's page has the rest).
    intro = html[html.index('<p class="edition-brief__program">') :]
    assert re.match(
        r'<p class="edition-brief__program">An edition of the '
        r'<a href="/programs/wego-shrdc-training-program/">'
        + re.escape(unbroken_names("WeGO–SHRDC Training Program"))
        + r"</a>. Since 2011, WeGO has organized a training program in partnership with "
        r"the Seoul Human Resource Development Center \(SHRDC\) in Seoul, Korea.</p>",
        intro,
    ), intro[:400]
    assert "The program consists of" not in text
    # The program's editions, then how to take part in one line, about a future edition,
    # pointing to the program's "How to take part" (whom to write to: the footer lists
    # the contacts, the page's main content does not name them again).
    assert text.index("The program’s 8 editions") < text.index("Edition 7 of 8")
    note = re.findall(r'<p class="edition-brief__take-part">(.*?)</p>', html)
    assert note == [
        'To take part in a future edition, see <a href="/programs/wego-shrdc-training-program/'
        '#take-part-heading">how to take part</a> on the program’s page.'
    ]
    assert text.index("The program’s 8 editions") < text.index("To take part in a future")
    assert "take-part-heading" not in html.replace("#take-part-heading", "")
    assert "Taking part now" not in text and "Each edition" not in text
    assert "andrew@we-gov.org" not in text
    # No panel says what is not known.
    for apology in ["not recorded", "What is recorded", "What is known", "No information"]:
        assert apology not in text
    assert "Add to calendar" not in text, "a past event does not lead with the calendar"
    assert "calendar.ics" in html, "its calendar file is still offered"
    # Its program's editions as a timeline, newest first, each link named by its program
    # and dates, this one marked and not a link: not the program's whole table again, nor
    # an onward pager beside it.
    assert "archive-table" not in html and 'class="pager"' not in html
    timeline = html[html.index('<section class="edition-timeline"') :]
    timeline = timeline[: timeline.index("</section>")]
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', timeline)
    named = [(href, text_of(SimpleNamespace(content=name.encode()))) for href, name in links]
    assert named[:2] == [
        (
            "/programs/wego-shrdc-training-program/2017-03/",
            "WeGO–SHRDC Training Program, 27–31 March 2017",
        ),
        (
            "/programs/wego-shrdc-training-program/2015-05/",
            "WeGO–SHRDC Training Program, 18–22 May 2015",
        ),
    ]
    assert len(named) == 7 and "This edition" in timeline


def test_an_upcoming_edition_leads_with_add_to_calendar(client, seed):
    edition = Edition.objects.get(slug="2016-05")
    today = dt.date.today()
    Edition.objects.filter(pk=edition.pk).update(
        start_date=today + dt.timedelta(days=40), end_date=today + dt.timedelta(days=44)
    )
    text = main_of(client.get(edition.get_absolute_url()).content.decode())
    assert "Add to calendar" in text
    assert "The call for applications to this edition" in text
    assert "will be published on this page" in text


def test_a_documented_edition_panel_does_not_repeat_the_head(client, seed):
    url = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    text = main_of(client.get(url).content.decode())
    assert text.count("9–12 July 2018") == 1
    assert text.count("Jeju Island, Korea") == 1


def test_a_program_known_by_its_name_is_presented_by_its_office(client, seed):
    text = main_of(client.get(CHENGDU).content.decode())
    assert "No information available yet" not in text
    assert "None published yet" not in text
    assert "WeGO Regional Office for Asia, Chengdu" in text
    # The office's year once, in the lede, not again among the facts.
    assert "which has organized training for WeGO members since 2014" in text
    assert "Office organizing training since 2014" not in text
    assert "write to the contacts at the foot of this page" in text, "whom to ask"
    assert "Other training programs" in text
    assert "WeGO–SHRDC Training Program" in text


def test_testimonials_have_one_name_throughout(client, seed):
    for url in [
        "/testimonials/",
        "/testimonials/2013/",
        "/programs/wego-shrdc-training-program/2013-06/",
        "/",
    ]:
        html = client.get(url).content.decode()
        headings = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)
        assert not [h for h in headings if "Testimonies" in h or "What participants said" in h], url
        assert any("Testimonials" in h for h in headings), url


def test_an_empty_search_stays_within_the_query_budget(
    client, seed, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    # The footer's contacts are counted once per content generation by whichever page
    # renders first (every page's first render is pinned in test_query_budget.py); this
    # pins what the empty search itself adds: the ways on and the spelling hint (and
    # the places it searches with what each did, read once per generation: three).
    client.get("/programs/")
    with django_assert_max_num_queries(11):
        response = client.get("/search/?q=Jejy+webinr")
    text = main_of(response.content.decode())
    assert "Did you mean Jeju webinar?" in text  # capitalised as the query is
    assert "From the news" in text and "News by tag" in text


def test_a_spelling_hint_is_only_a_word_the_site_holds(seed):
    assert search_help.spelling_hint("Ulyanovks") == "ulyanovsk"
    assert search_help.spelling_hint("Jeju") == ""  # nothing to correct
    assert search_help.spelling_hint("qqxxzz") == ""  # nothing close: no made-up hint
    assert search_help.spelling_hint("smrt cityes") == "smart cities"


def test_spelling_hints_look_at_the_first_words_only(seed):
    """A long query of made-up words is not compared word by word to the vocabulary."""
    assert search_help.spelling_hint("Jejy webinr") == "jeju webinar"
    assert search_help.spelling_hint("qqqq wwww xxxx yyyy zzzz Jejy") == ""


def test_text_is_typeset_on_the_page_and_kept_as_written(client, seed):
    """Number ranges read with an en dash and “e-Government”, “COVID-19” keep their
    hyphen's neighbours on one line, on the page only: the stored text is unchanged."""
    jeju = Edition.objects.get(program__kind="joint-workshop", start_date__year=2018)
    assert "July 9-12, 2018" in jeju.summary
    text = main_of(client.get(jeju.get_absolute_url()).content.decode())
    assert "July 9\u2060\u2013\u206012, 2018" in text
    assert "e\u2011Government" in text and "e-Government" not in text
    news = main_of(client.get("/news/").content.decode())
    assert "COVID\u201119" in news and "COVID-19" not in news


def test_an_edition_page_links_its_program_once_and_has_no_one_fact_panel(client, seed):
    call_command("load_demo", stdout=io.StringIO())
    edition = Edition.objects.get(program__is_sample=True)
    html = client.get(edition.get_absolute_url()).content.decode()
    main = html[html.index('<main id="main-content"') : html.index("</main>")]
    # The breadcrumb names the program above; in the page, "More of this program" only.
    assert main.count(f'href="{edition.program.get_absolute_url()}"') == 1
    assert "Key facts" not in main


def test_the_sample_reads_as_a_sample_once_and_is_never_suggested(client, seed):
    call_command("load_demo", stdout=io.StringIO())
    edition = Edition.objects.get(program__is_sample=True)
    html = client.get(edition.get_absolute_url()).content.decode()
    main = main_of(html)
    # Its title says "sample" and "not a real program" once, with no "(demo)" twice.
    title = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
    assert "(demo)" not in title and title.lower().count("sample") == 1
    assert "not a real program" in title
    # Filed under a kind only to have one: no page calls it a Main Training Program.
    for path in (edition.get_absolute_url(), edition.program.get_absolute_url()):
        page = client.get(path).content.decode()
        head = page[page.index('aria-label="Breadcrumb"') : page.index("</h1>")]
        assert "Main Training Program" not in head, path
        assert 'class="sample-badge"' in head, path
    assert "Sample edition (demo)" not in main
    # A search that finds nothing suggests real programs only.
    empty = client.get("/search/?q=zzqxv").content.decode()
    suggested = empty[empty.index('id="ways-programs"') : empty.index('id="ways-news"')]
    assert unbroken_names("WeGO–SHRDC Training Program") in suggested
    assert edition.program.get_absolute_url() not in suggested


def test_the_demo_puts_right_the_titles_it_gave_before(seed):
    call_command("load_demo", stdout=io.StringIO())
    edition = Edition.objects.get(program__is_sample=True)
    Edition.objects.filter(pk=edition.pk).update(title="Sample edition (demo)")
    call_command("load_demo", stdout=io.StringIO())
    edition.refresh_from_db()
    assert edition.title == "Edition with an open call"


# "organise" and its forms as the site's British copy wrote them; the seed spells it
# "organize" ("WeGO has organized a training program"), and so does the site.
BRITISH_ORGANIZE = re.compile(r"\b(?:co-)?organis(?:e|ed|es|ing|er|ers)\b", re.IGNORECASE)


def test_the_site_spells_organize_as_the_seed_does(client, seed):
    source = settings.BASE_DIR / "fixtures" / "source" / "training-programs-page.txt"
    seed_text = source.read_text()
    assert "organized" in seed_text and not BRITISH_ORGANIZE.search(seed_text)
    for url in [*public_urls(), CHENGDU, "/api/v1/schema/"]:
        response = client.get(url)
        kind = response.get("Content-Type", "")
        if response.status_code == 200 and kind.startswith(("text/", "application/")):
            found = BRITISH_ORGANIZE.findall(response.content.decode(errors="replace"))
            assert not found, (url, found)
    # What editors read in the admin: every field's label and help.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            words = f"{getattr(field, 'verbose_name', '')} {getattr(field, 'help_text', '')}"
            assert not BRITISH_ORGANIZE.search(words), (model, field.name, words)
