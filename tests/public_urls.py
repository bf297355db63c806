"""The public URLs of the site, found from the URL patterns and the data.

Shared by the query-budget, hostile-input and benchmark code, so a page added later is
covered without editing a list: every URL pattern without arguments, the page of the
first published row of every content type (its get_absolute_url), and a search when
/search/ exists. Extend `EXTRA_URLS` for pages that need a hand-picked address.
"""

from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from wego_site.pagecache.generation import publishable_models

# Never public pages.
PRIVATE_PREFIXES = ("/" + settings.ADMIN_URL, "/healthz")
EXTRA_URLS = []


def walk_patterns(patterns=None, prefix=""):
    """Yield (route, pattern) for every URL pattern, routes joined through includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk_patterns(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route, entry


def is_public(url):
    return not url.startswith(PRIVATE_PREFIXES)


def routes_without_arguments():
    urls = []
    for route, entry in walk_patterns():
        if not isinstance(entry.pattern, RoutePattern) or "<" in route:
            continue
        url = "/" + route
        if is_public(url) and url not in urls:
            urls.append(url)
    return urls


def object_urls():
    urls = []
    for model in publishable_models():
        if not hasattr(model, "get_absolute_url"):
            continue
        first = model.objects.published().order_by("-published_at", "-pk").first()
        if first is not None:
            urls.append(first.get_absolute_url().split("#")[0])
    return urls


def place_urls():
    """A place's page and its country's, when a place took part."""
    from programs.models import Place

    place = Place.objects.took_part().select_related("country").order_by("slug").first()
    if place is None:
        return []
    urls = [place.get_absolute_url()]
    if place.country.code:
        urls.append(place.country.get_absolute_url())
    return urls


def search_urls(query="smart"):
    try:
        resolve("/search/")
    except Resolver404:
        return []
    return [f"/search/?q={query}"]


def public_urls():
    """Every public page to check: list pages, one page per content type, a search."""
    urls = []
    for url in [
        *routes_without_arguments(),
        *object_urls(),
        *place_urls(),
        *search_urls(),
        *EXTRA_URLS,
    ]:
        if is_public(url) and url not in urls:
            urls.append(url)
    return urls
