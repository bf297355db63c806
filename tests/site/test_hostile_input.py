"""Malformed paths, query strings and methods on every public URL: never a 5xx, no echo.

URLs come from the URL resolver, so pages added later are covered without editing
this file: each converter of each pattern is filled with odd values, and the real
public pages get hostile query strings and unusual methods.
"""

import re

import pytest
from django.urls.resolvers import RoutePattern

from tests.public_urls import is_public, public_urls, walk_patterns

pytestmark = pytest.mark.django_db

PROBE = "<xss-probe>"
ODD_VALUES = {
    "int": ["0", "1", "1900", "9999", "99999999999999999999999"],
    "slug": ["no-such-slug", "a" * 300, "-", "_-_", "2018"],
    "str": [f"{PROBE}\"'", "%00", "%0d%0aSet-Cookie:%20x=1", "%ff%fe", "..%2f..%2fetc"],
    "path": [f"{PROBE}/x", "%00/%01", "a/" * 50],
}
ODD_VALUES["uuid"] = ["00000000-0000-0000-0000-000000000000"]
ODD_PATHS = [
    f"/{PROBE}/",
    "/news/%3Cscript%3Ealert(1)%3C/script%3E/",
    "/programs/%00/",
    "/countries/%00x/",
    "/countries/PH/",
    "/programs/%0d%0aLocation:%20http://evil/",
    "/" + "x" * 2000 + "/",
    "/news/2020/%ff%fe/",
    "/testimonials/-1/",
]
ODD_QUERIES = [
    "page=abc",
    "page=0",
    "page=-1",
    "page=1.5",
    "page=1e3",
    "page=999999",
    "page=99999999999999999999999999",
    "page=2&page=3",
    "page=%00",
    f"q={PROBE}%22%27",
    "q=" + "smart+" * 2000,
    "q=%00%01%02%1b",
    "q=%ff%fe%fd",
    "q=%E2%80%AE%F0%9F%98%80",
    "q[]=x&q[]=y",
    "q=&year=abc&tag=%3Cxss-probe%3E",
    "year=99999999999&month=13&tag=" + "t" * 500,
    "program=%00",
    "program=a%00b",
    "year=abc&program=%00",
    "program=%00&kind=%00&country=%00&tag=%00&year=%00&t=%00",
    f"{PROBE}=1",
]
METHODS = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")


def filled_routes():
    """Each public route with arguments, once per odd value of its converters."""
    urls = []
    for route, entry in walk_patterns():
        if not isinstance(entry.pattern, RoutePattern) or "<" not in route:
            continue
        kinds = [kind or "str" for kind in CONVERTER.findall(route)]
        rounds = max(len(ODD_VALUES.get(kind, ODD_VALUES["str"])) for kind in kinds)
        for n in range(rounds):
            values = iter(
                ODD_VALUES.get(kind, ODD_VALUES["str"])[
                    n % len(ODD_VALUES.get(kind, ODD_VALUES["str"]))
                ]
                for kind in kinds
            )
            url = "/" + CONVERTER.sub(lambda _match, values=values: next(values), route)
            if is_public(url):
                urls.append(url)
    return urls


def check(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url}"
    body = b"" if getattr(response, "streaming", False) else response.content
    assert PROBE.encode() not in body, f"unescaped echo of the probe in {url}"


def test_routes_with_odd_arguments(client, seed):
    urls = filled_routes()
    assert len(urls) >= 10
    for url in urls + ODD_PATHS:
        check(client.get(url), url)


def test_public_pages_with_hostile_query_strings(client, seed):
    for url in public_urls():
        for query in ODD_QUERIES:
            separator = "&" if "?" in url else "?"
            check(client.get(f"{url}{separator}{query}"), f"{url}{separator}{query}")


def test_public_pages_with_unusual_methods(client, seed):
    for url in public_urls():
        for method in METHODS:
            response = client.generic(
                method, url, data=f"{PROBE}=1", content_type="application/x-www-form-urlencoded"
            )
            check(response, f"{method} {url}")
        check(client.head(url), f"HEAD {url}")
