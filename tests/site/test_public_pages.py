"""Every public page renders with the seed, shows its key facts, and is well formed."""

import datetime as dt
import itertools
import json

import pytest
from django.template import loader
from django.urls import reverse

from programs.models import Edition, Program, ProgramKind
from tests.factories import make_edition
from tests.site.html import parse, text_of

pytestmark = pytest.mark.django_db

JEJU = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
MAIN = "/programs/wego-shrdc-training-program/"
CHENGDU = "/programs/chengdu-smart-city-e-government-training-program/"
POST = "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/"

PAGES = [
    "/",
    "/programs/",
    "/programs/kind/main/",
    "/programs/kind/regional/",
    "/programs/kind/partner/",
    "/programs/kind/joint-workshop/",
    MAIN,
    CHENGDU,
    JEJU,
    "/programs/wego-shrdc-training-program/2012-05/",
    "/programs/archive/",
    "/programs/archive/2012/",
    "/news/",
    "/news/2020/",
    "/news/tag/webinar/",
    POST,
    "/testimonials/",
    "/testimonials/2013/",
]


@pytest.fixture
def pages(client, seed):
    return {url: client.get(url) for url in PAGES}


def test_every_page_renders_with_one_h1_a_canonical_and_open_graph(pages):
    for url, response in pages.items():
        assert response.status_code == 200, url
        page = parse(response)
        assert [level for level, _ in page.headings].count(1) == 1, url
        assert page.links["canonical"] == f"http://testserver{url}", url
        assert page.meta["og:url"] == page.links["canonical"]
        assert page.meta["og:title"] and page.meta["og:description"], url
        assert page.meta["description"], url
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert '<main id="main-content"' in html
        assert 'href="#main-content"' in html
        assert '<nav class="site-nav" aria-label="Main">' in html


def test_titles_and_descriptions_are_unique(pages):
    titles = [parse(r).title for r in pages.values()]
    assert len(set(titles)) == len(titles), titles
    descriptions = [parse(r).meta["description"] for r in pages.values()]
    # Pages of one list share their description with their year and tag pages at most.
    assert len(set(descriptions)) >= len(descriptions) - 2


def test_headings_never_skip_a_level(pages):
    for url, response in pages.items():
        levels = [level for level, _ in parse(response).headings]
        assert levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (url, levels)


def test_every_time_element_has_an_iso_date(pages):
    for url, response in pages.items():
        for value in parse(response).times:
            assert value and len(value) == 10 and value[4] == "-", (url, value)


def test_nav_marks_the_current_section(client, seed):
    html = client.get("/news/2020/").content.decode()
    assert f'href="{reverse("news:post_list")}" aria-current="true"' in html
    html = client.get("/programs/archive/").content.decode()
    assert 'href="/programs/archive/" aria-current="page"' in html
    assert 'href="/programs/" aria-current' not in html


def test_landing_gives_the_overview_then_leads_on(client, seed):
    response = client.get("/")
    text = text_of(response)
    headings = [text for _, text in parse(response).headings]
    order = [
        "Training Programs",
        "About",
        "Programs",
        "Main Training Programs",
        "Regional Office Programs",
        "WeGO Partners’ Programs",
        "News",
        "Archive",
        "Past editions of the WeGO–SHRDC Training Program",
        "Latest joint workshop",
        "Testimonials",
        "Contacts",
    ]
    assert [h for h in headings if h in order] == order
    # The seed's "Past programs" heads news only as a subtitle; its "Topics of Previous
    # Training Programs" are past editions, whose unrecorded topics are said once.
    assert "Past programs" not in headings
    assert "Past programs, webinars and partners: the latest news." in text
    assert text.count("their topics were not") == 1
    for dates in ["5–9 September 2011", "29 May – 6 June 2012", "27–31 March 2017"]:
        assert dates in text
    assert (
        "Chengdu Smart City & e-Government Training Program No information available yet." in text
    )
    assert text.count("No information available yet.") == 1
    assert "WeGO Regional Office for Europe, Ulyanovsk Region" in text
    assert "World Bank Institute’s Smart Cities Webinar Series" in text
    assert "18 cities awarded for their smart initiatives" in text
    assert "Role of Smart Cities in the 21st Century" in text
    assert "Ms. Mirela Minca" in text
    assert "mailto:andrew@we-gov.org" in response.content.decode()
    # The overview's sentence opens the page once, not again at the top of "About".
    assert text.count("Capacity-building is a crucial component of WeGO programs") == 1
    assert "By organizing training programs, WeGO hopes" in text


