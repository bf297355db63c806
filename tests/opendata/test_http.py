"""The open data over HTTP: readable from any site, cached like the pages and retired
with the content, and a per-address limit shared by every worker."""

import pytest
from django.core.cache import cache

from programs.models import Edition
from tests.factories import PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db

OPEN_PATHS = [
    "/api/v1/",
    "/api/v1/editions/",
    "/api/v1/schema/",
    "/api/v1/no-such-endpoint/",
    "/data/editions.csv",
    "/data/datapackage.json",
]


@pytest.mark.parametrize("path", OPEN_PATHS)
def test_any_site_may_read_the_open_data(client, seed, path):
    for headers in [{}, {"Origin": "https://partner.example"}]:
        response = client.get(path, headers=headers)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
        assert "origin" not in response.get("Vary", "").lower()


def test_a_preflight_is_answered_and_other_pages_stay_closed(client, seed):
    preflight = client.options(
        "/api/v1/editions/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    for path in ["/news/", "/data/", "/api/v1/docs/"]:
        page = client.get(path, headers={"Origin": "https://partner.example"})
        assert "Access-Control-Allow-Origin" not in page, path
        assert page["Cross-Origin-Resource-Policy"] == "same-origin", path


def test_the_api_is_read_only(client, seed):
    for method in [client.post, client.put, client.delete]:
        assert method("/api/v1/editions/").status_code == 405


def new_post():
    PostFactory(title="A story published just now", slug="just-now")


def new_program():
    ProgramFactory(title="A program published just now", slug="just-now")


@pytest.mark.parametrize(
    ("path", "change"),
    [("/api/v1/news/", new_post), ("/data/news.csv", new_post), ("/api/v1/schema/", new_program)],
)
def test_answers_are_cached_with_an_etag_and_retired_with_the_content(
    client, seed, settings, path, change
):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(path)
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert first["X-Page-Cache"] == "miss"
    again = client.get(path)
    assert again["X-Page-Cache"] == "hit"
    assert again["Access-Control-Allow-Origin"] == "*"
    unchanged = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304

    change()
    changed = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "just-now" in changed.content.decode()


def test_an_edit_retires_an_api_answer(client, seed, settings):
    settings.PAGE_CACHE_ENABLED = True
    url = "/api/v1/editions/joint-workshop-smart-sustainable-cities-e-government/2018/"
    assert client.get(url).json()["people_trained"] == 28
    edition = Edition.objects.get(slug="2018")
    edition.participant_count = 29
    edition.save()
    assert client.get(url).json()["people_trained"] == 29


def test_too_many_requests_from_one_address_get_a_429_with_retry_after(client, seed, settings):
    settings.OPEN_DATA_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/programs/").status_code == 200
        # The next request reaches another worker, whose own memory holds nothing.
        cache.clear()
    refused = client.get("/api/v1/editions/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Too many requests from your address.")
    assert "no-store" in refused["Cache-Control"]
    other = client.get("/api/v1/programs/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200, "another address has its own count"
