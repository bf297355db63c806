"""News pages: the seed's posts, tags and years; pagination, neighbours at equal times, JSON-LD."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from news.models import Post, TaggedPost
from programs.models import Program, ProgramKind
from tests.factories import PostFactory, as_one_change
from tests.html import json_ld_blocks, parse, text_of

pytestmark = pytest.mark.django_db

# Queries of a post page's first render in a content generation.
BUDGET_OF_A_POST = 9
POST = "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/"

# The one news item (includes/news_item.html), wherever posts are listed.
ITEM = re.compile(r'<article class="news-item[^"]*">.*?</article>', re.S)


def test_pagination_ten_a_page(client, empty_site):
    with as_one_change():
        for _ in range(23):
            PostFactory()
    assert re.search(r"23 posts, [^·]+ · page 1 of 3", text_of(client.get("/news/")))
    assert re.search(r"23 posts, [^·]+ · page 3 of 3", text_of(client.get("/news/?page=3")))
    html = client.get("/news/?page=2").content.decode()
    assert 'href="?page=1" rel="prev"' in html
    assert 'href="?page=3" rel="next"' in html
    assert 'aria-current="page">2<' in html
    assert 'rel="canonical" href="http://testserver/news/?page=2"' in html
    assert " · page 3 of 3" in text_of(client.get("/news/?page=last"))
    assert client.get("/news/?page=4").status_code == 404


def test_long_lists_link_a_few_pages_around_the_current_one(client, empty_site):
    Post.objects.bulk_create(
        Post(title=f"P{n}", slug=f"p-{n}", lede=".", status="published") for n in range(300)
    )
    html = client.get("/news/?page=15").content.decode()
    page_links = set(re.findall(r'href="\?page=(\d+)"', html))
    assert page_links == {"1", "2", "12", "13", "14", "15", "16", "17", "18", "29", "30"}
    assert html.count('class="pagination__gap"') == 2


def test_neighbours_of_posts_published_at_the_same_moment(client):
    moment = dt.datetime(2021, 3, 1, 12, tzinfo=dt.UTC)
    first = PostFactory(title="First", slug="first", published_at=moment)
    second = PostFactory(title="Second", slug="second", published_at=moment)
    third = PostFactory(title="Third", slug="third", published_at=moment)
    text = text_of(client.get(second.get_absolute_url()))
    assert "Older: First" in text
    assert "Newer: Third" in text
    assert "Newer: Second" in text_of(client.get(first.get_absolute_url()))
    assert "Older: Second" in text_of(client.get(third.get_absolute_url()))


def test_year_in_the_address_is_the_seoul_year(client):
    # 31 December 2020, 20:00 UTC is already 1 January 2021 in Seoul.
    post = PostFactory(slug="new-year", published_at=dt.datetime(2020, 12, 31, 20, tzinfo=dt.UTC))
    assert post.get_absolute_url() == "/news/2021/new-year/"
    assert client.get("/news/2021/new-year/").status_code == 200
    assert client.get("/news/2020/new-year/").status_code == 404
    assert "1 January 2021" in text_of(client.get("/news/2021/"))


def test_hostile_title_is_escaped_everywhere(client):
    post = PostFactory(
        title="</script><script>alert(1)</script>", slug="hostile", tags=["<b>x</b>"]
    )
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    blocks = {
        data["@type"]: data
        for data in (
            json.loads(body)
            for kind, body in parse(response).scripts
            if kind == "application/ld+json"
        )
    }
    assert blocks["NewsArticle"]["headline"] == "</script><script>alert(1)</script>"
    last_crumb = blocks["BreadcrumbList"]["itemListElement"][-1]
    assert last_crumb["name"] == "</script><script>alert(1)</script>"


def test_each_page_of_the_list_has_its_own_title(client):
    for _ in range(11):
        PostFactory()
    first, second = parse(client.get("/news/")).title, parse(client.get("/news/?page=2")).title
    assert first == "News · WeGO Training Programs"
    assert second == "News, page 2 · WeGO Training Programs"


def test_news_list_year_and_tag(client, seed):
    text = text_of(client.get("/news/"))
    assert "10 posts" in text
    assert "18 cities awarded for their smart initiatives" in text
    response = client.get("/news/tag/covid-19/")
    assert "3 posts" in text_of(response)
    html = response.content.decode()
    posts = html[html.index('<section class="news-year"') : html.index("</main>")]
    assert "Hands-on experience offered in first Smart City Driver webinar" not in posts
    # Every topic, to move sideways, in the filter beside the list, this one marked current.
    topics = html[html.index('<details class="news-filter">') : html.index("</details>")]
    assert '<a href="/news/tag/covid-19/" aria-current="page">COVID‑19 ' in topics
    assert re.search(
        r'href="/news/tag/webinar/">Webinar <span class="topic-list__count">.*?>5<', topics
    )
    # A tag's posts, newest first, a selection: its rows alone (no post featured), none
    # naming the tag again.
    items = ITEM.findall(html)
    assert len(items) == 3 and "The Americas in focus in second webinar on" in items[0]
    assert not any("news-item--featured" in item for item in items)
    assert "news-list--lead" not in html
    assert not any('href="/news/tag/covid-19/"' in item for item in items)
    assert "10 posts" in text_of(client.get("/news/2020/"))


def test_the_news_is_led_by_the_newest_post_then_rows_under_their_year(client, seed):
    """No photographs in the seed: under a heading for each year, the newest post leads the
    first page at the head of its year, featured, then a text row a post; a year's page is
    the rows alone, their titles its h2s. A later page features none."""
    html = client.get("/news/").content.decode()
    items = ITEM.findall(html)
    assert len(items) == 10 and "<img" not in html
    assert items[0].startswith('<article class="news-item news-item--featured">')
    assert "18 cities awarded" in items[0] and '<h3 class="news-item__title">' in items[0]
    assert html.count('<article class="news-item">') == 9
    assert '<h2 id="news-year-2020" class="news-year__heading">2020</h2>' in html
    assert html.index('id="news-year-2020"') < html.index("news-item--featured")
    assert html.count('<h3 class="news-item__title">') == 10
    year = client.get("/news/2020/").content.decode()
    assert "news-year__heading" not in year
    assert year.count("news-item--featured") == 1
    assert year.count('<h2 class="news-item__title">') == 10


def test_only_a_lists_first_page_is_led_by_a_featured_post(client, empty_site):
    with as_one_change():
        for day in range(1, 13):
            PostFactory(published_at=dt.datetime(2024, 1, day, tzinfo=dt.UTC))
    assert "news-item--featured" in client.get("/news/").content.decode()
    later = client.get("/news/?page=2").content.decode()
    assert "news-item--featured" not in later and len(ITEM.findall(later)) == 2


def test_the_news_list_is_headed_by_each_year_it_holds(client, empty_site):
    with as_one_change():
        PostFactory(title="A post of 2020", published_at=dt.datetime(2020, 5, 1, tzinfo=dt.UTC))
        PostFactory(title="A post of 2019", published_at=dt.datetime(2019, 5, 1, tzinfo=dt.UTC))
    html = client.get("/news/").content.decode()
    # The post of 2020 leads, featured, under its own year's heading.
    headings = re.findall(r'class="news-year__heading">(\d+)</h2>', html)
    assert headings == ["2020", "2019"]
    year_2020, year_2019 = html.index('id="news-year-2020"'), html.index('id="news-year-2019"')
    assert year_2020 < html.index("A post of 2020", year_2020) < year_2019
    assert "news-item--featured" in html[year_2020:year_2019]
    assert html.index("A post of 2019", html.index("<main")) > year_2019


def test_news_card_shows_the_photograph_when_there_is_one(client, seed):
    Post.objects.filter(slug__startswith="18-cities").update(
        cover_image="news/covers/awards.jpg",
        cover_alt_text="Award winners on stage",
        cover_focus="top",
    )
    html = client.get("/news/").content.decode()
    # The card shows the photograph with the cover include, from its renditions, cropped
    # around its focal point.
    assert 'alt="Award winners on stage"' in html
    assert 'class="focus-top" src="/media/news/covers/renditions/awards-570x380.jpg"' in html
    assert 'srcset="/media/news/covers/renditions/awards-570x380.webp 1x' in html
    assert html.count("news-item--photo") == 1


def test_a_briefs_photograph_follows_its_lede(client, seed):
    """A brief with a photograph keeps its title, date and lede together, the photograph
    after them and before its facts."""
    Post.objects.filter(slug__startswith="18-cities").update(
        cover_image="news/covers/awards.jpg", cover_alt_text="Award winners on stage"
    )
    html = client.get("/news/2020/18-cities-awarded-for-their-smart-initiatives/").content.decode()
    order = ["post__head", "post__text", 'alt="Award winners on stage"', "post__about"]
    assert [html.index(part) for part in order] == sorted(html.index(part) for part in order)


def test_post_page(client, seed):
    response = client.get(POST)
    text = text_of(response)
    html = response.content.decode()
    assert "13 May 2020" in text
    assert "Seoul – WeGO has concluded an MOU" in text
    for tag in ["Partnership", "SCI-J", "GSCA"]:
        assert f'rel="tag">{tag}</a>' in html
    assert "Smart City Institute Japan (SCI-J)" in text
    assert "G20 Global Smart Cities Alliance (GSCA)" in text
    # Titles shown with a non-breaking hyphen (U+2011).
    assert "Older: WeGO supports partners on COVID\u201119 response through webinars" in text
    assert "Newer: WeGO holds first webinar on COVID\u201119 best practice" in text
    article = json_ld_blocks(response)["NewsArticle"]
    assert article["datePublished"].startswith("2020-05-13")
    assert set(article["keywords"]) == {"partnership", "SCI-J", "GSCA"}


def test_post_names_its_related_programs(client, seed):
    post = Post.objects.get(slug__startswith="g20")
    post.related_programs.add(Program.objects.get(kind=ProgramKind.PARTNER))
    text = text_of(client.get(POST))
    assert "Program World Bank Institute’s Smart Cities Webinar Series" in text


def test_oldest_and_newest_posts_have_one_neighbour(client, seed):
    text = text_of(client.get("/news/2020/18-cities-awarded-for-their-smart-initiatives/"))
    assert "Older:" in text and "Newer:" not in text
    text = text_of(client.get("/news/2020/wego-resumes-meetings-with-diplomatic-missions-in-q1/"))
    assert "Newer:" in text and "Older:" not in text


def test_a_tag_written_in_capitals_redirects_to_its_one_address(client, seed):
    response = client.get("/news/tag/COVID-19/")
    assert response.status_code == 301
    assert response["Location"] == "/news/tag/covid-19/"
    assert client.get("/news/tag/No-Such-Tag/", follow=True).status_code == 404


def test_news_cards_show_each_posts_own_tags(client, seed):
    html = client.get("/news/2020/").content.decode()
    cards = html.split('<article class="news-item')[1:]
    tags_by_title = {
        re.search(r'<h2 class="news-item__title"><a [^>]*>([^<]+)</a>', card).group(1): re.findall(
            r'rel="tag">([^<]+)</a>', card
        )
        for card in cards
    }
    assert len(tags_by_title) == len(cards) > 1
    title = "G20 and Japanese smart city association become latest partners of WeGO"
    assert tags_by_title[title] == ["Partnership", "SCI-J", "GSCA"]


def test_a_posts_page_lists_its_tags_in_the_order_they_were_given(client, seed):
    first_made, second_made = Tag.objects.create(name="Aardvark"), Tag.objects.create(name="Zebu")
    post = PostFactory()
    for tag in (second_made, first_made):  # given in the other order than they were made
        TaggedPost.objects.create(content_object=post, tag=tag)
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    assert re.findall(r'rel="tag">([^<]+)</a>', article) == ["Zebu", "Aardvark"]
    assert re.findall(r'article:tag" content="([^"]+)"', html) == ["Zebu", "Aardvark"]
    assert json_ld_blocks(response)["NewsArticle"]["keywords"] == ["Zebu", "Aardvark"]


def test_a_brief_is_one_unit_its_head_lede_and_facts_then_the_posts_either_side(client, seed):
    """A brief (a post that is its lede alone) is one unit in the page, not a band: "News",
    the title and the date; the lede (a standfirst); then a quiet block of what else there
    is to know (where it was filed, its topics, what it names; not the date again, nor the
    feeds) under a heading for screen readers; then the posts either side. A post with a
    body keeps the compact page head and the Key facts panel beside its text."""
    post = Post.objects.get(slug=POST.rstrip("/").rsplit("/", 1)[1])
    assert not post.body
    html = client.get(POST).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    article = main[: main.index("</article>")]
    assert '<article class="post post--brief">\n  <div class="post__brief">' in article
    assert "page-head" not in article and "side-col" not in article
    start = main.index('<header class="post__head">')
    head = main[start : main.index("</header>", start)]
    assert '<p class="eyebrow">News</p>' in head and "<h1>G20 and Japanese" in head
    assert 'rel="tag"' not in head, "the topics are the facts', not the head's"
    date = f">{post.published_at_local:%-d %B %Y}</time>"
    assert f'<p class="post__when"><time datetime="2020-05-13"{date}</p>' in head
    # The date is shown once on the page, in the head (the more news rows are other posts').
    assert article.count(date) == 1
    # The lede, in the lede's larger type (a standfirst), its dateline first.
    text = main[main.index('<div class="prose post__text">') :]
    assert text.startswith(
        '<div class="prose post__text">\n      <p class="lede"><span class="dateline">'
    )
    assert "with-aside" not in main
    facts = main[main.index('<section class="post__about" aria-labelledby="post-facts-heading">') :]
    facts = facts[: facts.index("</section>")]
    assert '<h2 id="post-facts-heading" class="visually-hidden">About this post</h2>' in facts
    assert '<dl class="post__facts-line">' in facts
    assert "<dt>Published</dt>" not in facts and "<dt>Organisations named</dt>" in facts
    # The topics first, named by their term, in the order they were given.
    assert facts.index("<dt>Topics</dt>") < facts.index("<dt>Organisations named</dt>")
    assert '<ul class="tag-list post__tags">' in facts
    assert re.findall(r'rel="tag">([^<]+)</a>', facts) == ["Partnership", "SCI-J", "GSCA"]
    # The feeds are the footer's and the news list's, not a post's.
    assert "/news/feed/" not in main
    pager = main[main.index('<nav class="pager" aria-label="Older and newer posts">') :]
    pager = pager[: pager.index("</nav>")]
    # The posts either side in time order, the older first: the onward pager's two blocks,
    # each one link, its label then the title; no headings (the page's outline is the post's).
    assert pager.count("<h2") == pager.count("<h3") == 0
    assert pager.index("pager__item--earlier") < pager.index("pager__item--later")
    assert re.search(
        r'<li class="pager__item pager__item--earlier"><a class="pager__link" href="[^"]+" '
        r'rel="prev"><span class="pager__label">Older<span class="visually-hidden">:</span>'
        r'</span> <span class="pager__title">WeGO supports [^<]+</span></a></li>',
        pager,
    )
    assert re.search(
        r'<li class="pager__item pager__item--later"><a class="pager__link" href="[^"]+" '
        r'rel="next"><span class="pager__label">Newer<span class="visually-hidden">:</span>'
        r'</span> <span class="pager__title">WeGO holds [^<]+</span></a></li>',
        pager,
    )
    assert '<a href="/news/2020/">All news from 2020</a>' in pager
    # One unit in the reading order (a phone's too): the head, the lede, the facts, the pager.
    order = ["post__head", "post__text", "post__about", 'class="pager"']
    assert [main.index(part) for part in order] == sorted(main.index(part) for part in order)
    # A post with a body and facts: the compact page head, the Key facts panel after its text.
    with as_one_change():
        long = PostFactory(dateline="SEOUL", body="The rest of the story.", tags=["ports"])
    main = client.get(long.get_absolute_url()).content.decode()
    main = main[main.index("<main") : main.index("</main>")]
    assert '<article class="post">' in main and "post__brief" not in main
    assert '<header class="page-head page-head--compact post__head">' in main
    facts = main[main.index('<section class="post__facts side-col"') :]
    assert '<h2 id="post-facts-heading" class="side-heading">About this post</h2>' in facts
    assert main.index("post__text") < main.index("post__facts") < main.index('class="pager"')


def test_a_post_with_a_body_opens_with_its_lede(client, empty_site):
    with as_one_change():
        PostFactory(published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        post = PostFactory(
            body="The rest of the story.",
            tags=["ports"],
            published_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC),
        )
    html = client.get(post.get_absolute_url()).content.decode()
    text = html[html.index('<div class="prose post__text">') :]
    assert text.startswith('<div class="prose post__text">\n      <p class="lede">')
    assert "The rest of the story." in text[: text.index("</div>")]
    start = html.index('<dl class="post__topics">')
    topics = html[start : html.index("</dl>", start)]
    assert "<dt>Topic</dt>" in topics and 'rel="tag">Ports</a>' in topics
    pager = html[html.index('<nav class="pager"') :]
    assert '<a href="/news/2024/">All news from 2024</a>' in pager[: pager.index("</nav>")]


def test_a_tag_page_leads_back_to_all_the_news_once_in_its_head(client, seed):
    response = client.get("/news/tag/covid-19/")
    html = response.content.decode()
    # The count and the span of the tag's posts a quiet line of its own (in Seoul's days),
    # then the list: the breadcrumbs lead back to the news ("← News" on a phone), and no
    # back link says it again ("← All news").
    assert "3 posts, 30 April – 24 July 2020 Topic: COVID\u201119" in text_of(response)
    assert '<time datetime="2020-04-30">30 April</time>' in html
    head = html[html.index('<nav class="breadcrumbs"') : html.index('class="news-filter"')]
    assert re.findall(r'<a href="([^"]+)"', head) == ["/", "/news/"]
    assert 'class="back"' not in html
    response = client.get("/news/")
    everything = response.content.decode()
    # All the news is said as the archive it is; a tag's or a year's page has the count alone.
    assert (
        "News The news archive of WeGO’s training programs: 10 posts,"
        " 11 March – 29 September 2020. Filter by topic" in text_of(response)
    )
    assert "2020 10 posts, 11 March – 29 September 2020 Filter" in text_of(
        client.get("/news/2020/")
    )
    assert 'class="back"' not in everything


def test_a_news_card_shows_an_edit_at_once(client, empty_site, settings):
    """Cards are written once per content generation: an edit to a post or its tags
    starts a new one, and the next render of every list shows it."""
    settings.PAGE_CACHE_ENABLED = False
    post = PostFactory(title="Harbour visit", tags=["ports"])
    for url in ["/news/", "/"]:
        assert "Harbour visit" in text_of(client.get(url)), url
    post.title = "Harbour and airport visit"
    post.save()
    post.tags.add("airports")
    for url in ["/news/", "/"]:
        assert "Harbour and airport visit" in text_of(client.get(url)), url
    assert "/news/tag/airports/" in client.get("/news/").content.decode()


def test_a_new_post_is_the_neighbour_of_the_last_one_at_once(client, empty_site, settings):
    settings.PAGE_CACHE_ENABLED = False
    first = PostFactory(title="First post", published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    html = client.get(first.get_absolute_url()).content.decode()
    assert 'rel="next"' not in html and 'rel="prev"' not in html
    second = PostFactory(title="Second post", published_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC))
    html = client.get(first.get_absolute_url()).content.decode()
    assert re.search(rf'href="{second.get_absolute_url()}" rel="next"', html)
    html = client.get(second.get_absolute_url()).content.decode()
    assert re.search(rf'href="{first.get_absolute_url()}" rel="prev"', html)


def test_a_tag_page_does_not_repeat_its_tag_on_each_card(client, seed):
    html = client.get("/news/tag/covid-19/").content.decode()
    cards = html.split('<article class="news-item')[1:]
    assert len(cards) == 3
    for card in cards:
        assert 'href="/news/tag/covid-19/"' not in card
    # The cards still name their other tags, under a name that says so.
    assert 'aria-label="Other tags"' in html and 'rel="tag">Webinar</a>' in html
    # The same post's card on the list of all news still names the tag.
    assert 'href="/news/tag/covid-19/"' in client.get("/news/").content.decode()


def test_news_years_are_named_and_only_offered_when_there_is_a_choice(client, seed):
    # Every seed post is of 2020: one year is no choice, so no list of years.
    assert "news-filter-years" not in client.get("/news/").content.decode()
    with as_one_change():
        PostFactory(published_at=dt.datetime(2019, 5, 1, tzinfo=dt.UTC))
    html = client.get("/news/").content.decode()
    assert '<h2 id="news-filter-years" class="news-filter__heading">Years</h2>' in html
    assert '<li><a href="/news/2019/">2019</a></li>' in html
    year = client.get("/news/2019/").content.decode()
    assert '<a href="/news/2019/" aria-current="page">2019</a>' in year
    # A tag's page does not offer the years of all the news.
    assert "news-filter-years" not in client.get("/news/tag/covid-19/").content.decode()


def test_the_lede_style_is_kept_for_a_brief_and_a_post_with_more_text(client, empty_site):
    """A brief (a post that is its lede alone) is its lede in the lede's larger type, a
    standfirst; a post with a body opens with the lede, set larger too."""
    with as_one_change():
        brief = PostFactory(slug="brief", lede="One paragraph.", body="")
        long = PostFactory(slug="long", lede="The lede.", body="The body follows.")
    brief_html = client.get(brief.get_absolute_url()).content.decode()
    assert '<article class="post post--brief">' in brief_html
    text = brief_html[brief_html.index('<div class="prose post__text">') :]
    assert text.split("</div>")[0].split() == [
        "<div",
        'class="prose',
        'post__text">',
        "<p",
        'class="lede">One',
        "paragraph.</p>",
    ]
    long_html = client.get(long.get_absolute_url()).content.decode()
    assert '<article class="post">' in long_html
    assert '<p class="lede">The lede.</p>' in long_html


# The one tag chip (includes/tag_list.html): a list item's link of class "tag" in a
# .tag-list, as on every page that lists tags.
# A chip: the tag's name, on the news list's head with its number of posts.
TAG_CHIP = re.compile(
    r'<li><a class="tag" href="/news/tag/[^"]+/" rel="tag">[^<]+'
    r'(?: <span class="tag__count">(?:(?!</a>).)*)?</a></li>'
)


def test_tags_are_one_list_of_links_wherever_they_are_listed(client, seed):
    with as_one_change():
        with_body = PostFactory(body="The rest of the story.", tags=["webinar"])
    pages = [POST, "/news/", "/news/tag/webinar/", "/search/?q=qqxxzz"]
    for url in [*pages, with_body.get_absolute_url()]:
        html = client.get(url).content.decode()
        lists = re.findall(r'<ul class="tag-list[^"]*"[^>]*>(.*?)</ul>', html)
        assert lists, url
        chips = [TAG_CHIP.findall(items) for items in lists]
        assert all(chips), url
        # Every link to a tag is one of those lists' links.
        assert html.count('rel="tag"') == sum(map(len, chips)), url


def test_tag_names_are_shown_with_a_capital_first_letter_wherever_they_are_shown(client, seed):
    """Not "webinar" beside "WeGO Awards": a tag reads with a capital first letter on
    the news list, a post, a tag's page and search; its stored name and address stay."""
    post = Post.objects.filter(tags__slug="webinar").first()
    for url in ("/news/", post.get_absolute_url(), "/news/tag/covid-19/", "/search/?q=qqxxzz"):
        html = client.get(url).content.decode()
        names = re.findall(r'rel="tag">([^<]+)</a>', html)
        assert names, url
        assert all(name[0] == name[0].upper() for name in names), (url, names)
    tag_page = client.get("/news/tag/webinar/").content.decode()
    assert "<h1>News tagged “Webinar”</h1>" in tag_page
    assert "<title>News tagged “Webinar”" in tag_page
    assert Tag.objects.get(slug="webinar").name == "webinar"


