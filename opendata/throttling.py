"""A per-address limit on API requests, counted where every worker and machine counts:
the cache the application form's rate limit uses (settings.CACHES["rate-limit"]: Redis
when there is one, else a database table), never one worker's memory."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle


class PerAddressThrottle(SimpleRateThrottle):
    scope = "open-data"

    @property
    def cache(self):
        return caches["rate-limit"]

    def get_rate(self):
        return settings.OPEN_DATA_API_RATE

    def get_cache_key(self, request, view):
        # The address as the sign-in lockout and the form's limit read it: from
        # X-Forwarded-For only when a trusted proxy sent it (wego_site/core/client_ip.py).
        address = get_client_ip_address(request._request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": address}
