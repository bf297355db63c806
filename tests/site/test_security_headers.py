"""Strict headers on every response, cached or not; HTTPS behind the proxy; known hosts only."""

import pytest

# Headers, which no query decides: the engine cannot change them.
pytestmark = [pytest.mark.django_db, pytest.mark.engine_neutral]

SECURITY_HEADERS = [
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
]


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_security_headers_on_every_kind_of_response(client, seed):
    for url in ["/", "/news/", "/no-such-page/", "/healthz", "/admin/login/"]:
        response = client.get(url, secure=True)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        hsts = response["Strict-Transport-Security"]
        assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'none'"], url
        scripts = policy.get("script-src", policy["default-src"])
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, url
        # The site's own fonts, and no other host's.
        assert policy["font-src"] == ["'self'"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_plain_http_is_redirected_to_https_behind_the_proxy(client, seed, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/news/?page=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/news/?page=1"
    assert client.get("/news/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    # Load balancers probe over plain HTTP.
    assert client.get("/healthz").status_code == 200


def test_unknown_host_gets_400(client, seed):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/healthz", HTTP_HOST="evil.example").status_code == 400


def test_a_cached_page_keeps_every_security_header(client, seed, settings):
    settings.PAGE_CACHE_ENABLED = True
    rendered = client.get("/news/", secure=True)
    cached = client.get("/news/", secure=True)
    assert (rendered["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    for header in [*SECURITY_HEADERS, "Content-Type", "ETag"]:
        assert cached[header] == rendered[header], header
    # Plain HTTP has its own cache entries: no HSTS header leaks into them.
    plain = [client.get("/news/") for _ in range(2)]
    assert [response["X-Page-Cache"] for response in plain] == ["miss", "hit"]
    assert not any("Strict-Transport-Security" in response for response in plain)
