"""News pages: the seed's posts, tags and years; pagination, neighbours at equal times, JSON-LD."""

import datetime as dt
import json
import re

import pytest
from taggit.models import Tag

from news.models import Post, TaggedPost
from programs.models import Program, ProgramKind
from tests.factories import PostFactory, as_one_change
from tests.html import json_ld_blocks, parse, text_of

pytestmark = pytest.mark.django_db

POST = "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/"


def test_pagination_ten_a_page(client, empty_site):
    with as_one_change():
        for _ in range(23):
            PostFactory()
    assert "23 posts, page 1 of 3" in text_of(client.get("/news/"))
    assert "23 posts, page 3 of 3" in text_of(client.get("/news/?page=3"))
    html = client.get("/news/?page=2").content.decode()
    assert 'href="?page=1" rel="prev"' in html
    assert 'href="?page=3" rel="next"' in html
    assert 'aria-current="page">2<' in html
    assert 'rel="canonical" href="http://testserver/news/?page=2"' in html
    assert "23 posts, page 3 of 3" in text_of(client.get("/news/?page=last"))
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
    assert "Older post First" in text
    assert "Newer post Third" in text
    assert "Newer post Second" in text_of(client.get(first.get_absolute_url()))
    assert "Older post Second" in text_of(client.get(third.get_absolute_url()))


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
    posts = html[html.index('<div class="post-list">') : html.index("</main>")]
    assert "Hands-on experience offered in first Smart City Driver webinar" not in posts
    # The other tags, to move sideways: every public tag but this one, in the page's head.
    head = html[html.index('<div class="page-head">') : html.index('<div class="post-list">')]
    others = re.findall(r'rel="tag">([^<]+)</a>', head)
    assert "Smart City Driver" in others and "COVID-19" not in others
    # A tag's posts are cards alike: none featured.
    assert "post-card--featured" not in html
    assert "10 posts" in text_of(client.get("/news/2020/"))


def test_news_cards_without_a_photograph_are_text_cards(client, seed):
    html = client.get("/news/").content.decode()
    assert html.count('<article class="card post-card') == 10
    assert "<img" not in html
    # The newest post is featured, first.
    assert html.count("post-card--featured") == 1
    first = html.index('<article class="card post-card')
    assert html.index("post-card--featured") < html.index("<article", first + 1)


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
    assert html.count("post-card--photo") == 1


def test_post_page(client, seed):
    response = client.get(POST)
    text = text_of(response)
    html = response.content.decode()
    assert "13 May 2020" in text
    assert "SEOUL – WeGO has concluded an MOU" in text
    for tag in ["Partnership", "SCI-J", "GSCA"]:
        assert f'rel="tag">{tag}</a>' in html
    assert "Smart City Institute Japan (SCI-J)" in text
    assert "G20 Global Smart Cities Alliance (GSCA)" in text
    # Titles shown with a non-breaking hyphen (U+2011).
    assert "Older post WeGO supports partners on COVID\u201119 response through webinars" in text
    assert "Newer post WeGO holds first webinar on COVID\u201119 best practice" in text
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
    assert "Older post" in text and "Newer post" not in text
    text = text_of(client.get("/news/2020/wego-resumes-meetings-with-diplomatic-missions-in-q1/"))
    assert "Newer post" in text and "Older post" not in text


