"""Program and edition pages with the seed: the facts of the seed page, and its gaps said
plainly."""

import datetime as dt
import re
from html import unescape

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from pages import program_pages
from programs.models import Country, Edition, Place, Program, ProgramKind
from tests.factories import (
    ContactFactory,
    EditionFactory,
    OrganisationFactory,
    ParticipantFactory,
    PostFactory,
    ProgramFactory,
    TestimonialFactory,
    TopicFactory,
    as_one_change,
)
from tests.html import json_ld_blocks, parse, text_of
from wego_site.core.publishing import PublicationStatus
from wego_site.core.templatetags.wego import unbroken_names

pytestmark = pytest.mark.django_db

JEJU = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
MAIN = "/programs/wego-shrdc-training-program/"
CHENGDU = "/programs/chengdu-smart-city-e-government-training-program/"


def test_jeju_edition_page(client, seed):
    response = client.get(JEJU)
    text = text_of(response)
    html = response.content.decode()
    assert "9–12 July 2018" in text
    assert '<time datetime="2018-07-09">9</time>–<time datetime="2018-07-12">' in html
    assert "Jeju Island, Korea" in text
    assert "People involved 69" in text
    # What the figure counts, under the figures, without the number again.
    assert "People involved: including speakers, observers and resource personnel." in text
    assert text.count("69") == 1
    assert "Participants 28" in text
    assert "18 cities and bodies from 13 countries" in text
    for topic in [
        "Role of Smart Cities in the 21st Century",
        "Cybersecurity and Privacy for Effective Data Management",
        "Carbon-free Island 2010 Strategy & Current Status and Prospect on Jeju Smart City",
        "Emerging Technologies and Trends in Smart City and e\u2011Government",
        "Smart City Models in Korea and the World",
        "Financing Smart City Projects: International Support Programs",
    ]:
        assert topic in text
    assert "Jeju Sunrise Park (UNESCO World Heritage Site)" in text
    assert "Russia Obninsk Ulyanovsk Region Yakutsk" in text
    assert "Palestine Hebron Municipality Ramallah Municipality" in text
    for organiser in ["Ministry of the Interior & Safety", "World Bank", "(NIA)"]:
        assert organiser in text
    assert 'href="mailto:alexandra@we-gov.org"' in html
    assert "Download the program" not in text, "the document was lost in the copy"
    assert "video highlight" not in text


def test_edition_page_has_event_json_ld(client, seed):
    event = json_ld_blocks(client.get(JEJU))["Event"]
    assert (event["startDate"], event["endDate"]) == ("2018-07-09", "2018-07-12")
    assert event["location"]["address"]["addressCountry"] == "KR"
    assert "World Bank" in [o["name"] for o in event["organizer"]]
    assert event["url"] == f"http://testserver{JEJU}"


def test_edition_page_shows_document_and_video_only_when_present(client, seed):
    Edition.objects.filter(slug="2018").update(
        video_url="https://video.example.org/jeju", program_document="editions/documents/p.pdf"
    )
    html = client.get(JEJU).content.decode()
    assert 'href="https://video.example.org/jeju"' in html
    assert 'href="/media/editions/documents/p.pdf"' in html


def test_edition_page_lists_its_testimonials(client, seed):
    text = text_of(client.get("/programs/wego-shrdc-training-program/2013-06/"))
    assert "Ms. Mirela Minca" in text
    assert "on behalf of Barcelona City Council" in text
    assert "Melissa" not in text


def test_edition_page_does_not_link_its_testimonials_to_itself(client, seed):
    url = "/programs/wego-shrdc-training-program/2013-06/"
    html = client.get(url).content.decode()
    assert f'href="{url}"' not in html
    # Its program's other editions are linked, among them those before and after it.
    assert 'href="/programs/wego-shrdc-training-program/2012-07/"' in html
    assert 'href="/programs/wego-shrdc-training-program/2014-04/"' in html
    assert "not recorded" not in text_of(client.get(url))


def test_main_program_page_lists_its_eight_editions(client, seed):
    response = client.get(MAIN)
    text = text_of(response)
    assert "Editions (8)" in text
    assert "Seoul Human Resource Development Center (SHRDC)" in text
    for slug in ["2011-09", "2012-05", "2012-07", "2013-06", "2014-04", "2015-05", "2016-05"]:
        assert f'href="{MAIN}{slug}/"' in response.content.decode()


