"""The page cache middleware.

PageCacheMiddleware keeps anonymous visitors' public pages (GET/HEAD, status 200) in the
cache and sets the HTTP caching headers of every response:

- a public page: `Cache-Control: public, max-age=N` (N = PAGE_CACHE_MAX_AGE, shortened
  so no copy outlives the next scheduled publication), served from the cache when it
  can be;
- anything for a signed-in user (a session cookie), a preview, the admin: `private,
  no-store`, never cached here or by a front cache;
- /healthz and other answers that set their own Cache-Control keep theirs.

See wego_site/pagecache/generation.py for how a content change or a scheduled publication retires a
cached page.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from wego_site.pagecache import generation as page_cache
from wego_site.pagecache.entries import (
    cache_key,
    cached_hit,
    file_prefixes,
    private_prefixes,
    to_entry,
)

CACHEABLE_METHODS = {"GET", "HEAD"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.PAGE_CACHE_ENABLED
        self.admin_prefix = "/" + settings.ADMIN_URL
        self.sign_in_path = self.admin_prefix + "login/"
        self.private_prefixes = private_prefixes()
        self.file_prefixes = file_prefixes()
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if request.path.startswith(self.file_prefixes):  # WhiteNoise's business
            return self.get_response(request)
        if self.is_private(request):
            response = self.get_response(request)
            if self.is_admin_change(request, response):
                # Admin actions may change content with queryset.update(), which sends no
                # signal: a signed-in staff member's successful admin POST starts a new
                # content generation. Nothing an anonymous visitor sends (a sign-in
                # attempt, failed or not yet verified) does.
                page_cache.bump_generation()
            patch_cache_control(response, private=True, no_store=True)
            return response

        if request.method not in CACHEABLE_METHODS:
            return self.get_response(request)

        state = page_cache.current_state()
        generation, next_publication = state
        key = None
        if self.enabled:
            hit = cached_hit(request.META, state)
            if hit is not None:
                headers, content = hit
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                return response
            key = cache_key(request.META, generation, next_publication)

        response = self.get_response(request)
        if not self.is_public_page(request, response):
            if "Cache-Control" not in response and self.used_session(response):
                patch_cache_control(response, private=True, no_store=True)
            return response

        max_age = page_cache.seconds_until(next_publication, settings.PAGE_CACHE_MAX_AGE)
        patch_cache_control(response, public=True, max_age=max_age)
        if not response.has_header("ETag"):
            set_response_etag(response)
        timeout = page_cache.seconds_until(next_publication, settings.PAGE_CACHE_SECONDS)
        if key is not None and timeout > 0:
            cache.set(key, to_entry(response), timeout)
        response["X-Page-Cache"] = "miss" if key is not None else "off"
        return response

    def is_admin_change(self, request, response):
        if not (
            request.method == "POST"
            and request.path.startswith(self.admin_prefix)
            and request.path != self.sign_in_path
            and response.status_code < 400
        ):
            return False
        user = getattr(request, "user", None)
        if user is None or not (user.is_active and user.is_staff):
            return False
        # With two-factor sign-in, staff who have given only their password are not
        # signed in to the admin yet (django-otp's OTPMiddleware adds is_verified).
        is_verified = getattr(user, "is_verified", None)
        return is_verified() if callable(is_verified) and settings.STAFF_TWO_FACTOR else True

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