def test_a_post_ends_with_more_news_but_itself(client, seed):
    """A way on from any post, even the newest (which has no newer post): "More news", the
    three newest others as compact rows (no lede), but the older and newer posts it links
    to already."""
    newest = client.get("/news/2020/18-cities-awarded-for-their-smart-initiatives/")
    html = newest.content.decode()
    assert "Latest news" not in html
    latest = html[html.index('aria-labelledby="more-news-heading"') :]
    assert '<h2 id="more-news-heading">More news</h2>' in latest
    assert '<div class="news-list news-list--compact">' in latest
    assert "news-item__lede" not in latest
    titles = re.findall(r'<h3 class="news-item__title"><a href="[^"]+">([^<]+)</a>', latest)
    assert len(titles) == 3
    assert "18 cities awarded for their smart initiatives" not in " ".join(titles)
    # The second newest is its older post, linked already above.
    assert "Hands-on experience" not in " ".join(titles)
    assert "The Americas in focus in second webinar on COVID" in titles[0]


def more_news_titles(html):
    more = html[html.index('aria-labelledby="more-news-heading"') :]
    heading = re.search(r'<h2 id="more-news-heading">([^<]+)</h2>', more).group(1)
    titles = re.findall(r'<h3 class="news-item__title"><a href="[^"]+">([^<]+)</a>', more)
    return heading, titles


