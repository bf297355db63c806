"""The page cache and the response headers that no Django setting covers.

PageCacheMiddleware keeps anonymous visitors' public pages (GET/HEAD, status 200) in the
cache and sets the HTTP caching headers of every response:

- a public page: `Cache-Control: public, max-age=N` (N = PAGE_CACHE_MAX_AGE, shortened
  so no copy outlives the next scheduled publication), served from the cache when it
  can be;
- anything for a signed-in user (a session cookie), a preview, the admin: `private,
  no-store`, never cached here or by a front cache;
- /healthz and other answers that set their own Cache-Control keep theirs.

See wego_site/cache.py for how a content change or a scheduled publication retires a
cached page.
"""

from hashlib import md5

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from wego_site import cache as page_cache

CACHEABLE_METHODS = {"GET", "HEAD"}
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


def request_scheme(environ):
    """The scheme as Django's request.scheme sees it (SECURE_PROXY_SSL_HEADER first)."""
    header, secure_value = settings.SECURE_PROXY_SSL_HEADER or (None, None)
    if header and header in environ:
        return "https" if environ[header].split(",")[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def cache_key(environ, generation, next_publication):
    """The page's URL, the content generation and the next publication time.

    Built from the WSGI environ (request.META), so the middleware and the WSGI fast path
    (wego_site/wsgi.py) compute the same key. The Host header is taken as sent: a key
    for an unknown host is never filled (rendering it answers 400). Once a scheduled
    item's time has come, next_publication moves on, so the key changes even if the
    cache's own expiry (whole seconds) is a little late.
    """
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    url = f"{request_scheme(environ)}://{host}{path}?{query}"
    digest = md5(url.encode("utf-8", "surrogateescape")).hexdigest()  # noqa: S324 - a key
    return f"page:{generation}:{next_publication.timestamp():.0f}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.PAGE_CACHE_ENABLED
        self.private_prefixes = ("/" + settings.ADMIN_URL, "/healthz")
        self.static_prefixes = tuple(
            url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url.startswith("/")
        )
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if request.path.startswith(self.static_prefixes):  # WhiteNoise's business
            return self.get_response(request)
        if self.is_private(request):
            response = self.get_response(request)
            if self.is_admin_change(request, response):
                # Admin actions may change content with queryset.update(), which sends no
                # signal: any successful admin POST starts a new content generation.
                page_cache.bump_generation()
            patch_cache_control(response, private=True, no_store=True)
            return response

        if request.method not in CACHEABLE_METHODS:
            return self.get_response(request)

        generation, next_publication = page_cache.current_state()
        max_age = page_cache.seconds_until(next_publication, settings.PAGE_CACHE_MAX_AGE)
        key = None
        if self.enabled:
            key = cache_key(request.META, generation, next_publication)
            entry = cache.get(key)
            if entry is not None:
                return self.from_entry(entry, max_age)

        response = self.get_response(request)
        if not self.is_public_page(request, response):
            if "Cache-Control" not in response and self.used_session(response):
                patch_cache_control(response, private=True, no_store=True)
            return response

        patch_cache_control(response, public=True, max_age=max_age)
        if not response.has_header("ETag"):
            set_response_etag(response)
        timeout = page_cache.seconds_until(next_publication, settings.PAGE_CACHE_SECONDS)
        if key is not None and timeout > 0:
            cache.set(key, self.to_entry(response), timeout)
        response["X-Page-Cache"] = "miss" if key is not None else "off"
        return response

    def is_admin_change(self, request, response):
        return (
            request.method == "POST"
            and request.path.startswith(self.private_prefixes[0])
            and response.status_code < 400
        )

    def is_private(self, request):
        return (
            request.path.startswith(self.private_prefixes) or self.session_cookie in request.COOKIES
        )

    @staticmethod
    def used_session(response):
        return "cookie" in response.get("Vary", "").lower()

    def is_public_page(self, request, response):
        """Whether this answer is the same for every anonymous visitor."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if "Cache-Control" in response:  # the view decided (a preview, never_cache, ...)
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value}
        # A page that read the session or the CSRF cookie differs between visitors.
        return not vary - {"accept-encoding"} and "cookie" not in vary

    @staticmethod
    def to_entry(response):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        return (response.content, headers)

    @staticmethod
    def from_entry(entry, max_age):
        content, headers = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["Cache-Control"] = f"public, max-age={max_age}"
        response["X-Page-Cache"] = "hit"
        return response


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (settings.PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
