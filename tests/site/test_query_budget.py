"""Every public page runs a small, fixed number of queries, whatever the data's size.

Two views of one budget: every public URL with the seed and with many more rows (the
URLs come from the resolver, so a new page is covered), and each page built from 1
object or 50 of everything it shows (no N+1 anywhere).
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from programs.models import ProgramKind, RegionalOffice
from tests.factories import (
    ContactFactory,
    CountryFactory,
    EditionFactory,
    OrganisationFactory,
    ParticipantFactory,
    PlaceFactory,
    PostFactory,
    ProgramFactory,
    TestimonialFactory,
    as_one_change,
)
from tests.public_urls import public_urls
from wego_site.pagecache import generation as page_cache

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12


@pytest.fixture
def render_every_time(settings):
    """Measure rendering, not the page cache (which answers with no query at all)."""
    settings.PAGE_CACHE_ENABLED = False


def count_url_queries(client, urls, html_only=False):
    # The content generation is computed when content changes, not by pages; make sure
    # it exists (a cleared Redis has none) so each count is the page's own.
    page_cache.current_state()
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if html_only and not response["Content-Type"].startswith("text/html"):
            continue
        counts[url] = len(queries)
    return counts


def test_public_urls_cover_every_kind_of_page(seed):
    urls = public_urls()
    for expected in ["/", "/programs/", "/news/", "/testimonials/"]:
        assert expected in urls
    assert any(url.startswith("/news/20") for url in urls), "a news post"
    assert any(url.count("/") == 4 and url.startswith("/programs/") for url in urls), "an edition"


def test_every_public_page_stays_within_the_query_budget(client, seed, render_every_time):
    """Every HTML page; feeds, sitemaps and calendars must only not grow (next test)."""
    counts = count_url_queries(client, public_urls(), html_only=True)
    over = {url: count for url, count in counts.items() if count > QUERY_BUDGET}
    assert not over, f"pages over {QUERY_BUDGET} queries: {over}"


def test_query_counts_do_not_grow_with_the_data(client, seed, render_every_time):
    urls = public_urls()
    with_seed = count_url_queries(client, urls)
    call_command(
        "generate_bench_data",
        posts=40,
        programs=12,
        editions=30,
        participants=150,
        testimonials=15,
        stdout=io.StringIO(),
    )
    assert count_url_queries(client, urls) == with_seed


def test_a_cached_page_runs_no_query(client, seed, settings, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"


# Page builders: each makes `n` of everything its page shows, on an empty site.


def landing(n):
    # The joint workshop comes first, so even one object gives the page its featured
    # edition (whose parts cost the one query a site without one does not make).
    kinds = [
        ProgramKind.JOINT_WORKSHOP,
        ProgramKind.MAIN,
        ProgramKind.REGIONAL,
        ProgramKind.PARTNER,
    ]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        office = RegionalOffice.objects.create(
            name=f"Office {i}", slug=f"office-{i}", region=f"R{i}", city=f"City {i}"
        )
        program = ProgramFactory(kind=kind, regional_office=office if i % 2 else None)
        program.contacts.add(ContactFactory())
        edition = EditionFactory(program=program, parts=2)
        TestimonialFactory(edition=edition)
        PostFactory(tags=["a", "b"])
    return "/"


def program_list(n):
    for i in range(n):
        program = ProgramFactory(kind=list(ProgramKind)[i % len(ProgramKind)])
        EditionFactory(program=program)
    return "/programs/"


def program_kind(n):
    for _ in range(n):
        EditionFactory(program=ProgramFactory(kind=ProgramKind.PARTNER))
    return "/programs/kind/partner/"


def program_detail(n):
    program = ProgramFactory(slug="the-program")
    for _ in range(n):
        EditionFactory(program=program)
        program.partners.add(OrganisationFactory())
        program.contacts.add(ContactFactory())
        PostFactory(tags=["x"]).related_programs.add(program)
    return "/programs/the-program/"


def edition_detail(n):
    EditionFactory(program=ProgramFactory(slug="p"), slug="e", parts=n)
    return "/programs/p/e/"


def archive(n):
    program = ProgramFactory()
    for i in range(n):
        EditionFactory(
            program=program, start_date=dt.date(2015, 1, 1) + dt.timedelta(days=i), parts=1
        )
    return "/programs/archive/"


def archive_year(n):
    archive(n)
    return "/programs/archive/2015/"


def news_list(n):
    for _ in range(n):
        PostFactory(tags=["a", "b"])
    return "/news/"


def news_year(n):
    news_list(n)
    return f"/news/{PostFactory().published_at_local.year}/"


def news_tag(n):
    for _ in range(n):
        PostFactory(tags=["common", "other"])
    return "/news/tag/common/"


def post_detail(n):
    post = PostFactory(slug="the-post")
    for i in range(n):
        post.tags.add(f"tag-{i}")
        post.related_programs.add(ProgramFactory())
        post.organisations.add(OrganisationFactory())
        PostFactory()
    return f"/news/{post.published_at_local.year}/the-post/"


def all_testimonials(n):
    program = ProgramFactory()
    edition = EditionFactory(program=program)
    for i in range(n):
        TestimonialFactory(edition=edition if i % 2 else None, program=None if i % 2 else program)
    return "/testimonials/"


def year_of_testimonials(n):
    all_testimonials(n)
    return "/testimonials/2013/"


def places_in_one_country(n):
    """n places of one country, each in its own edition with a participant and a
    testimonial, and one organisation with no coordinates."""
    country = CountryFactory(name="Placeland", code="PH")
    for i in range(n):
        place = PlaceFactory(country=country, slug=f"place-{i}")
        edition = EditionFactory(start_date=dt.date(2015, 1, 1) + dt.timedelta(days=i))
        ParticipantFactory(edition=edition, country=country, place=place)
        TestimonialFactory(edition=edition, place=place)
    organisation = PlaceFactory(
        country=country, slug="organisation", kind="organisation", latitude=None, longitude=None
    )
    ParticipantFactory(edition=edition, country=country, place=organisation)
    return country


def place_list(n):
    places_in_one_country(n)
    return "/cities/"


def place_list_filtered(n):
    places_in_one_country(n)
    return "/cities/?year=2015"


def place_detail(n):
    country = places_in_one_country(1)
    place = PlaceFactory(country=country, slug="the-place")
    for i in range(n):
        edition = EditionFactory(start_date=dt.date(2016, 1, 1) + dt.timedelta(days=i))
        ParticipantFactory(edition=edition, country=country, place=place)
        TestimonialFactory(edition=edition, place=place)
    return "/cities/the-place/"


def country_detail(n):
    places_in_one_country(n)
    return "/countries/ph/"


PAGES = [
    landing,
    place_list,
    place_list_filtered,
    place_detail,
    country_detail,
    program_list,
    program_kind,
    program_detail,
    edition_detail,
    archive,
    archive_year,
    news_list,
    news_year,
    news_tag,
    post_detail,
    all_testimonials,
    year_of_testimonials,
]


def count_page_queries(client, build, n, django_assert_max_num_queries):
    """Build `n` of everything, count the page's queries, then roll the rows back."""
    with transaction.atomic():
        with as_one_change():
            url = build(n)
        with (
            django_assert_max_num_queries(QUERY_BUDGET),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(url)
        assert response.status_code == 200, url
        transaction.set_rollback(True)
    return len(queries)


@pytest.mark.parametrize("build", PAGES, ids=[build.__name__ for build in PAGES])
def test_query_count_is_small_and_does_not_grow(
    client, empty_site, build, django_assert_max_num_queries
):
    one = count_page_queries(client, build, 1, django_assert_max_num_queries)
    fifty = count_page_queries(client, build, 50, django_assert_max_num_queries)
    assert one == fifty, f"{build.__name__}: {one} queries with 1 object, {fifty} with 50"