def test_program_page_splits_upcoming_and_past(client, seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    EditionFactory(
        program=program, title="Next edition", start_date=dt.date.today() + dt.timedelta(days=30)
    )
    edition = Edition.objects.get(title="Next edition")
    html = client.get(MAIN).content.decode()
    # Without an open call the record comes first: the editions, newest first, it at the
    # top; then how to take part, which names it.
    assert html.index('id="editions-heading"') < html.index('id="take-part-heading"')
    take_part = html[html.index('id="take-part-heading"') :]
    assert f">{unbroken_names(edition.label)}</a>" in take_part
    rows = html[html.index('<table class="archive-table') :]
    assert rows.index(edition.get_absolute_url()) < rows.index(f"{MAIN}2017-03/")


def test_chengdu_is_presented_by_its_regional_office(client, seed):
    text = text_of(client.get(CHENGDU))
    assert "No information available yet" not in text
    assert "A program of the WeGO Regional Office for Asia, in Chengdu" in text
    # Not the kind's introduction again: that is the kind's page.
    assert "Starting 2014, the WeGO Regional Offices in Asia and Europe" not in text
    assert "How to take part" in text and "andrew@we-gov.org" in text
    # No edition is recorded here: the page says how they are announced, never that none
    # took place, and does not apologise.
    # Nor does it promise a series: a program may be a one-off. Its office, which the page
    # presents it by, is who will publish a call.
    assert (
        "No call for applications is open now. The regional office will "
        "publish any call of the program — who may apply, the deadline and the form — on "
        "this page." in text
    )
    # Said once: the office's paragraph no longer says it too.
    assert text.count("on this page") == 1
    assert "Each edition" not in text
    assert "recorded" not in text
    assert "The first edition" not in text and "will be announced" not in text
    html = client.get(CHENGDU).content.decode()
    assert (
        '<dt>Run by</dt><dd>WeGO Regional Office for Asia, <a href="/cities/chengdu/">Chengdu</a>'
        in html
    )


def test_the_programs_page_is_one_grid_of_cards_then_the_kinds(client, seed):
    """The programs page opens with the landing page's grid of program cards, one per real
    program in the order of the kinds, each its kind as its eyebrow; then "Kinds of
    program": each kind's heading a link to its page and its whole introduction, the
    regional kind's with a line for the office that runs no program yet (Europe), its
    place linked, not a card."""
    html = client.get("/programs/").content.decode()
    assert "office-card" not in html
    grid = html[html.index('<div class="card-grid card-grid--programs">') :]
    grid = grid[: grid.index('<section class="kinds"')]
    cards = re.findall(r'<article class="card program-card.*?</article>', grid, re.S)
    eyebrows = [re.search(r'<p class="eyebrow">(.*?)</p>', card)[1] for card in cards]
    assert eyebrows == [
        "Main Training Program",
        "Regional Office Program\u00a0·\u00a0Chengdu",
        "Partners’ Program",
        "Joint Workshop",
    ]
    assert "Regional office: Asia" in cards[1]
    kinds = html[html.index('<section class="kinds"') :]
    assert '<h2 id="kinds-heading">Kinds of program</h2>' in kinds
    assert "program-card" not in kinds[: kinds.index("taking-part")]
    regional = kinds[kinds.index('id="kind-regional"') : kinds.index('id="kind-partner"')]
    assert "Please stay tuned for more" in regional
    notes = re.findall(r'<p class="office-note">(.*?)</p>', html, re.S)
    assert len(notes) == 1 and notes[0] in regional
    text = " ".join(re.sub(r"<[^>]+>", "", notes[0]).split())
    assert text == (
        "WeGO Regional Office for Europe, Ulyanovsk Region, Russia: "
        "its own training programs are yet to be announced. How to hear of them"
    )
    assert '<a href="/cities/ulyanovsk-region/">Ulyanovsk Region</a>' in notes[0]
    assert '<a href="#taking-part-heading">How to hear of them</a>' in notes[0]


def test_the_regional_kinds_page_is_its_offices_side_by_side(client, seed):
    """The regional kind's page presents each regional office as a panel of one structure,
    the office that runs a program (Asia) and the one that runs none yet (Europe) alike,
    from the office's record: headed by its name, then where it is (its place linked, its
    country) and since when it organizes training; then a part headed "Programs": its
    programs as link rows (the title, then what the program records: its kind, its
    editions where it has any), or one row saying its programs are yet to be announced,
    with how to hear of them. No card with only a title in it, no footnote."""
    html = client.get("/programs/kind/regional/").content.decode()
    assert "The programs</h2>" not in html and "office-note" not in html
    offices = re.findall(r'<section class="office" .*?</section>', html, re.S)
    assert len(offices) == 2
    asia, europe = offices

    def text(html):
        return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())

    def where(office):
        return text(re.search(r'<p class="office__where">(.*?)</p>', office, re.S)[1])

    for office, slug in ((asia, "asia"), (europe, "europe")):
        # One structure: the name, where, then the labelled part; no card in either.
        assert "program-card" not in office
        assert re.findall(r"<(h[1-6]|p|ul)\b", office)[:3] == ["h2", "p", "h3"]
        assert f'<h3 class="office__label" id="office-{slug}-programs">Programs</h3>' in office
    assert (
        '<h2 id="office-asia-heading" class="office__name">WeGO Regional Office for Asia</h2>'
        in asia
    )
    assert (
        '<h2 id="office-europe-heading" class="office__name">WeGO Regional Office for Europe</h2>'
        in europe
    )
    assert where(asia) == "Chengdu, China · organizing training since 2014"
    assert '<a href="/cities/chengdu/">Chengdu</a>' in asia
    assert where(europe) == "Ulyanovsk Region, Russia · organizing training since 2014"
    assert '<a href="/cities/ulyanovsk-region/">Ulyanovsk Region</a>' in europe
    rows = re.findall(r"<li>(.*?)</li>", asia, re.S)
    assert len(rows) == 1
    assert '<a href="/programs/chengdu-smart-city-e-government-training-program/">' in rows[0]
    # The program's title, then what it records: its kind (it has no edition yet).
    assert text(rows[0]) == (
        "Chengdu Smart City & e-Government Training Program Regional Office Program"
    ).replace("e-Gov", "e\u2011Gov")
    assert "<li>" not in europe
    to_come = re.search(r'<p class="office__programs office__to-come">(.*?)</p>', europe, re.S)
    assert text(to_come[1]) == (
        "Its own training programs are yet to be announced. How to hear of them"
    )
    assert '<a href="#taking-part-heading">How to hear of them</a>' in to_come[1]
    assert 'id="taking-part-heading"' in html


def test_an_offices_program_row_names_its_editions(client, seed):
    """A regional office's program with editions says so on its row: its kind, then its
    editions as a program card's meta line does (their number, since when, the latest)."""
    chengdu = Program.objects.get(slug="chengdu-smart-city-e-government-training-program")
    EditionFactory(program=chengdu, start_date=dt.date(2019, 5, 6), end_date=dt.date(2019, 5, 8))
    html = client.get("/programs/kind/regional/").content.decode()
    asia = html[html.index('<section class="office" aria-labelledby="office-asia-heading"') :]
    row = asia[asia.index("<li>") : asia.index("</li>")]
    meta = " ".join(re.sub(r"<[^>]+>", "", row[row.index('<span class="meta">') :]).split())
    assert meta.startswith("Regional Office Program · 1 edition")
    assert "2019" in meta and "latest" not in meta


KINDS = ("main", "regional", "partner", "joint-workshop")


def kind_tabs(html):
    """The row of kind tabs under a programs page's head."""
    tabs = html[html.index('<nav class="kind-tabs" aria-label="Kinds of program">') :]
    return tabs[: tabs.index("</nav>")]


def test_programs_page_leads_to_each_kinds_own_page(client, seed):
    """Each group's heading links to the kind's page, not to an anchor on this one. The
    kind tabs are the kinds' own pages' navigation: on this page, where no kind is the
    current one and the headings right under them name the four, they would say the
    headings again."""
    html = client.get("/programs/").content.decode()
    for kind in KINDS:
        heading = re.search(rf'<h3 id="kind-{kind}-heading"[^>]*>(.*?)</h3>', html, re.S)[1]
        assert f'<a href="/programs/kind/{kind}/">' in heading
        assert client.get(f"/programs/kind/{kind}/").status_code == 200
    assert "kind-tabs" not in html
    head = html[html.index('<div class="page-head">') : html.index('<div class="page-sections')]
    assert "/programs/kind/" not in head


@pytest.mark.parametrize("kind", KINDS)
def test_a_kinds_page_has_the_kind_tabs_its_own_marked_current(client, seed, kind):
    """The kinds are one navigation: the programs page's row of tabs, under the head of
    each kind's page too, the page's own kind marked current; no "Other kinds" block."""
    html = client.get(f"/programs/kind/{kind}/").content.decode()
    tabs = kind_tabs(html)
    assert re.findall(r'href="([^"]+)"', tabs) == [f"/programs/kind/{each}/" for each in KINDS]
    assert re.findall(r'<a href="([^"]+)" aria-label="[^"]+" aria-current="page">', tabs) == [
        f"/programs/kind/{kind}/"
    ]
    assert html.index("</h1>") < html.index('<nav class="kind-tabs"')
    assert html.index('<nav class="kind-tabs"') < html.index('<div class="page-sections')
    assert "Other kinds of program" not in html and "other-kinds" not in html
    assert html.count('class="kind-tabs"') == 1