def test_a_post_is_followed_by_the_news_on_its_topics(client, seed):
    """Under a post, the posts sharing most of its topics (then the newest of those),
    shown newest first, headed "Related news" when all of them share one; never the post
    itself, nor the older and newer posts its pager links to already."""
    html = client.get("/news/2020/wego-holds-first-webinar-on-covid-19-best-practice/")
    heading, titles = more_news_titles(html.content.decode())
    assert heading == "Related news"
    # Chosen: the two on its three topics (webinar, COVID-19, Smart Health Responder), then
    # one (webinar) of the newest; its newer post (webinar, partnership, SCI-J) is in the
    # pager. Shown newest first.
    assert [t.split()[:4] for t in titles] == [
        ["Hands-on", "experience", "offered", "in"],
        ["The", "Americas", "in", "focus"],
        ["WeGO", "supports", "partners", "on"],
    ]


def test_a_post_with_few_posts_on_its_topics_is_followed_by_those_then_the_newest(client, seed):
    """The G20 post shares two topics with one post, one with another, none with the rest:
    those two are chosen, then the newest other post, under "More news", newest first."""
    heading, titles = more_news_titles(client.get(POST).content.decode())
    assert heading == "More news"
    assert titles[0] == "18 cities awarded for their smart initiatives"
    assert titles[1].startswith("WeGO continues engagement with ASCN")
    assert titles[2].startswith("Japanese stakeholders introduced to WeGO")


