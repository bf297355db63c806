"""Drafts and scheduled items are nowhere: lists, pages, counts, neighbours, tags, years."""

import datetime as dt

import pytest

from programs.models import Edition, Program, ProgramKind, RegionalOffice
from tests.factories import (
    EditionFactory,
    PostFactory,
    ProgramFactory,
    TestimonialFactory,
    future,
)
from tests.html import text_of
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT
HIDDEN = [
    pytest.param({"status": DRAFT}, id="draft"),
    pytest.param({"published_at": future(days=3)}, id="scheduled"),
]

PUBLIC_LISTS = [
    "/",
    "/programs/",
    "/programs/kind/main/",
    "/programs/archive/",
    "/news/",
    "/news/2020/",
    "/news/tag/webinar/",
    "/testimonials/",
    "/testimonials/2013/",
]


def public_text(client, url):
    """The visible text of a page that must render (a 404 page would hide anything)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response)


def all_text(client):
    return " ".join(public_text(client, url) for url in PUBLIC_LISTS)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_post_is_nowhere(client, seed, hidden):
    post = PostFactory(
        title="Secret post",
        slug="secret-post",
        tags=["webinar"],
        **hidden,
        **(
            {}
            if "published_at" in hidden
            else {"published_at": dt.datetime(2020, 6, 1, tzinfo=dt.UTC)}
        ),
    )
    assert "Secret post" not in all_text(client)
    year = post.published_at_local.year
    assert client.get(f"/news/{year}/secret-post/").status_code == 404
    # Neither a neighbour of the posts around it.
    around = "/news/2020/wego-holds-first-webinar-on-covid-19-best-practice/"
    assert "Secret post" not in public_text(client, around)
    assert "10 posts" in public_text(client, "/news/")


@pytest.mark.parametrize(
    ("status", "published_at"),
    [
        pytest.param(DRAFT, dt.datetime(2019, 6, 1, tzinfo=dt.UTC), id="draft"),
        pytest.param(PublicationStatus.PUBLISHED, future(days=400), id="scheduled"),
    ],
)
def test_tag_and_year_of_hidden_posts_only_are_404(client, seed, status, published_at):
    post = PostFactory(
        slug="lonely", tags=["only-hidden"], status=status, published_at=published_at
    )
    assert client.get("/news/tag/only-hidden/").status_code == 404
    assert client.get(f"/news/{post.published_at_local.year}/").status_code == 404


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_program_hides_itself_and_its_editions(client, seed, hidden):
    Program.objects.filter(slug="joint-workshop-smart-sustainable-cities-e-government").update(
        **hidden
    )
    text = all_text(client)
    assert "Joint Workshop for Smart Sustainable Cities" not in text
    assert "Jeju" not in text
    assert (
        client.get("/programs/joint-workshop-smart-sustainable-cities-e-government/").status_code
        == 404
    )
    assert (
        client.get(
            "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"
        ).status_code
        == 404
    )
    assert client.get("/programs/archive/2018/").status_code == 404
    landing = public_text(client, "/")
    assert "Editions since 2011 8" in landing
    assert "Programs 3" in landing
    # Only the main program's testimonials' cities are left (Mexico City, Bucharest,
    # Barcelona, Muscat): the workshop's participants are hidden with it.
    assert "Cities and public bodies 4" in landing
    assert "Countries 4" in landing


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_edition_is_nowhere(client, seed, hidden):
    Edition.objects.filter(slug="2011-09").update(**hidden)
    text = all_text(client)
    assert "5–9 September 2011" not in text
    assert client.get("/programs/wego-shrdc-training-program/2011-09/").status_code == 404
    assert client.get("/programs/archive/2011/").status_code == 404
    assert "Editions (7)" in public_text(client, "/programs/wego-shrdc-training-program/")
    assert "Editions since 2012 8" in public_text(client, "/")
    # Its testimonial stays, linked to the program instead of the hidden edition.
    html = client.get("/testimonials/2011/").content.decode()
    assert "/programs/wego-shrdc-training-program/2011-09/" not in html
    assert 'href="/programs/wego-shrdc-training-program/"' in html


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_testimonial_is_nowhere(client, seed, hidden):
    TestimonialFactory(person_name="Hidden Person", year=2014, **hidden)
    assert "Hidden Person" not in all_text(client)
    assert client.get("/testimonials/2014/").status_code == 404
    edition_page = public_text(client, "/programs/wego-shrdc-training-program/2013-06/")
    assert "Hidden Person" not in edition_page


@pytest.mark.parametrize("hidden", HIDDEN)
def test_hidden_program_of_a_kind(client, seed, hidden):
    ProgramFactory(title="Hidden regional", kind=ProgramKind.REGIONAL, **hidden)
    assert "Hidden regional" not in public_text(client, "/programs/kind/regional/")
    assert "Hidden regional" not in public_text(client, "/")


def test_scheduled_post_appears_when_its_time_comes(client, seed, monkeypatch):
    from django.utils import timezone

    when = timezone.now() + dt.timedelta(hours=2)
    post = PostFactory(title="Soon", slug="soon", published_at=when)
    assert "Soon" not in public_text(client, "/news/")
    assert client.get(post.get_absolute_url()).status_code == 404
    later = when + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Soon" in public_text(client, "/news/")
    assert client.get(post.get_absolute_url()).status_code == 200


def test_office_with_a_program_is_not_listed_twice(client, seed):
    europe = RegionalOffice.objects.get(slug="europe")
    assert public_text(client, "/programs/kind/regional/").count("Ulyanovsk e") == 0
    ProgramFactory(
        title="Ulyanovsk e-Government Course", kind=ProgramKind.REGIONAL, regional_office=europe
    )
    text = public_text(client, "/programs/kind/regional/")
    assert text.count("Ulyanovsk e\u2011Government Course") == 1  # in its office's card only


def test_upcoming_edition_counts_only_when_public(client, seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    EditionFactory(
        program=program, title="Draft 2030", start_date=dt.date(2030, 1, 1), status=DRAFT
    )
    assert "Upcoming editions" not in public_text(client, "/programs/wego-shrdc-training-program/")


@pytest.mark.parametrize("hidden", HIDDEN)
def test_pages_composed_from_several_apps_show_public_rows_only(client, seed, hidden):
    """A program's page (its news, the other programs), an edition's (its testimonials,
    the editions before and after it) and a post's (its programs) list only public rows."""
    program = Program.objects.get(slug="joint-workshop-smart-sustainable-cities-e-government")
    jeju = Edition.objects.get(slug="2018")
    PostFactory(title="Hidden news about Jeju", slug="hidden-news", **hidden).related_programs.add(
        program
    )
    TestimonialFactory(person_name="Hidden Witness", edition=jeju, year=2018, **hidden)
    next_workshop = EditionFactory(
        program=program, title="Hidden next workshop", start_date=dt.date(2019, 7, 1), **hidden
    )
    hidden_program = ProgramFactory(title="Hidden sibling program", **hidden)
    public_post = PostFactory(title="Public news", slug="public-news")
    public_post.related_programs.add(program, hidden_program)

    program_page = public_text(client, program.get_absolute_url())
    assert "Public news" in program_page
    for hidden_name in ["Hidden news about Jeju", "Hidden sibling program", "Hidden next workshop"]:
        assert hidden_name not in program_page
    edition_page = client.get(jeju.get_absolute_url())
    assert "Hidden Witness" not in text_of(edition_page)
    assert "Joint Workshop for Smart Sustainable Cities & e\u2011Government" in text_of(
        edition_page
    )
    assert next_workshop.get_absolute_url() not in edition_page.content.decode()
    post_page = public_text(client, public_post.get_absolute_url())
    assert program.title in post_page.replace("\u2011", "-")  # shown with a non-breaking hyphen
    assert "Hidden sibling program" not in post_page