def test_a_kind_tab_shows_a_word_of_its_name_and_is_named_in_full(client, seed):
    """On a phone a tab shows its kind's short label, the rest of its name kept for screen
    readers: the link's text and its name are the whole name, the word shown the start
    of one of its words (the visible label within the accessible name)."""
    tabs = kind_tabs(client.get("/programs/kind/main/").content.decode())
    names = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<a [^>]*>(.*?)</a>", tabs)]
    assert re.findall(r'<a [^>]*aria-label="([^"]+)"', tabs) == names
    assert names == [
        "Main Training Programs",
        "Regional Office Programs",
        "Partners’ Programs",
        "Joint Workshops",
    ]
    for kind, name in zip(ProgramKind, names, strict=True):
        # A word's start ("Partners" of "Partners’"), whole on every other tab.
        assert re.search(rf"\b{kind.short_label}", name), (kind, name)
    assert [kind.short_label for kind in ProgramKind] == [
        "Main",
        "Regional",
        "Partners",
        "Workshops",
    ]
    assert tabs.count('class="kind-tabs__more"') == 4


def test_a_program_card_says_what_exists(client, seed):
    """A text on every card, and the same meta line, built from what the program records
    (its partners or regional office, its editions), never what is missing; in the
    programs page's one grid each names its kind in its eyebrow."""
    html = client.get("/programs/").content.decode()
    cards = re.findall(r'<article class="card program-card.*?</article>', html, re.S)
    assert len(cards) == 4  # one per program, the regional one too
    for card in cards:
        assert '<p class="card__text">' in card, card
        assert '<p class="eyebrow">' in card, card
    text = " ".join(re.sub(r"<[^>]+>", "", card) for card in cards)
    assert "Held once, 9–12 July 2018, in Jeju Island." in " ".join(text.split())
    assert "8 editions since 2011" in text
    assert "No edition recorded yet" not in html
    world_bank = next(card for card in cards if "World Bank" in card)
    assert re.search(
        r'<p class="card__meta">.*Partners:.* World Bank, World Bank Institute</p>', world_bank
    )
    shrdc = next(card for card in cards if "8 editions" in card)
    assert "Partner:</span> SHRDC · 8 editions since 2011 · latest" in shrdc
    # On the landing page the cards are short: kind, title, one sentence and meta line.
    landing = client.get("/").content.decode()
    landing_cards = re.findall(r'<article class="card program-card.*?</article>', landing, re.S)
    assert landing_cards and all("program-card--teaser" in card for card in landing_cards)
    assert all(card.count('<p class="card__text">') == 1 for card in landing_cards)


def card_texts(html):
    """{title: (its text line, its meta line)} of the program cards in the html."""
    cards = {}
    for card in re.findall(r'<article class="card program-card.*?</article>', html, re.S):
        title = re.search(r'<h[23] class="card__title"><a [^>]*>(.*?)</a>', card, re.S)[1]
        parts = [
            " ".join(unescape(re.sub(r"<[^>]+>", "", part)).split()) if part else None
            for part in (
                (re.search(r'<p class="card__text">(.*?)</p>', card, re.S) or [None, None])[1],
                (re.search(r'<p class="card__meta">(.*?)</p>', card, re.S) or [None, None])[1],
            )
        ]
        cards[unescape(re.sub(r"<[^>]+>", "", title)).replace("\u2011", "-")] = tuple(parts)
    return cards


def test_a_program_card_in_short_has_one_sentence_of_its_own(client, seed):
    """The landing page's cards in short are never half empty: each has one line drawn
    from the program's own text, its summary's first sentence, else the line its full card
    has (its office, or when it was held); the meta line does not say that again."""
    cards = card_texts(client.get("/").content.decode())
    assert cards == {
        "WeGO–SHRDC Training Program": (
            "Since 2011, WeGO has organized a training program in partnership with the Seoul "
            "Human Resource Development Center (SHRDC) in Seoul, Korea.",
            "Partner: SHRDC · 8 editions since 2011 · latest 27–31 March 2017, Seoul",
        ),
        "Chengdu Smart City & e-Government Training Program": (
            "A program of the WeGO Regional Office for Asia, in Chengdu, which has organized "
            "training for WeGO members since 2014.",
            "Regional office: Asia",
        ),
        "World Bank Institute’s Smart Cities Webinar Series": (
            "Building on WeGO’s strong partnership with the World Bank, WeGO has collaborated "
            "with the “Smart Cities” series of the World Bank Institute’s successful webinar "
            "program.",
            "Partners: World Bank, World Bank Institute",
        ),
        "Joint Workshop for Smart Sustainable Cities & e-Government": (
            "Held once, 9–12 July 2018, in Jeju Island.",
            "1 edition",
        ),
    }
    # The full cards on the programs page: the same line, the summary whole.
    full = card_texts(client.get("/programs/").content.decode())
    for title, (text, meta) in cards.items():
        assert full[title][0].startswith(text) and full[title][1] == meta
    assert full["WeGO–SHRDC Training Program"][0] != cards["WeGO–SHRDC Training Program"][0]


@pytest.mark.parametrize("path", [CHENGDU])
def test_without_a_call_how_to_take_part_is_a_note_of_one_paragraph(client, seed, path):
    """No call open, no record beside it (Chengdu): one paragraph (no call now, where one
    will be published, whom to write to), a note rather than the open call's panel. Whom
    to write to are the footer's contacts, which the footer names with their addresses:
    the paragraph says so in a short line pointing there, and the page's main content
    names no one."""
    html = client.get(path).content.decode()
    section = html[html.index('<section class="take-part') :]
    section = section[: section.index("</section>")]
    assert section.startswith('<section class="take-part take-part--note')
    paragraphs = re.findall(r"<p>(.*?)</p>", section, re.S)
    assert len(paragraphs) == 1
    assert paragraphs[0].startswith("No call for applications is open now.")
    assert paragraphs[0].endswith(
        "To hear of a new call, or for any question, write to the "
        '<a href="#footer-contacts">contacts at the foot of this page</a>.'
    )
    # Said from the program's own record, not the same paragraph on every page.
    said = " ".join(paragraphs[0].split())
    assert {
        MAIN: "The latest of the program’s 8 editions was held in March 2017; any new call",
        CHENGDU: "The regional office will publish any call of the program",
    }.get(path, "open now. Any new call") in said
    main = html[html.index("<main") : html.index('<footer class="site-footer">')]
    assert "mailto:" not in main and "Sidorova" not in main
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<p class="site-footer__heading" id="footer-contacts">Contacts</p>' in footer
    assert '<a href="mailto:andrew@we-gov.org">andrew@we-gov.org</a>' in footer