def test_more_news_ranks_by_topics_shared_and_never_holds_the_post(empty_site):
    def day(n):
        return dt.datetime(2021, 3, n, 12, tzinfo=dt.UTC)

    post = PostFactory(title="The post", tags=["a", "b", "c"], published_at=day(5))
    PostFactory(title="One shared, newest", tags=["a", "z"], published_at=day(9))
    three = PostFactory(title="All three shared", tags=["c", "b", "a"], published_at=day(1))
    PostFactory(title="Two shared", tags=["b", "c"], published_at=day(3))
    PostFactory(title="A draft on them all", tags=["a", "b", "c"], status="draft")
    untagged = PostFactory(title="No topic", published_at=day(2))
    more = post.more_news(10)
    assert [p.title for p in more] == [
        "All three shared",
        "Two shared",
        "One shared, newest",
        "No topic",
    ]
    assert [p.shared for p in more] == [3, 2, 1, 0]
    assert [p.title for p in post.more_news(2, leaving_out=[three.pk])] == [
        "Two shared",
        "One shared, newest",
    ]
    # A post of no topic is followed by the newest others.
    assert [p.title for p in untagged.more_news(2)] == ["One shared, newest", "The post"]


def test_more_news_is_two_queries_however_many_posts_and_topics(
    empty_site, django_assert_max_num_queries
):
    post = PostFactory(tags=[f"tag-{n}" for n in range(8)])
    for n in range(30):
        PostFactory(tags=[f"tag-{n % 8}", f"other-{n}"])
    with django_assert_max_num_queries(2):
        more = post.more_news(3)
        tags = [link.tag.name for other in more for link in other.tag_links]
    assert len(more) == 3 and len(tags) == 6


