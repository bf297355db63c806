"""A per-address limit on API requests, counted by django-ratelimit where the application
form's limits are counted: the "rate-limit" cache (settings.RATELIMIT_USE_CACHE: Redis
when there is one, else a database table whose counters take one statement each), never
one worker's memory.

A fixed window per address, as the form's limits: each request adds one to a counter
(no list of past requests to read, unpickle and write back, as DRF's own throttles keep).
"""

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle


class PerAddressThrottle(BaseThrottle):
    group = "opendata.api"

    def allow_request(self, request, view):
        # The address as the sign-in lockout and the form's limit read it: from
        # X-Forwarded-For only when a trusted proxy sent it (RATELIMIT_IP_META_KEY).
        self.usage = get_usage(
            request._request,
            group=self.group,
            key="ip",
            rate=settings.OPEN_DATA_API_RATE,
            increment=True,
        )
        return not (self.usage and self.usage["should_limit"])

    def wait(self):
        """Seconds until this address's window ends and it may ask again."""
        return max(1, self.usage["time_left"]) if self.usage else None
