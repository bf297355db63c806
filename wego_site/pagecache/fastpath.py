"""Page-cache hits answered at the WSGI level, before Django builds a request.

Only the plainest case takes this path: a GET with no session cookie and no conditional
header, for a page PageCacheMiddleware has already stored. Everything else — a miss, a
HEAD, an If-None-Match, a signed-in editor, the admin, static files, any error — goes to
Django unchanged, where the middleware gives the same answer more slowly. The answer is
byte for byte the one the middleware would give for a hit.
"""

import logging

from django.conf import settings

from wego_site.pagecache import generation as page_cache
from wego_site.pagecache.entries import cached_hit, file_prefixes, private_prefixes

logger = logging.getLogger(__name__)


class PageCacheFastPath:
    def __init__(self, application):
        self.application = application
        self.enabled = settings.PAGE_CACHE_ENABLED
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.skipped_prefixes = private_prefixes() + file_prefixes()

    def __call__(self, environ, start_response):
        if self.takes_fast_path(environ):
            try:
                answer = cached_hit(environ, page_cache.current_state())
            except Exception:  # the cache or database is down: let Django answer
                logger.warning("Page-cache fast path failed", exc_info=True)
                answer = None
            if answer is not None:
                headers, content = answer
                start_response("200 OK", headers)
                return [content]
        return self.application(environ, start_response)

    def takes_fast_path(self, environ):
        return (
            self.enabled
            and environ.get("REQUEST_METHOD") == "GET"
            and "HTTP_IF_NONE_MATCH" not in environ
            and "HTTP_IF_MODIFIED_SINCE" not in environ
            and self.session_cookie not in environ.get("HTTP_COOKIE", "")
            and not environ.get("PATH_INFO", "").startswith(self.skipped_prefixes)
        )