def test_every_news_item_is_one_row_date_title_lede_tags(client, seed):
    """The news list, a tag's page, the landing page and a post's more news show posts with
    one item: its date, title, lede and tags, in that order; the landing page and a post's
    more news leave out the lede (compact rows)."""
    for url, compact in [
        ("/news/", False),
        ("/news/tag/webinar/", False),
        ("/", True),
        (POST, True),
    ]:
        items = ITEM.findall(client.get(url).content.decode())
        assert items, url
        for item in items:
            date, title = (
                item.index('class="news-item__date"'),
                item.index('class="news-item__title"'),
            )
            tags = item.find('class="tag-list news-item__tags"')
            assert date < title < tags, url
            assert ('class="news-item__lede"' in item) is not compact, url
            if not compact:
                assert title < item.index('class="news-item__lede"') < tags, url


def test_news_items_end_their_ledes_at_a_sentences_end(client, seed):
    """A post's lede is one short paragraph: an item shows it whole, never cut with an
    ellipsis."""
    for url in ["/news/", "/news/tag/webinar/"]:
        for item in ITEM.findall(client.get(url).content.decode()):
            assert "…" not in item, url
    hands_on = Post.objects.get(slug__startswith="hands-on")
    item = next(i for i in ITEM.findall(client.get("/news/").content.decode()) if "Hands-on" in i)
    assert hands_on.lede.split()[-1] in item


