"""Helpers of the search tests: ask the search page, read its sections, build matches."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from programs.models import Program, ProgramKind
from tests.factories import (
    EditionFactory,
    PostFactory,
    TestimonialFactory,
    TopicFactory,
    as_one_change,
)

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (tsvector, ts_rank, ts_headline) exists only on PostgreSQL; "
    "run with DATABASE_URL=postgres://... to test it",
)
only_fallback = pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="tests the plain fallback used where PostgreSQL full-text search is unavailable",
)


def search_page(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return response, response.content.decode()


def search_page_of_kind(client, query, kind):
    response = client.get(reverse("search"), {"q": query, "kind": kind})
    assert response.status_code == 200
    return response, response.content.decode()


def sections(response):
    return {section.key: section for section in response.context["results"].sections}


def make_matches(count, first=0):
    """Published posts, editions (matching by a topic) and testimonials with Quillword."""
    with as_one_change():
        program, _ = Program.objects.get_or_create(
            slug="program",
            defaults={"title": "Program", "kind": ProgramKind.MAIN, "status": "published"},
        )
        for number in range(first, first + count):
            PostFactory(lede="About Quillword.")
            edition = EditionFactory(
                program=program, start_date=dt.date(2010, 1, 1) + dt.timedelta(days=number), days=0
            )
            TopicFactory(edition=edition, position=1, title="Quillword topic")
            TestimonialFactory(quote="Quillword.", year=2010)