@pytest.mark.parametrize(
    "path",
    [
        MAIN,
        "/programs/joint-workshop-smart-sustainable-cities-e-government/",
        "/programs/world-bank-institute-smart-cities-webinar-series/",
    ],
)
def test_beside_a_record_how_to_take_part_is_two_short_lines(client, seed, path):
    """In the rail beside the program's record (its editions, its lead edition, its
    partner's edition), how to take part says only what the record does not: no call now,
    any new one on this page; then whom to write to as an onward link to the footer's
    contacts, no nine-line paragraph in a narrow column."""
    html = client.get(path).content.decode()
    section = html[html.index('<section class="take-part') :]
    section = section[: section.index("</section>")]
    assert section.startswith('<section class="take-part take-part--note take-part--rail"')
    paragraphs = [" ".join(p.split()) for p in re.findall(r"<p[^>]*>(.*?)</p>", section, re.S)]
    assert paragraphs == [
        "No call for applications is open now; any new call will be published on this page.",
        '<a href="#footer-contacts">Whom to write to</a>',
    ]
    assert '<p class="more"><a href="#footer-contacts">' in section
    assert "mailto:" not in section and "Sidorova" not in section


def test_whom_to_write_to_is_named_in_full_only_where_the_footer_does_not_name_them(db):
    """The one line on whom to write to: the footer's contacts in short, pointing to the
    footer; anyone else (a draft program's own contact, in a staff preview) by name with
    their address."""
    jin = ContactFactory(honorific="Dr.", name="Jin Park", email="jin@example.org")
    start = "To hear of a new call, or for any question, write to "
    for footer, said in [
        ([], 'Dr.\u00a0Jin Park at <a href="mailto:jin@example.org">jin@example.org</a>.'),
        ([jin], 'the <a href="#footer-contacts">contacts at the foot of this page</a>.'),
    ]:
        html = render_to_string(
            "includes/write_to.html", {"people": [jin], "footer_contacts": footer}
        )
        assert html == start + said


def test_a_contacts_honorific_is_held_to_the_name_on_every_page(client, seed):
    """No line ends after “Ms.”: a page sets a contact's honorific and name with a
    non-breaking space (the footer, a call's contacts); the stored name and its admin,
    data and email uses keep the plain space."""
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Ms.\u00a0Alexandra Sidorova" in footer and "Mr.\u00a0Andrew Lim" in footer
    assert "Ms. Alexandra" not in html
    assert ContactFactory.build(honorific="", name="Jin Park").name_on_page == "Jin Park"


def test_joint_workshop_program_shows_announcement_and_contacts(client, seed):
    text = text_of(client.get("/programs/joint-workshop-smart-sustainable-cities-e-government/"))
    assert "Past announcement" in text
    assert "call for applications (early-mid 2018)" in text
    assert "Mr. Andrew Lim at andrew@we-gov.org" in text


def test_programs_grouped_by_kind(client, seed):
    """The programs' cards (h2 titles, in the order of the kinds), then the kinds (h3
    under "Kinds of program"), then the Taking part band."""
    headings = parse(client.get("/programs/")).headings
    assert [text for level, text in headings if level == 3] == [
        "Main Training Programs",
        "Regional Office Programs",
        "WeGO Partners’ Programs",
        "Joint Workshops",
        "Read more",  # the Taking part band's
    ]
    assert [text for level, text in headings if level == 2] == [
        "WeGO–SHRDC Training Program",
        "Chengdu Smart City & e\u2011Government Training Program",
        "World Bank Institute’s Smart Cities Webinar Series",
        "Joint Workshop for Smart Sustainable Cities & e\u2011Government",
        "Kinds of program",
        "Taking part",
    ]
    text = text_of(client.get("/programs/kind/regional/"))
    assert "Chengdu Smart City & e\u2011Government Training Program" in text
    assert "WeGO–SHRDC" not in text


def test_archive_by_year(client, seed):
    text = text_of(client.get("/programs/archive/"))
    assert "9 editions held from 2011 to 2018" in text
    assert "28 participants from 18 cities and bodies in 13 countries" in text
    html = client.get("/programs/archive/2012/").content.decode()
    text = text_of(client.get("/programs/archive/2012/"))
    # The head says the year in a sentence, its one program and its one venue among it:
    # the rows say neither (the caption again, for screen readers only, as the table has
    # no program or venue column), each row's link its dates.
    assert "Two editions of the WeGO–SHRDC Training Program, 16 days of training in Seoul" in text
    assert "archive-table__program" not in html and "archive-table__venue" not in html
    assert html.count('<th class="archive-table__dates" scope="row"><a ') == 2
    assert re.search(
        r'<caption class="visually-hidden">Editions of 2012, newest first\. All are editions '
        r'of the <a href="/programs/wego-shrdc-training-program/">.*?</a>, held in Seoul, Korea\.',
        html,
    )
    # Newest first, as the archive lists them.
    assert text.index("1–7 July 2012") < text.index("29 May – 6 June 2012")
    assert "September 2011" not in text


def test_fixed_paths_win_over_program_slugs(client, seed):
    # Even if a program slipped past validation, the fixed pages keep their addresses.
    Program.objects.create(
        title="Archive", slug="archive", kind=ProgramKind.MAIN, status="published"
    )
    response = client.get("/programs/archive/")
    assert response.status_code == 200
    assert response.templates[0].name == "programs/edition_archive.html"


def test_a_program_page_offers_a_few_other_programs_however_many_there_are(client, seed):
    """Those of its kind first, then a link to them all: the page stays the same size."""
    response = client.get(MAIN)
    seed_others = [other.title for other in response.context["other_programs"]]
    assert len(seed_others) == 3 and not response.context["more_programs"]
    assert 'href="/programs/">All programs</a>' not in response.content.decode()

    with as_one_change():
        ProgramFactory.create_batch(20, kind=ProgramKind.PARTNER)
        ProgramFactory(kind=ProgramKind.MAIN, title="Another main program", position=99)
    response = client.get(MAIN)
    others = response.context["other_programs"]
    assert len(others) == 8
    assert others[0].title == "Another main program", "its own kind comes first"
    assert response.context["more_programs"]
    nav = text_of(response).split("Other training programs", 1)[1]
    assert "Another main program" in nav and "All programs" in nav