def test_the_landing_news_is_three_compact_rows_with_their_dates(client, seed):
    html = client.get("/").content.decode()
    news = html[html.index('aria-labelledby="news-heading"') :]
    news = news[: news.index("</section>")]
    items = ITEM.findall(news)
    assert len(items) == 3
    assert '<div class="news-list news-list--compact">' in news
    assert all('<time datetime="2020-' in item and " 2020</span></time>" in item for item in items)


def test_whole_sentences_keeps_a_short_text_whole_and_cuts_a_long_one_at_a_sentence():
    from wego_site.core.templatetags.wego import whole_sentences

    short = "One sentence of some words. " * 4
    assert whole_sentences(short, 14) == short.strip()  # 20 words: within 14 and a half
    long = "A first sentence of six words. " + "Then many more words follow here. " * 10
    assert whole_sentences(long, 10) == "A first sentence of six words."
    one = " ".join(["word"] * 50) + "."
    assert whole_sentences(one, 10) == one


def test_the_news_list_is_filtered_by_topics_with_their_counts_and_the_feeds(client, seed):
    """The page head is the heading and the count alone; the topics (each tag with its
    number of posts, after "All news"; those of one post each in a line of tags; the
    current one marked) and the feeds are a
    `<details>` before the list ("Filter by topic (11)"), a column beside it from 64rem."""
    html = client.get("/news/").content.decode()
    head = html[
        html.index('<div class="page-head">') : html.index(
            "</div>", html.index('<div class="page-head">')
        )
    ]
    assert 'rel="tag"' not in head and "feed" not in head
    start = html.index('<details class="news-filter">')
    assert start < html.index('class="news-layout__list"')
    topics = html[start : html.index("</details>", start)]
    assert (
        '<summary>Filter by topic <span class="news-filter__count">(11)</span></summary>' in topics
    )
    assert '<a href="/news/" aria-current="page">All news</a>' in topics
    rows = re.findall(
        r'href="/news/tag/[^"]+/">([^<]+?) <span class="topic-list__count">(.*?)</span></a>', topics
    )
    counts = {name: re.sub(r"<[^>]+>", "", count) for name, count in rows}
    assert len(counts) == 5
    assert counts["Webinar"] == "(5 posts)" and counts["SCI-J"] == "(2 posts)"
    assert '<a class="tag" href="/news/tag/ascn/" rel="tag">ASCN</a>' in topics
    assert '<a href="/news/feed/rss/" type="application/rss+xml">News feed (RSS)</a>' in topics
    assert '<a href="/news/feed/atom/" type="application/atom+xml">News feed (Atom)</a>' in topics
    assert "open" not in html[start : html.index(">", start)]
    # Folded on a tag's page, it names the topic shown.
    html = client.get("/news/tag/webinar/").content.decode()
    assert '<summary><span class="news-filter__label">Topic:</span> Webinar</summary>' in html


