"""robots.txt points crawlers at the sitemap; /healthz tells the load balancer the truth."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_robots_txt_points_at_the_sitemap_and_names_no_private_path(client, settings):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    lines = body.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow:" in lines  # nothing is disallowed
    assert settings.ADMIN_URL not in body and "/healthz" not in body
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert reverse("robots_txt") == "/robots.txt"


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database: unavailable\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_reads_a_content_table(client):
    """A database that answers `SELECT 1` but cannot give the site's content (a missing
    table, a locked file) cannot serve a page either."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE programs_program RENAME TO programs_program_away")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database: unavailable\n"


def test_healthz_names_the_shared_cache_when_it_does_not_answer(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"cache: unavailable\n"
