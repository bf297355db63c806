"""Which address a request comes from, as the admin's sign-in lockout counts it.

django-axes finds the client's address with django-ipware (the AXES_IPWARE_* settings):
from X-Forwarded-For, counting DJANGO_PROXY_COUNT proxies from the right, else from
REMOTE_ADDR. X-Forwarded-For is whatever the sender wrote, so it may only be read when
the connection itself comes from a proxy we run. ipware cannot know that (it sees the
header, not who sent it), so this middleware drops the header from every other
connection first: behind the documented nginx on the same machine the visitor's address
counts, and a client that reaches gunicorn directly cannot pick its own address.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def trusted_networks(entries):
    """`entries` (addresses or networks, e.g. "127.0.0.1", "10.0.0.0/8") as networks."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def from_trusted_proxy(remote_addr):
    """True when the connection's peer is one of settings.TRUSTED_PROXIES."""
    if not settings.TRUSTED_PROXY_COUNT or not remote_addr:
        return False
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    return any(address in network for network in networks)


class TrustedProxyMiddleware:
    """Removes X-Forwarded-For from requests that do not arrive from a trusted proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not from_trusted_proxy(request.META.get("REMOTE_ADDR")):
            request.META.pop("HTTP_X_FORWARDED_FOR", None)
        return self.get_response(request)