def test_the_topics_of_one_post_each_are_one_quiet_line_after_the_others(client, seed):
    """The filter lists the topics of several posts a line each with their count, most
    first; those of one post each follow in one line of tags, by name, under "One post
    each"; every tag's page is linked once, the current one marked."""
    html = client.get("/news/tag/ascn/").content.decode()
    start = html.index('<details class="news-filter">')
    topics = html[start : html.index("</details>", start)]
    several = topics[: topics.index('class="news-filter__subheading"')]
    assert re.findall(
        r'href="/news/tag/[^"]+/"[^>]*>([^<]+?) <span class="topic-list__count">', several
    ) == [
        "Webinar",
        "COVID\u201119",
        "Smart Health Responder",
        "Partnership",
        "SCI-J",
    ]
    one = topics[
        topics.index('class="news-filter__subheading"') : topics.index(
            "</ul>", topics.index("topics-of-one")
        )
    ]
    assert ">One post each</p>" in one
    assert '<ul class="tag-list topics-of-one" aria-labelledby="news-filter-one">' in one
    assert re.findall(r'<a class="tag" href="/news/tag/[^"]+/"[^>]*>([^<]+)</a>', one) == [
        "ASCN",
        "Diplomatic relations",
        "GSCA",
        "Project Implementer",
        "Smart City Driver",
        "WeGO Awards",
    ]
    assert '<a class="tag" href="/news/tag/ascn/" rel="tag" aria-current="page">ASCN</a>' in one
    assert len(set(re.findall(r'href="(/news/tag/[^"]+/)"', topics))) == 11
    assert len(re.findall(r'href="/news/tag/[^"]+/"', topics)) == 11