def test_news_cards_show_each_posts_own_tags(client, seed):
    html = client.get("/news/2020/").content.decode()
    cards = html.split('<article class="card post-card')[1:]
    tags_by_title = {
        re.search(r'<h2 class="card__title"><a [^>]*>([^<]+)</a>', card).group(1): re.findall(
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
    assert re.findall(r'rel="tag">([^<]+)</a>', html) == ["Zebu", "Aardvark"]
    assert re.findall(r'article:tag" content="([^"]+)"', html) == ["Zebu", "Aardvark"]
    assert json_ld_blocks(response)["NewsArticle"]["keywords"] == ["Zebu", "Aardvark"]


def test_a_brief_names_its_tags_under_its_date_and_ends_with_a_slim_row_of_ways_on(client, seed):
    """A post that is its lede alone has no panel larger than itself: its tags under its
    date in the page's head, what else it names under the text, then one row of links."""
    post = Post.objects.get(slug=POST.rstrip("/").rsplit("/", 1)[1])
    assert not post.body
    html = client.get(POST).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count(f">{post.published_at_local:%-d %B %Y}</time>") == 1
    assert "About this post" not in main and "<aside" not in main
    head = main[main.index('<header class="page-head">') : main.index("</header>")]
    assert re.findall(r'rel="tag">([^<]+)</a>', head) == ["Partnership", "SCI-J", "GSCA"]
    assert '<ul class="tag-list post__tags" aria-label="Tags">' in head
    named = main[main.index('<dl class="facts post__named">') :]
    assert "<dt>Organisations named</dt>" in named.split("</dl>")[0]
    pager = main[main.index('<nav class="post-pager" aria-label="More news">') :]
    pager = pager[: pager.index("</nav>")]
    # Plain links, the labels outside them: no heading, no card.
    assert pager.count("<h2") == pager.count("<h3") == 0
    assert re.search(
        r'<span class="post-pager__label">Newer post</span> <a href="[^"]+" rel="next">', pager
    )
    assert re.search(
        r'<span class="post-pager__label">Older post</span> <a href="[^"]+" rel="prev">', pager
    )
    assert '<a href="/news/2020/">All news from 2020</a>' in pager
    assert main.index('<div class="prose post__text">') < main.index('class="post-pager"')


def test_a_post_with_a_body_keeps_its_panel_beside_the_text(client, empty_site):
    with as_one_change():
        PostFactory(published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        post = PostFactory(
            body="The rest of the story.",
            tags=["ports"],
            published_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC),
        )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "post-pager" not in html and "post__tags" not in html
    panel = html[html.index('id="post-facts-heading"') :]
    panel = panel[: panel.index("</aside>")]
    assert ">About this post</h2>" in html and 'rel="tag">Ports</a>' in panel
    assert panel.count("<h2") == 0 and panel.count("<h3") == 0
    assert '<nav class="post-nav" aria-label="More news">' in panel
    assert (
        '<a class="post-nav__link post-nav__link--all" href="/news/2024/">All news from 2024</a>'
        in panel
    )


def test_a_tag_page_leads_back_to_all_the_news(client, seed):
    html = client.get("/news/tag/covid-19/").content.decode()
    # The count a quiet line of its own; "← All news" a back link on another.
    assert '<p class="page-head__count">3 posts</p>' in html
    assert (
        '<p class="back"><a href="/news/"><span aria-hidden="true">← </span>All news</a></p>'
        in html
    )
    assert 'class="breadcrumbs"' in html
    everything = client.get("/news/").content.decode()
    assert '<p class="page-head__count">10 posts</p>' in everything
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
    cards = html.split('<article class="card post-card')[1:]
    assert len(cards) == 3
    for card in cards:
        assert 'href="/news/tag/covid-19/"' not in card
    # The cards still name their other tags, under a name that says so.
    assert 'aria-label="Other tags"' in html and 'rel="tag">Webinar</a>' in html
    # The same post's card on the list of all news still names the tag.
    assert 'href="/news/tag/covid-19/"' in client.get("/news/").content.decode()


def test_news_year_chips_are_named_and_only_offered_when_there_is_a_choice(client, seed):
    # Every seed post is of 2020: one year is no choice, so no chip.
    assert "News by year" not in client.get("/news/").content.decode()
    with as_one_change():
        PostFactory(published_at=dt.datetime(2019, 5, 1, tzinfo=dt.UTC))
    html = client.get("/news/").content.decode()
    assert '<span id="year-chips-label" class="chips__label">News by year:</span>' in html
    assert 'aria-labelledby="year-chips-label"' in html
    # A tag's page does not offer the years of all the news.
    assert "News by year" not in client.get("/news/tag/covid-19/").content.decode()


def test_the_lede_style_is_kept_for_a_post_with_more_text_to_follow(client, empty_site):
    """A brief (a post that is its lede alone) is one paragraph in the body's type, its
    panel under it; a post with a body opens with the lede, set larger."""
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
        "<p>One",
        "paragraph.</p>",
    ]
    long_html = client.get(long.get_absolute_url()).content.decode()
    assert '<article class="post">' in long_html
    assert '<p class="lede">The lede.</p>' in long_html


# The one tag chip (includes/tag_list.html): a list item's link of class "tag" in a
# .tag-list, as on every page that lists tags.
TAG_CHIP = re.compile(r'<li><a class="tag" href="/news/tag/[^"]+/" rel="tag">[^<]+</a></li>')


def test_tags_are_one_chip_wherever_they_are_listed(client, seed):
    with as_one_change():
        with_body = PostFactory(body="The rest of the story.", tags=["webinar"])
    pages = [POST, "/news/", "/news/tag/webinar/", "/search/?q=qqxxzz"]
    for url in [*pages, with_body.get_absolute_url()]:
        html = client.get(url).content.decode()
        lists = re.findall(r'<ul class="tag-list[^"]*"[^>]*>(.*?)</ul>', html)
        assert lists, url
        chips = [TAG_CHIP.findall(items) for items in lists]
        assert all(chips), url
        # Every link to a tag is one of those chips.
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


def test_a_post_ends_with_the_latest_news_but_itself(client, seed):
    """A way on from any post, even the newest (which has no newer post): the three
    newest others as cards, but the older and newer posts it links to already."""
    newest = client.get("/news/2020/18-cities-awarded-for-their-smart-initiatives/")
    html = newest.content.decode()
    latest = html[html.index('aria-labelledby="latest-news-heading"') :]
    titles = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', latest)
    assert len(titles) == 3
    assert "18 cities awarded for their smart initiatives" not in " ".join(titles)
    # The second newest is its older post, linked already above.
    assert "Hands-on experience" not in " ".join(titles)
    assert "The Americas in focus in second webinar on COVID" in titles[0]
