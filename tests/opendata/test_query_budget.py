"""Every open-data request stays within 8 queries, however many rows it lists.

The per-address count lives in the rate-limit cache: Redis in production past one
machine, which costs no query. Here it is local memory, so the counts below are the
request's own; the last test pins what the count costs when it is kept in the database
(one machine without Redis).
"""

import datetime as dt

import pytest
from django.core.cache import caches

from programs.models import Participant
from tests.applications.factories import CallFactory
from tests.factories import (
    EditionFactory,
    PostFactory,
    ProgramFactory,
    TestimonialFactory,
    as_one_change,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 8
URLS = [
    "/api/v1/",
    "/api/v1/programs/",
    "/api/v1/programs/wego-shrdc-training-program/",
    "/api/v1/editions/",
    "/api/v1/editions/joint-workshop-smart-sustainable-cities-e-government/2018/",
    "/api/v1/editions/?country=kr&kind=main&year=2015",
    "/api/v1/places/",
    "/api/v1/places/accra/",
    "/api/v1/places/?program=wego-shrdc-training-program&year=2015",
    "/api/v1/countries/",
    "/api/v1/countries/kr/",
    "/api/v1/countries/?program=wego-shrdc-training-program&year=2015",
    "/api/v1/participation/",
    "/api/v1/participation/?program=wego-shrdc-training-program&country=kr",
    "/api/v1/news/",
    "/api/v1/news/?program=wego-shrdc-training-program",
    "/api/v1/testimonials/",
    "/api/v1/testimonials/?kind=main",
    "/api/v1/calls/",
    "/api/v1/schema/",
    "/api/v1/docs/",
    "/data/",
    "/data/datapackage.json",
    "/data/editions.csv",
    "/data/participation.csv",
    "/data/places.csv",
    "/data/news.csv",
    "/data/testimonials.csv",
]


@pytest.fixture
def count_in_memory(settings):
    settings.CACHES = {
        **settings.CACHES,
        "rate-limit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    yield
    caches["rate-limit"].clear()


@pytest.fixture
def many_rows(seed, places):
    """Dozens of everything each list shows, every edition with parts of every kind."""
    main = ProgramFactory(slug="many-editions")
    with as_one_change():
        for _ in range(12):
            edition = EditionFactory(program=main, parts=4)
            Participant.objects.filter(edition=edition).update(place=places["accra"])
            CallFactory(edition=EditionFactory(program=main, start_date=dt.date(2030, 1, 1)))
        for _ in range(12):
            PostFactory(tags=["one", "two"]).related_programs.add(main)
            TestimonialFactory(program=main, place=places["accra"])


def test_each_request_stays_within_the_budget(
    client, many_rows, count_in_memory, django_assert_max_num_queries
):
    client.get("/")  # the content generation exists before counting
    for url in URLS:
        with django_assert_max_num_queries(QUERY_BUDGET, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


def test_the_count_kept_in_the_database_costs_a_few_queries_more(
    client, seed, django_assert_max_num_queries
):
    client.get("/")
    with django_assert_max_num_queries(QUERY_BUDGET + 6):
        assert client.get("/api/v1/editions/").status_code == 200