def test_counts_are_grammatical(client, seed):
    edition = EditionFactory(program=Program.objects.get(slug="wego-shrdc-training-program"))
    edition.participants.create(name="Lone City", country=Country.objects.get(code="KR"))
    text = text_of(client.get(edition.get_absolute_url()))
    assert "1 city or body from 1 country." in text
    assert "Cities and bodies 1 Countries 1" in text
    edition.participants.create(
        name="Second City", country=Country.objects.get(code="KR"), position=2
    )
    text = text_of(client.get(edition.get_absolute_url()))
    assert "2 cities and bodies from 1 country." in text
    assert "in 1 countries" not in text and "1 countries" not in text


def test_kind_names_have_one_casing_in_headings_crumbs_and_facts(client, seed):
    """The kinds are named as the programs page heads them, in title case, everywhere."""
    page = client.get("/programs/wego-shrdc-training-program/").content.decode()
    trail = page[page.index('aria-label="Breadcrumb"') :]
    assert ">Main Training Programs</a>" in trail[: trail.index("</nav>")]
    assert ">Main Training Programs</a></dd>" in page  # the Key facts' kind
    assert "Main training program" not in text_of(client.get("/search/?q=SHRDC"))


def test_the_main_program_shows_what_its_participants_said(client, seed):
    html = client.get(MAIN).content.decode()
    section = html[html.index('id="testimonials-heading"') :]
    section = section[: section.index("</section>")]
    # The testimonials page's list, not a grid of cards of its own.
    assert '<div class="testimonial-list">' in section and "testimonial-grid" not in section
    # Two, the first in the testimonials page's order: the page has them all.
    assert section.count('class="testimonial"') == 2
    names = re.findall(r'class="testimonial__name">(.*?)<', section)
    assert names == ["Ms. Mirela Minca", "Mr. Santiago Nieva Giralt"], names
    assert '<a href="/testimonials/">All 4 testimonials</a>' in section
    # Each byline as text: the program is the page's, the city not a second link.
    assert "The whole testimony" in section and 'href="/cities/' not in section
    # A quote shortened ends where one of its sentences ends, never mid-sentence.
    quotes = re.findall(r'<blockquote class="testimonial__quote">(.*?)</blockquote>', section, re.S)
    assert len(quotes) == 2 and "…" not in section
    assert all(re.sub(r"<[^>]+>", "", q).strip().endswith(".") for q in quotes)
    assert 'id="testimonials-heading"' not in client.get(CHENGDU).content.decode()


def test_the_link_to_every_testimonial_counts_the_testimonials_page(client, seed):
    """ "All N testimonials" says how many the testimonials page, where it leads, holds:
    another program's testimonial counts too, a hidden one does not."""
    with as_one_change():
        TestimonialFactory(
            program=Program.objects.get(slug="chengdu-smart-city-e-government-training-program")
        )
        TestimonialFactory(status=PublicationStatus.DRAFT)
    html = client.get(MAIN).content.decode()
    assert '<a href="/testimonials/">All 5 testimonials</a>' in html


def test_without_a_call_how_to_take_part_is_the_rails_second_panel(client, seed):
    """Beside a program's editions the rail holds its Key facts, then how to take part (on a
    phone after the facts, before the testimonials); a program with no text and no
    edition keeps it as its opening (the webinar series, whose opening is its partner's
    record, has it in the rail too), and an open call keeps it leading the rest."""
    html = client.get(MAIN).content.decode()
    rail = html[html.index('<aside class="side-col"') :]
    assert rail.index("</aside>") < rail.index(
        '<section class="take-part take-part--note take-part--rail"'
    )
    assert rail.index('id="take-part-heading"') < rail.index('class="main-col"')
    assert html.count('id="take-part-heading"') == 1
    assert "take-part--rail" not in client.get(CHENGDU).content.decode()
    webinars = "/programs/world-bank-institute-smart-cities-webinar-series/"
    assert "take-part--rail" in client.get(webinars).content.decode()


def test_co_organisers_are_listed_one_a_line(client, seed):
    html = client.get(JEJU).content.decode()
    facts = html[html.index("<dt>Co-organizers</dt>") :]
    facts = facts[: facts.index("</dd>")]
    assert '<ul class="fact-list">' in facts
    assert facts.count("<li>") == 4 and "<li>World Bank</li>" in facts


def test_a_programs_editions_are_the_archives_table_without_a_program_column(client, seed):
    """A program's page lists its editions in the archive's table: no program column
    (every row is the program), the years as headers of their rows, the two of 2012 told
    apart by their months; all eight held in Seoul, no venue column either: the caption
    says it once."""
    html = client.get(MAIN).content.decode()
    section = html[html.index('id="editions-heading"') :]
    table = section[section.index('<table class="archive-table') : section.index("</table>")]
    assert "edition-table" not in html and "edition-row" not in html
    assert "archive-table--in-program" in table
    assert '<th scope="col">Program</th>' not in table
    assert "archive-table__program" not in table
    assert table.count('<th class="archive-table__dates" scope="row">') == 8
    # The label's words joined by an en dash ("May–June") are held on one line by a span.
    years = [re.sub(r"<[^>]+>", "", y) for y in re.findall(r'scope="rowgroup">(.*?)</th>', table)]
    assert years == [
        "2017",
        "2016",
        "2015",
        "2014",
        "2013",
        "2012 (July)",
        "2012 (May–June)",
        "2011",
    ]
    assert '<th scope="col">Venue</th>' not in table and "archive-table__venue" not in table
    assert table.count("Seoul, Korea") == 1
    assert re.search(
        r'<caption><span class="visually-hidden">Editions of the program, newest first\. '
        r"</span>All held in Seoul, Korea\.</caption>",
        table,
    )
    assert "aria-current" not in table