def test_seed_facts_left_off_the_landing_are_on_their_own_pages(client, seed):
    """The landing is an overview; what it leaves out is one link away."""
    jeju = text_of(client.get(JEJU))
    assert "Jeju Sunrise Park (UNESCO World Heritage Site)" in jeju
    workshop = text_of(
        client.get("/programs/joint-workshop-smart-sustainable-cities-e-government/")
    )
    assert "Next year’s Joint Workshop will take place in Seoul" in workshop
    testimonials = text_of(client.get("/testimonials/"))
    assert "Ms. Melissa Ovalle Buenrostro" in testimonials
    about = text_of(client.get("/"))
    assert "Capacity-building is a crucial component of WeGO programs" in about


def test_landing_figures_are_computed_from_the_data(client, seed):
    text = text_of(client.get("/"))
    assert "Editions since 2011 9" in text
    assert "Cities and public bodies taking part 18" in text
    assert "Countries represented 13" in text
    assert "Programs 4" in text
    assert "9 editions since 2011, with participants from 18 cities" in text
    assert "(including speakers, observers and resource personnel) 69" in text

    Edition.objects.filter(slug="2011-09").delete()
    text = text_of(client.get("/"))
    assert "Editions since 2012 8" in text


def test_landing_has_organization_json_ld(client, seed):
    scripts = parse(client.get("/")).scripts
    data = [json.loads(body) for kind, body in scripts if kind == "application/ld+json"]
    assert data[0]["@type"] == "Organization"
    assert data[0]["alternateName"] == "WeGO"


def test_jeju_edition_page(client, seed):
    response = client.get(JEJU)
    text = text_of(response)
    html = response.content.decode()
    assert "9–12 July 2018" in text
    assert '<time datetime="2018-07-09">9</time>–<time datetime="2018-07-12">' in html
    assert "Jeju Island, Korea" in text
    assert "69 including speakers, observers and resource personnel" in text
    assert "Participants 28" in text
    assert "18 cities and bodies from 13 countries" in text
    for topic in [
        "Role of Smart Cities in the 21st Century",
        "Cybersecurity and Privacy for Effective Data Management",
        "Carbon-free Island 2010 Strategy & Current Status and Prospect on Jeju Smart City",
        "Emerging Technologies and Trends in Smart City and e-Government",
        "Smart City Models in Korea and the World",
        "Financing Smart City Projects: International Support Programs",
    ]:
        assert topic in text
    assert "Jeju Sunrise Park (UNESCO World Heritage Site)" in text
    assert "Russia (3) Obninsk Ulyanovsk Region Yakutsk" in text
    assert "Palestine (2) Hebron Municipality Ramallah Municipality" in text
    for organiser in ["Ministry of the Interior & Safety", "World Bank", "(NIA)"]:
        assert organiser in text
    assert 'href="mailto:alexandra@we-gov.org"' in html
    assert "Download the program" not in text, "the document was lost in the copy"
    assert "video highlight" not in text


def test_edition_page_has_event_json_ld(client, seed):
    scripts = parse(client.get(JEJU)).scripts
    (event,) = [json.loads(body) for kind, body in scripts if kind == "application/ld+json"]
    assert event["@type"] == "Event"
    assert (event["startDate"], event["endDate"]) == ("2018-07-09", "2018-07-12")
    assert event["location"]["address"]["addressCountry"] == "Korea"
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


def test_main_program_page_lists_its_eight_editions(client, seed):
    response = client.get(MAIN)
    text = text_of(response)
    assert "Past editions (8)" in text
    assert "Upcoming editions" not in text
    assert "Seoul Human Resource Development Center (SHRDC)" in text
    for slug in ["2011-09", "2012-05", "2012-07", "2013-06", "2014-04", "2015-05", "2016-05"]:
        assert f'href="{MAIN}{slug}/"' in response.content.decode()


