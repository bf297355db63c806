"""Each page costs the same few queries with 1 object or 50: no N+1 anywhere."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from programs.models import ProgramKind, RegionalOffice
from tests.factories import (
    fill_edition,
    make_contact,
    make_edition,
    make_organisation,
    make_post,
    make_program,
    make_testimonial,
)

pytestmark = pytest.mark.django_db

BUDGET = 8


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
        program = make_program(kind=kind, regional_office=office if i % 2 else None)
        program.contacts.add(make_contact())
        edition = make_edition(program)
        fill_edition(edition, 2)
        make_testimonial(edition=edition)
        make_post(tags=["a", "b"])
    return "/"


def program_list(n):
    for i in range(n):
        program = make_program(kind=list(ProgramKind)[i % len(ProgramKind)])
        make_edition(program)
    return "/programs/"


def program_kind(n):
    for _ in range(n):
        make_edition(make_program(kind=ProgramKind.PARTNER))
    return "/programs/kind/partner/"


def program_detail(n):
    program = make_program(slug="the-program")
    for _ in range(n):
        make_edition(program)
        program.partners.add(make_organisation())
        program.contacts.add(make_contact())
        make_post(tags=["x"]).related_programs.add(program)
    return "/programs/the-program/"


def edition_detail(n):
    edition = make_edition(make_program(slug="p"), slug="e")
    fill_edition(edition, n)
    return "/programs/p/e/"


def archive(n):
    program = make_program()
    for i in range(n):
        fill_edition(make_edition(program, start=dt.date(2015, 1, 1) + dt.timedelta(days=i)), 1)
    return "/programs/archive/"


def archive_year(n):
    archive(n)
    return "/programs/archive/2015/"


def news_list(n):
    for _ in range(n):
        make_post(tags=["a", "b"])
    return "/news/"


def news_year(n):
    news_list(n)
    return f"/news/{make_post().published_at_local.year}/"


def news_tag(n):
    for _ in range(n):
        make_post(tags=["common", "other"])
    return "/news/tag/common/"


def post_detail(n):
    post = make_post(slug="the-post")
    for i in range(n):
        post.tags.add(f"tag-{i}")
        post.related_programs.add(make_program())
        post.organisations.add(make_organisation())
        make_post()
    return f"/news/{post.published_at_local.year}/the-post/"


def all_testimonials(n):
    program = make_program()
    edition = make_edition(program)
    for i in range(n):
        make_testimonial(edition=edition if i % 2 else None, program=None if i % 2 else program)
    return "/testimonials/"


def year_of_testimonials(n):
    all_testimonials(n)
    return "/testimonials/2013/"


PAGES = [
    landing,
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


def count_queries(client, build, n, django_assert_max_num_queries):
    """Build `n` of everything, count the page's queries, then roll the rows back."""
    with transaction.atomic():
        url = build(n)
        with django_assert_max_num_queries(BUDGET), CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        transaction.set_rollback(True)
    return len(queries)


@pytest.mark.parametrize("build", PAGES, ids=[build.__name__ for build in PAGES])
def test_query_count_is_small_and_does_not_grow(client, build, django_assert_max_num_queries):
    one = count_queries(client, build, 1, django_assert_max_num_queries)
    fifty = count_queries(client, build, 50, django_assert_max_num_queries)
    assert one == fifty, f"{build.__name__}: {one} queries with 1 object, {fifty} with 50"
