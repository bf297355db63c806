"""What a cached page is: the addresses that never have one, its key, what is stored,
and the answer built from it. The middleware and the WSGI fast path both answer a hit
with `cached_hit`, so the two answers cannot drift apart.
"""

from hashlib import md5

from django.conf import settings
from django.core.cache import cache

from wego_site.pagecache.generation import seconds_until

# Headers a cached page is NOT stored with: they are set afresh on every answer (or,
# for cookies, would make the page personal and keep it out of the cache anyway).
UNSTORED_HEADERS = {
    "set-cookie",
    "cache-control",
    "expires",
    "date",
    "content-length",
    "x-page-cache",
}


def private_prefixes():
    """Paths whose answers are never cached, here or by a front cache: the admin and
    /healthz."""
    return ("/" + settings.ADMIN_URL, "/healthz")


def file_prefixes():
    """Paths of static and uploaded files: WhiteNoise's or the web server's business."""
    return tuple(
        url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url.startswith("/")
    )


def request_scheme(environ):
    """The scheme as Django's request.scheme sees it (SECURE_PROXY_SSL_HEADER first)."""
    header, secure_value = settings.SECURE_PROXY_SSL_HEADER or (None, None)
    if header and header in environ:
        return "https" if environ[header].split(",")[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def cache_key(environ, generation, next_publication):
    """The page's URL, the content generation and the next publication time.

    Built from the WSGI environ (request.META), so the middleware and the WSGI fast path
    compute the same key. The Host header is taken as sent: a key for an unknown host is
    never filled (rendering it answers 400). Once a scheduled item's time has come,
    next_publication moves on, so the key changes even if the cache's own expiry (whole
    seconds) is a little late.
    """
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    url = f"{request_scheme(environ)}://{host}{path}?{query}"
    digest = md5(url.encode("utf-8", "surrogateescape")).hexdigest()  # noqa: S324 - a key
    return f"page:{generation}:{next_publication.timestamp():.0f}:{digest}"


def to_entry(response):
    """What is stored for a rendered page: its body and the headers kept with it."""
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    ]
    return (response.content, headers)


def cached_hit(environ, state):
    """The answer for a stored page as (headers, content), or None when none is stored.

    `state` is the content generation's (token, next publication time).
    """
    generation, next_publication = state
    entry = cache.get(cache_key(environ, generation, next_publication))
    if entry is None:
        return None
    content, stored_headers = entry
    max_age = seconds_until(next_publication, settings.PAGE_CACHE_MAX_AGE)
    headers = [
        *stored_headers,
        ("Content-Length", str(len(content))),
        ("Cache-Control", f"public, max-age={max_age}"),
        ("X-Page-Cache", "hit"),
    ]
    return headers, content