def test_a_program_without_text_of_its_own_leads_with_its_latest_edition(client, seed):
    """The joint workshop has no summary: its head's lede is its card's line (held once,
    the edition's dates and venue), and its one edition's record leads the page, in
    place of a one-row table, before the past announcement; its topics bulleted as the
    edition's page lists them."""
    url = "/programs/joint-workshop-smart-sustainable-cities-e-government/"
    html = client.get(url).content.decode()
    head = html[html.index('<div class="page-head">') : html.index("</h1>") + 200]
    lede = re.search(r'</h1>\s*<p class="lede">(.*?)</p>', head, re.S)
    assert lede, "a lede under the heading"
    assert " ".join(re.sub(r"<[^>]+>", "", lede[1]).split()) == (
        "Held once, 9–12 July 2018, in Jeju Island, Korea."
    )
    lead = html[html.index('<section class="edition-lead"') :]
    lead = lead[: lead.index("</section>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", lead).split())
    assert "12 July 2018 · Jeju Island, Korea" in text and ">9<" in lead
    assert "decided to co-organize the Joint Workshop" in text
    assert re.search(r"<dt>Participants</dt><dd>28</dd>", lead)
    assert re.search(r"<dt>Cities and bodies</dt><dd>18</dd>", lead)
    assert "Smart City Models in Korea" in text
    assert f'href="{url}2018/">The 2018 edition in full</a>' in lead
    # Headed by what it is to the program, not by its title again; its topics the
    # edition page's bulleted list.
    assert '<h2 id="edition-lead-heading" class="edition-lead__title">The 2018 edition</h2>' in lead
    assert "Smart Sustainable Cities &amp; e\u2011Government 2018" not in lead
    assert "fact-list" not in lead
    assert lead.count('<ul class="tick-list tick-list--columns">') == 1
    edition = client.get(f"{url}2018/").content.decode()
    assert edition.count('<ul class="tick-list tick-list--columns">') == 2, "topics, visits"
    # The co-organizers of its one edition are among the program's Key facts, in the one
    # list style, not under the record.
    assert "<dt>Co-organizers</dt>" not in lead
    rail = html[html.index('<aside class="side-col"') :]
    organisers = rail[rail.index("<dt>Co-organizers</dt>") : rail.index("</aside>")]
    organisers = organisers[: organisers.index("</dd>")]
    assert '<ul class="fact-list">' in organisers and organisers.count("<li>") == 4
    assert "<li>National Information Society Agency (NIA)</li>" in organisers
    # The source's "e-Goverment" is corrected in the seed.
    assert "Smart Cities and e\u2011Government, WeGO" in text
    assert html.index("edition-lead") < html.index("Past announcement")
    assert 'id="editions-heading"' not in html, "no table of one row"
    # A program with a text of its own keeps its table and has no lead.
    main = client.get(MAIN).content.decode()
    assert "edition-lead" not in main and 'id="editions-heading"' in main


JOINT = "/programs/joint-workshop-smart-sustainable-cities-e-government/"
BRIEF = f"{MAIN}2016-05/"  # known by its dates and venue: the compact page