def test_a_post_that_names_nothing_has_no_facts(client, empty_site):
    post = PostFactory()
    html = client.get(post.get_absolute_url()).content.decode()
    assert "post__facts" not in html and "About this post" not in html
    assert "post__topics" not in html


def test_a_post_with_topics_alone_has_them_over_its_text_not_in_a_column(client, seed):
    """A post of several paragraphs that names no program or organisation has only its
    topics to say besides its text: they are a line over the text (after the head's date),
    with no facts column beside it. A brief (one paragraph, its standfirst) has its
    topics in the quiet block of facts under its lede, as every brief has its facts."""
    long = PostFactory(body="A second paragraph.\n\nAnd a third.")
    TaggedPost.objects.create(content_object=long, tag=Tag.objects.create(name="Aardvark"))
    main = client.get(long.get_absolute_url()).content.decode()
    main = main[main.index("<main") : main.index("</main>")]
    assert "post__facts" not in main and "About this post" not in main
    start = main.index('<dl class="post__topics">')
    topics = main[start : main.index("</dl>", start)]
    assert "<dt>Topic</dt>" in topics
    assert re.findall(r'rel="tag">([^<]+)</a>', topics) == ["Aardvark"]
    assert main.index("</header>") < start < main.index('<div class="prose post__text">')
    for url in ["/news/2020/18-cities-awarded-for-their-smart-initiatives/", POST]:
        brief = client.get(url).content.decode()
        assert '<article class="post post--brief">' in brief, url
        assert "post__topics" not in brief, url
        facts = brief[brief.index('<section class="post__about"') :]
        facts = facts[: facts.index("</section>")]
        assert re.search(r"<dt>Topics?</dt>", facts) and 'rel="tag"' in facts, url
        assert brief.index('<div class="prose post__text">') < brief.index("post__about")


def test_a_post_shows_the_place_it_was_filed_from(client, seed):
    """A post's dateline ("SEOUL") names a place of the site's map: its facts say "Filed
    in" with a link to the place's page. Its head has no globe of it (a post is about what
    it tells, not where it was written). A dateline naming no place on the map has no
    "Filed in"."""
    html = client.get(POST).content.decode()
    start = html.index('<header class="post__head">')
    head = html[start : html.index("</header>", start)]
    assert "locator-map" not in head and "page-head__map" not in html
    facts = html[html.index('<section class="post__about"') :]
    facts = facts[: facts.index("</section>")]
    assert '<dt>Filed in</dt><dd><a href="/cities/seoul/">Seoul</a>, Korea</dd>' in facts
    assert facts.index("<dt>Filed in</dt>") < facts.index("<dt>Topics</dt>")
    nowhere = PostFactory(dateline="ATLANTIS", tags=["Aardvark"])
    html = client.get(nowhere.get_absolute_url()).content.decode()
    assert "page-head__map" not in html and "<dt>Filed in</dt>" not in html


def test_a_posts_dateline_place_is_one_query_once_per_generation(
    client, seed, settings, django_assert_max_num_queries
):
    """The place a post was filed from is read once for each dateline in a content
    generation (one query): the post page's first render stays within its budget, and
    another post filed from the same place reads no place at all."""
    settings.PAGE_CACHE_ENABLED = False
    with django_assert_max_num_queries(BUDGET_OF_A_POST):
        client.get(POST)
    other = Post.objects.published().exclude(slug__in=POST.split("/")).first()
    assert other.dateline.lower() == "seoul"
    with CaptureQueriesContext(connection) as queries:
        assert "<dt>Filed in</dt>" in client.get(other.get_absolute_url()).content.decode()
    assert not [q for q in queries.captured_queries if '"programs_place"' in q["sql"]]