def test_program_page_splits_upcoming_and_past(client, seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    make_edition(program, title="Next edition", start=dt.date.today() + dt.timedelta(days=30))
    text = text_of(client.get(MAIN))
    upcoming, past = text.split("Upcoming editions")[1].split("Past editions (8)")
    assert "Next edition" in upcoming
    assert "Next edition" not in past


def test_chengdu_says_honestly_that_nothing_is_known(client, seed):
    text = text_of(client.get(CHENGDU))
    assert "No information available yet." in text
    assert "WeGO Regional Office for Asia, Chengdu" in text


def test_joint_workshop_program_shows_announcement_and_contacts(client, seed):
    text = text_of(client.get("/programs/joint-workshop-smart-sustainable-cities-e-government/"))
    assert "Announcement" in text
    assert "call for applications (early-mid 2018)" in text
    assert "Mr. Andrew Lim andrew@we-gov.org" in text


def test_programs_grouped_by_kind(client, seed):
    headings = [text for level, text in parse(client.get("/programs/")).headings if level == 2]
    assert headings == [
        "Main Training Programs",
        "Regional Office Programs",
        "WeGO Partners’ Programs",
        "Joint Workshops",
    ]
    text = text_of(client.get("/programs/kind/regional/"))
    assert "Chengdu Smart City & e-Government Training Program" in text
    assert "WeGO–SHRDC" not in text


def test_archive_by_year(client, seed):
    text = text_of(client.get("/programs/archive/"))
    assert "9 editions from 2011 to 2018" in text
    assert "18 cities and bodies from 13 countries" in text
    text = text_of(client.get("/programs/archive/2012/"))
    assert "2 editions" in text
    assert "29 May – 6 June 2012" in text and "1–7 July 2012" in text
    assert "September 2011" not in text


def test_news_list_year_and_tag(client, seed):
    text = text_of(client.get("/news/"))
    assert "10 posts" in text
    assert "18 cities awarded for their smart initiatives" in text
    text = text_of(client.get("/news/tag/covid-19/"))
    assert "3 posts" in text
    assert "Smart City Driver" not in text
    assert "10 posts" in text_of(client.get("/news/2020/"))


def test_news_cards_draw_a_cover_when_there_is_no_picture(client, seed):
    html = client.get("/news/").content.decode()
    assert html.count('class="cover-placeholder"') == 10
    assert "<img" not in html


def test_news_card_uses_the_cover_include_when_there_is_a_picture(client, seed):
    from news.models import Post

    Post.objects.filter(slug__startswith="18-cities").update(
        cover_image="news/covers/awards.jpg", cover_alt_text="Award winners on stage"
    )
    html = client.get("/news/").content.decode()
    # Whatever the include renders (a plain <img> or renditions), the card uses it.
    assert 'alt="Award winners on stage"' in html
    assert "/media/news/covers/" in html and "awards" in html
    assert html.count('class="cover-placeholder"') == 9


def test_post_page(client, seed):
    response = client.get(POST)
    text = text_of(response)
    html = response.content.decode()
    assert "13 May 2020" in text
    assert "SEOUL – WeGO has concluded an MOU" in text
    for tag in ["partnership", "SCI-J", "GSCA"]:
        assert f'rel="tag">{tag}</a>' in html
    assert "Smart City Institute Japan (SCI-J)" in text
    assert "G20 Global Smart Cities Alliance (GSCA)" in text
    assert "Older post WeGO supports partners on COVID-19 response through webinars" in text
    assert "Newer post WeGO holds first webinar on COVID-19 best practice" in text
    (article,) = [
        json.loads(b) for kind, b in parse(response).scripts if kind == "application/ld+json"
    ]
    assert article["@type"] == "NewsArticle"
    assert article["datePublished"].startswith("2020-05-13")
    assert set(article["keywords"]) == {"partnership", "SCI-J", "GSCA"}


def test_post_names_its_related_programs(client, seed):
    from news.models import Post

    post = Post.objects.get(slug__startswith="g20")
    post.related_programs.add(Program.objects.get(kind=ProgramKind.PARTNER))
    text = text_of(client.get(POST))
    assert "Programs World Bank Institute’s Smart Cities Webinar Series" in text


def test_oldest_and_newest_posts_have_one_neighbour(client, seed):
    text = text_of(client.get("/news/2020/18-cities-awarded-for-their-smart-initiatives/"))
    assert "Older post" in text and "Newer post" not in text
    text = text_of(client.get("/news/2020/wego-resumes-meetings-with-diplomatic-missions-in-q1/"))
    assert "Newer post" in text and "Older post" not in text


def test_testimonials(client, seed):
    text = text_of(client.get("/testimonials/"))
    assert (
        "Ms. Melissa Ovalle Buenrostro, Chief of the E-Government Research Department, Mexico City"
        in text
    )
    assert "Mr. Santiago Nieva Giralt, on behalf of Barcelona City Council, Barcelona" in text
    assert "2011 Participants of WeGO–SHRDC Training Program, 5–9 September 2011" in text
    html = client.get("/testimonials/2013/").content.decode()
    assert 'href="/programs/wego-shrdc-training-program/2013-06/"' in html
    assert "Melissa" not in html


def test_500_page_needs_no_context_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert '<html lang="en">' in html
    assert html.count("<h1>") == 1
    assert '<main id="main-content"' in html


def test_404_page_is_styled(client, seed):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = parse(response)
    assert [text for level, text in page.headings if level == 1] == ["Page not found"]
    assert page.meta["robots"] == "noindex"


def test_landing_links_every_main_edition_of_the_seed_and_the_archive(client, seed):
    html = client.get("/").content.decode()
    for edition in Edition.objects.filter(program__kind=ProgramKind.MAIN):
        assert f'href="{edition.get_absolute_url()}"' in html
    assert 'href="/programs/archive/"' in html


def test_landing_stays_the_same_size_as_the_archive_grows(client, seed):
    """The landing shows the latest editions; the archive holds them all."""
    main = Program.objects.get(kind=ProgramKind.MAIN)
    older = [
        make_edition(main, start=dt.date(1990 + n, 1, 10), title=f"Old {n}", slug=f"old-{n}")
        for n in range(20)
    ]
    html = client.get("/").content.decode()
    assert older[0].get_absolute_url() not in html
    assert Edition.objects.get(slug="2017-03").get_absolute_url() in html
    assert html.count('class="edition-chips"') == 1
    # The figures still count every edition and start with the oldest.
    assert "Editions since 1990" in html
    assert older[0].get_absolute_url() in client.get("/programs/archive/").content.decode()


@pytest.mark.parametrize(
    "url", ["/", "/programs/", "/programs/archive/", "/news/", "/testimonials/"]
)
def test_pages_render_on_an_empty_site(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert [level for level, _ in parse(response).headings].count(1) == 1


def test_a_page_may_fill_only_the_title_and_description_blocks(rf):
    from django.template import RequestContext, Template

    template = Template(
        '{% extends "base.html" %}{% block title %}Only a title{% endblock %}'
        "{% block description %}Only a description{% endblock %}"
    )
    html = template.render(RequestContext(rf.get("/somewhere/"), {}))
    assert "<title>Only a title</title>" in html
    assert '<meta name="description" content="Only a description">' in html
    assert '<link rel="canonical" href="http://testserver/somewhere/">' in html


def test_edition_page_does_not_link_its_testimonials_to_itself(client, seed):
    url = "/programs/wego-shrdc-training-program/2013-06/"
    html = client.get(url).content.decode()
    assert f'href="{url}"' not in html
    assert "Its topics and participating cities are not recorded." in text_of(client.get(url))
    assert "not recorded" not in text_of(client.get(JEJU))


def test_staff_preview_banner_shows_only_in_a_preview(rf, client, seed):
    from programs.views import ProgramDetailView

    class Preview(ProgramDetailView):
        def get_queryset(self):
            return Program.objects.all()

        def get_editions(self):
            return self.object.editions.all()

        def get_context_data(self, **kwargs):
            return super().get_context_data(is_preview=True, preview_is_public=False, **kwargs)

    Program.objects.filter(slug="wego-shrdc-training-program").update(status="draft")
    request = rf.get(MAIN)
    response = Preview.as_view()(request, slug="wego-shrdc-training-program")
    response.render()
    html = response.content.decode()
    assert 'class="preview-banner"' in html
    assert "Past editions (8)" in text_of(response)
    assert 'class="preview-banner"' not in client.get("/").content.decode()