def test_program_and_edition_pages_read_the_database_once_per_content_generation(
    client, seed, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    for url in [
        JOINT,
        MAIN,
        JEJU,
        BRIEF,
        "/programs/world-bank-institute-smart-cities-webinar-series/",
    ]:
        first = client.get(url).content
        # Rendered again with no content change: nothing is read again.
        with django_assert_num_queries(0):
            assert client.get(url).content == first, url


def test_program_and_edition_pages_show_a_content_change_at_once(client, seed, settings):
    settings.PAGE_CACHE_ENABLED = False
    for url in [JOINT, JEJU, BRIEF]:
        client.get(url)
    program = Program.objects.get(slug="joint-workshop-smart-sustainable-cities-e-government")
    jeju = Edition.objects.get(program=program, slug="2018")
    program.partners.add(OrganisationFactory(name="A partner added now"))
    PostFactory(title="A post about the workshop").related_programs.add(program)
    TestimonialFactory(edition=jeju, person_name="A participant heard now", year=2030)
    TopicFactory(edition=jeju, title="A topic added now", position=99)
    program.title = "The workshop renamed"
    program.save()
    joint = text_of(client.get(JOINT))
    for news in [
        "A partner added now",
        "A post about the workshop",
        "A participant heard now",
        "The workshop renamed",
    ]:
        assert news in joint
    edition = text_of(client.get(JEJU))
    for news in ["A participant heard now", "A topic added now", "The workshop renamed"]:
        assert news in edition
    Program.objects.get(slug="wego-shrdc-training-program").contacts.add(
        ContactFactory(email="asked-now@example.org")
    )
    assert 'href="mailto:asked-now@example.org"' in client.get(BRIEF).content.decode()
    jeju.status = PublicationStatus.DRAFT
    jeju.save()
    assert client.get(JEJU).status_code == 404


def test_an_edition_is_past_on_its_pages_the_day_after_it_ends(client, seed, settings, monkeypatch):
    """Which editions are still to come is decided per request: the next day moves an
    edition among the past ones with no content change in between."""
    settings.PAGE_CACHE_ENABLED = False
    from django.utils import timezone

    today = timezone.localdate()
    program = Program.objects.get(slug="joint-workshop-smart-sustainable-cities-e-government")
    ending = EditionFactory(program=program, slug="ends-today", start_date=today, days=0, parts=1)
    year_link = "Every program’s editions that year"
    assert client.get(JOINT).context["upcoming_editions"] == [ending]
    response = client.get(ending.get_absolute_url())
    assert response.context["is_past"] is False
    assert year_link not in text_of(response)
    tomorrow = today + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    context = client.get(JOINT).context
    assert context["upcoming_editions"] == []
    assert context["past_editions"][0] == ending
    response = client.get(ending.get_absolute_url())
    assert response.context["is_past"] is True
    assert year_link in text_of(response)


def test_a_process_keeps_the_rows_of_a_bounded_number_of_pages(client, seed, settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(program_pages, "PAGES_KEPT", 1)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for url in [JOINT, MAIN, JEJU, BRIEF]:
        queries(url)
    # The first program and the first edition are kept; the others are read each time.
    assert queries(JOINT) == queries(JEJU) == 0
    assert queries(MAIN) > 0 and queries(BRIEF) > 0


def test_a_programs_table_rows_say_what_their_editions_recorded(client, seed):
    """A row of the program's table whose participants or topics are recorded says, under
    its dates, how many cities and bodies took part, from how many countries, and how many
    topics; a row with none of these has no such line."""
    program = Program.objects.get(slug="wego-shrdc-training-program")
    edition = program.editions.get(slug="2017-03")
    with as_one_change():
        for position in (1, 2):
            ParticipantFactory(edition=edition, position=position)
        TopicFactory(edition=edition, position=1)
    html = client.get(MAIN).content.decode()
    start = html.index('<table class="archive-table')
    table = html[start : html.index("</table>", start)]
    # Under the dates (no program column here); the length is a column of its own.
    facts = re.findall(r'</a><span class="archive-table__took-part">(.*?)</span></th>', table, re.S)
    assert table.count('<td class="archive-table__length">') == 8
    fact_texts = [re.sub(r"<[^>]+>", "", f) for f in facts]
    assert fact_texts == ["2 cities and bodies in 2 countries · 1 topic"]


def test_a_regional_program_known_by_its_name_says_only_its_own_facts(client, seed):
    """Chengdu's page says what is known of the program and no more: its head's lede
    names its office, its city and since when the office organizes training; its opening,
    beside the Key facts, is how to take part (where its calls will be published, who
    answers), with no paragraph on what all the regional offices do."""
    html = client.get(CHENGDU).content.decode()
    lede = re.search(r'</h1>\s*<p class="lede">(.*?)</p>', html, re.S)[1]
    assert "WeGO Regional Office for Asia" in lede and "since 2014" in lede
    opening = html[html.index('class="main-intro"') : html.index('class="side-col"')]
    assert re.findall(r"<h2\b[^>]*>(.*?)</h2>", opening) == ["How to take part"]
    assert "The regional office will publish any call of the program" in opening
    for generic in ("About the regional office", "special training courses", "office-intro"):
        assert generic not in html, generic
    # The year its office began is said once, in the lede.
    assert html.count("since 2014") + html.count("Since 2014") == 1


def head_of(html):
    """A page's head band: from its `.page-head` to the sections that follow it."""
    start = html.index('<div class="page-head">')
    return html[start : html.index('<div class="page-sections', start)]


@pytest.mark.parametrize(
    ("path", "place"),
    [
        (MAIN, "Seoul, Korea"),
        (CHENGDU, "Chengdu, China"),
        ("/programs/joint-workshop-smart-sustainable-cities-e-government/", "Jeju, Korea"),
        (JEJU, "Jeju, Korea"),
    ],
)
def test_a_page_about_a_place_shows_its_locator_map_in_its_head(client, seed, path, place):
    """The head's picture is the locator map of where the program is held (its office's
    city, else its editions' venue), of an edition's venue: one mark each, captioned with the place and its country; its sources not beside it but one quiet
    line in the footer's bar."""
    html = client.get(path).content.decode()
    head = head_of(html)
    figure = head[head.index('<figure class="page-head__map">') :]
    assert '<svg class="locator-map"' in figure
    assert figure.count('class="locator-map__mark"') == 1
    assert f'<figcaption class="page-head__map-caption">{place}<' in figure
    assert "Natural Earth" not in head and "GeoNames" not in head
    credit = html[html.index('<p class="map-credit">') :]
    assert "Natural Earth" in credit[: credit.index("</p>")]
    assert 'href="https://www.geonames.org/"' in credit[: credit.index("</p>")]
    assert html.count('<p class="map-credit">') == 1
    assert html.index('<div class="site-footer__bar">') < html.index('<p class="map-credit">')
    assert html.count('<svg class="locator-map"') == 1


def test_the_regional_offices_are_mapped_only_when_every_one_has_a_point(client, seed):
    """Ulyanovsk Region, the office for Europe, has no point: a map of Chengdu alone would
    say it is the only office."""
    assert "page-head__map" not in client.get("/programs/kind/regional/").content.decode()
    office = Place.objects.get(name="Ulyanovsk Region")
    office.latitude, office.longitude = 54.3, 48.4
    office.save()
    head = head_of(client.get("/programs/kind/regional/").content.decode())
    assert head.count('class="locator-map__mark"') == 2


@pytest.mark.parametrize(
    "path",
    [
        "/programs/kind/main/",
        "/programs/",
        "/news/",
        "/programs/archive/",
    ],
)
def test_a_page_about_no_place_has_no_map_in_its_head(client, seed, path):
    html = client.get(path).content.decode()
    assert "page-head__map" not in html
    assert "map-credit" not in html
    assert "locator-map" not in html


def test_a_kinds_page_leads_with_its_introductions_first_sentence(client, seed):
    """The head's lede is the introduction's first sentence; the rest opens the body."""
    html = client.get("/programs/kind/regional/").content.decode()
    head = html[html.index('class="page-head"') : html.index('class="page-sections')]
    body = html[html.index('class="page-sections') :]
    assert "Starting 2014, the WeGO Regional Offices in Asia and Europe" in head
    assert "Please stay tuned" not in head and "Please stay tuned" not in body
    # No eyebrow: the breadcrumbs right above the heading already say "Programs".
    assert 'class="eyebrow"' not in head
    # A one-sentence introduction is the lede alone.
    html = client.get("/programs/kind/partner/").content.decode()
    assert "WeGO collaborates with its partners" in html
    assert "kind-section__intro" not in html


def test_other_programs_are_the_program_cards_in_short(client, seed):
    """A program's ways on are the one program card in short (`teaser`): kind, title, one
    sentence and meta line, as on the landing page."""
    html = client.get(CHENGDU).content.decode()
    others = html[html.index('id="other-programs-heading"') :]
    others = others[: others.index("</nav>")]
    cards = re.findall(r'<article class="card program-card.*?</article>', others, re.S)
    assert len(cards) == 3
    assert all("program-card--teaser" in card for card in cards)
    assert all(card.count('<p class="card__text">') == 1 for card in cards)
    shrdc = next(card for card in cards if "SHRDC" in card)
    assert '<p class="eyebrow">Main Training Program</p>' in shrdc
    assert "8 editions since 2011 · latest" in shrdc
    assert "Seoul Human Resource Development Center (SHRDC) in Seoul, Korea." in shrdc
    assert "The program consists of diverse lectures" not in shrdc
    # A program with one edition and no summary: its line says when it was held, the meta
    # line its one edition, without "latest".
    workshop = next(card for card in cards if "Joint Workshop" in card)
    assert re.search(r'<p class="card__text">Held once, <span class="date-range">', workshop)
    assert '<p class="card__meta">1 edition</p>' in workshop
    assert "latest" not in workshop
    # The programs page keeps the whole card.
    programs = client.get("/programs/").content.decode()
    assert "Seoul Human Resource Development Center (SHRDC) in Seoul, Korea." in programs


def test_the_programs_page_and_the_map_have_one_name_each(client, seed):
    """The programs page is "Programs" and the map of places "Cities" wherever they are
    named: the menu, the footer, the heading, the title and the breadcrumbs."""
    html = client.get("/programs/").content.decode()
    assert "<h1>Programs</h1>" in html and "<title>Programs ·" in html
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/programs/">Programs</a>' in footer
    assert '<a href="/cities/">Cities</a>' in footer
    assert '<a href="/">Home</a>' in footer
    for old in ["Programs by kind", "Map of places"]:
        assert old not in html
    kind = client.get("/programs/kind/main/").content.decode()
    crumbs = kind[
        kind.index('class="breadcrumbs"') : kind.index("</nav>", kind.index('class="breadcrumbs"'))
    ]
    assert ">Home</a>" in crumbs and '<a href="/programs/">Programs</a>' in crumbs
    cities = client.get("/cities/").content.decode()
    assert "<h1>Cities</h1>" in cities and "<title>Cities ·" in cities


def test_a_kinds_taking_part_band_says_only_how_to_take_part(client, seed):
    """On the regional kind's page the Taking part band is the site's own neutral sentence
    and its contacts, as on the programs page: the introduction's call to stay tuned
    (source copy, an exclamation mark) is not on the kind's page, not even in its
    description; the programs page keeps the whole introduction."""
    html = client.get("/programs/kind/regional/").content.decode()
    band = html[html.index('class="band band--tint taking-part"') :]
    paragraph = re.search(r"<p>(.*?)</p>", band, re.S)[1]
    assert paragraph.startswith("Each edition is announced on its program’s page")
    assert '<a href="#footer-contacts">contacts at the foot of this page</a>' in paragraph
    assert "Please stay" not in html and "!" not in paragraph
    assert "kind-section__head" not in html
    programs = client.get("/programs/").content.decode()
    assert programs.count("Please stay tuned") == 1
    band = programs[programs.index('class="band band--tint taking-part"') :]
    assert re.search(r"<p>(.*?)</p>", band, re.S)[1].startswith("Each edition is announced")


@pytest.mark.parametrize("path", ["/programs/", "/programs/kind/regional/"])
def test_the_taking_part_band_names_whom_to_write_to_in_one_line(client, seed, path):
    """The band says whom to write to in one short sentence of its paragraph, pointing to
    the footer, which names them with their addresses; no block of contacts repeats it."""
    html = client.get(path).content.decode()
    band = html[html.index('class="band band--tint taking-part"') :]
    band = band[: band.index("</section>")]
    paragraphs = re.findall(r"<p>(.*?)</p>", band, re.S)
    assert len(paragraphs) == 1
    assert paragraphs[0].endswith(
        'write to the <a href="#footer-contacts">contacts at the foot of this page</a>.'
    )
    assert 'class="contacts"' not in band and "Whom to write to" not in band
    main = html[html.index("<main") : html.index('<footer class="site-footer">')]
    assert "mailto:" not in main
    footer = html[html.index('<footer class="site-footer">') :]
    assert "mailto:andrew@we-gov.org" in footer


def test_a_long_edition_summary_is_body_text_and_its_figures_keep_the_programs_order(client, seed):
    """Jeju 2018's summary runs to six lines: body text, not a lede; its figures read
    participants, then people involved, as on its program's page."""
    html = client.get(
        "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
    ).content.decode()
    intro = html[html.index('class="main-intro"') :]
    assert intro.index('<div class="prose">') < intro.index("With high demand")
    assert 'class="prose lede"' not in intro[: intro.index("With high demand")]
    program = client.get(
        "/programs/joint-workshop-smart-sustainable-cities-e-government/"
    ).content.decode()
    for page in (html, program):
        figures = re.findall(r'<div class="figure"><dt>(.*?)</dt>', page)
        assert figures.index("Participants") < figures.index("People involved")


def test_every_program_card_ends_with_the_same_meta_line(client, seed):
    """On the landing page every program card has its meta line, built from what the
    program records, and none says that something is missing."""
    html = client.get("/").content.decode()
    cards = re.findall(r'<article class="card program-card.*?</article>', html, re.S)
    assert len(cards) == 4
    for card in cards:
        assert '<p class="card__meta">' in card, card
        assert "No edition" not in card


def test_thin_and_rich_programs_have_their_key_facts_in_the_rail(client, seed):
    """One program layout whatever its content: the Key facts in the rail after the page's
    opening (after it on a phone), never in the head, said once on the page; a program
    with no text and no edition has how to take part as its opening, before the rail,
    unless its partners did something else with WeGO, which then opens it."""
    for path in [
        "/programs/world-bank-institute-smart-cities-webinar-series/",
        CHENGDU,
        "/programs/wego-shrdc-training-program/",
    ]:
        html = client.get(path).content.decode()
        head = html[html.index('<div class="page-head">') : html.index('<div class="page-sections')]
        assert "facts" not in head, path
        assert html.count('class="facts"') == 1, path
        assert '<div class="page-sections with-aside with-aside--opening">' in html, path
        rail = html[html.index('<aside class="side-col"') :]
        assert '<h2 id="facts-heading" class="side-heading">Key facts</h2>' in rail, path
        if "webinar" in path:
            assert "<li>World Bank</li>" in rail and "<li>World Bank Institute</li>" in rail
        opening = html[
            html.index('<div class="main-intro">') : html.index('<aside class="side-col"')
        ]
        if path == CHENGDU:
            assert 'id="take-part-heading"' in opening, path
            assert 'class="main-col"' not in html, "no empty column after the rail"
        if "webinar" in path:
            # What its partner did besides it is its record, beside the Key facts; how to
            # take part is the rail's second panel, and nothing follows across the page.
            assert 'id="partners-elsewhere-heading"' in opening
            assert rail.index('id="take-part-heading"') < rail.index("</article>")
            assert 'class="main-col"' not in html


def test_an_edition_known_by_its_dates_is_a_row_of_its_programs_timeline(client, seed):
    """The compact edition page's body: every public edition of its program, newest first,
    each its year (the two of 2012 with their months) and its dates, this one marked "This
    edition" and not a link, the others links named by program and dates; no onward pager
    beside it (the timeline holds the editions before and after)."""
    html = client.get(BRIEF).content.decode()
    timeline = html[html.index('<section class="edition-timeline"') :]
    timeline = timeline[: timeline.index("</section>")]
    assert "The program’s 8 editions" in timeline
    items = re.findall(r"<li (.*?)</li>", timeline, re.S)
    slugs = list(
        Edition.objects.filter(program__slug="wego-shrdc-training-program")
        .order_by("-start_date")
        .values_list("slug", flat=True)
    )
    assert len(items) == len(slugs) == 8
    for item, slug in zip(items, slugs, strict=True):
        text = " ".join(re.sub(r"<[^>]+>", "", item.split(">", 1)[1]).split())
        if slug == "2016-05":
            assert item.startswith('class="edition-timeline__item edition-timeline__item--current"')
            assert 'aria-current="page"' in item and "href=" not in item
            assert text == "2016 22–29 May 2016 This edition"
        else:
            assert f'href="{MAIN}{slug}/"' in item and "This edition" not in item
            year = {"2012-07": "2012 (July)", "2012-05": "2012 (May–June)"}.get(slug, slug[:4])
            assert text.startswith(f"{year} WeGO–SHRDC Training Program, ")
    # Each link named by its program (for screen readers) and its dates, as the program's table.
    assert timeline.count('<span class="visually-hidden">WeGO–SHRDC Training Program, </span>') == 7
    assert 'class="pager"' not in html
    # The line on how to take part follows it.
    assert html.index('class="edition-timeline"') < html.index('class="edition-brief__take-part"')


def test_a_programs_one_edition_has_no_timeline_of_one_row(client, seed):
    program = ProgramFactory(slug="one-off")
    edition = EditionFactory(program=program, slug="2019")
    html = client.get(edition.get_absolute_url()).content.decode()
    assert 'class="edition-brief__program"' in html
    assert "edition-timeline" not in html
