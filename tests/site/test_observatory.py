"""Every public page scores at least 125 by the MDN HTTP Observatory's rules."""

import logging
import sys

import pytest

from tests.public_urls import public_urls
from tests.site import observatory

# Headers and script tags, which no query decides: the engine cannot change a score.
pytestmark = [pytest.mark.django_db, pytest.mark.engine_neutral]

FOREIGN_ORIGIN = "https://http-observatory.security.mozilla.org"


def scan(client, url):
    response = client.get(url, secure=True, HTTP_ORIGIN=FOREIGN_ORIGIN)
    headers = response.headers
    body = response.content.decode() if not response.streaming else ""
    hsts = observatory.hsts(headers)
    set_cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    plain = client.get(url)
    return {
        "content-security-policy": observatory.csp(headers),
        "cookies": observatory.cookies(set_cookies, hsts[1] == 0),
        "cross-origin-resource-sharing": observatory.cors(headers, FOREIGN_ORIGIN),
        "redirection": observatory.redirection(
            plain.status_code, plain.headers.get("Location", ""), "testserver"
        ),
        "referrer-policy": observatory.referrer(headers),
        "strict-transport-security": hsts,
        "subresource-integrity": observatory.subresource_integrity(headers, body, "testserver"),
        "x-content-type-options": observatory.x_content_type_options(headers),
        "x-frame-options": observatory.x_frame_options(headers),
        "cross-origin-resource-policy": observatory.cross_origin_resource_policy(headers),
    }


@pytest.fixture
def production_https(settings):
    settings.SECURE_SSL_REDIRECT = True


def test_every_public_page_scores_at_least_125(client, seed, production_https):
    scores = {}
    for url in public_urls():
        if not client.get(url, secure=True)["Content-Type"].startswith("text/html"):
            continue
        results = scan(client, url)
        scores[url] = (observatory.score(results), results)
    assert len(scores) > 10
    low = {url: entry for url, entry in scores.items() if entry[0] < 125}
    assert low == {}
    landing = scores["/"][1]
    assert landing["content-security-policy"][0] == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )
    assert landing["cross-origin-resource-policy"][1] == 10


def test_the_header_set_starts_from_default_src_none(client, seed):
    policy = observatory.parse_csp(client.get("/", secure=True)["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    for kind in ["script-src", "style-src", "img-src", "form-action", "frame-ancestors"]:
        assert kind in policy


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, ("csp-not-implemented", -25)),
        (
            {"Content-Security-Policy": "default-src 'self'"},
            ("csp-implemented-with-no-unsafe", 5),
        ),
        (
            {"Content-Security-Policy": "default-src 'none'; script-src 'self' 'unsafe-inline'"},
            ("csp-implemented-with-unsafe-inline", -20),
        ),
        (
            {"Content-Security-Policy": "default-src 'none'; script-src 'self' 'unsafe-eval'"},
            ("csp-implemented-with-unsafe-eval", -10),
        ),
        (
            {"Content-Security-Policy": "default-src 'none'; form-action 'self'"},
            ("csp-implemented-with-no-unsafe-default-src-none", 10),
        ),
    ],
)
def test_the_csp_rules(headers, expected):
    assert observatory.csp(headers) == expected


def test_the_score_gives_bonuses_only_from_90():
    assert observatory.score({"a": ("x", -5), "b": ("y", 10)}) == 105
    assert observatory.score({"a": ("x", -20), "b": ("y", 10)}) == 80


def test_cookies_rules():
    good = ["sessionid=1; HttpOnly; Secure; SameSite=Lax"]
    assert observatory.cookies(good, True)[1] == 5
    assert observatory.cookies(["sessionid=1; Secure"], True)[1] == -30
    assert observatory.cookies(["sessionid=1; HttpOnly"], False)[1] == -40


def test_a_foreign_host_is_one_warning_line_without_traceback(client, db, capsys):
    handler = logging.getLogger("django.security.DisallowedHost").handlers[0]
    previous = handler.setStream(sys.stderr)  # the stream pytest captures
    try:
        response = client.get("/", HTTP_HOST="scanner.example")
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "WARNING django.security.DisallowedHost" in lines[0]
    assert "scanner.example" in lines[0]
