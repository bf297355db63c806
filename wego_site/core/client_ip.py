from django.conf import settings


def client_ip(request):
    """The visitor's address, as the login lockout counts it.

    Without a proxy it is REMOTE_ADDR. Behind `TRUSTED_PROXY_COUNT` proxies, each appends
    the address it saw to X-Forwarded-For, so the Nth entry from the right is the one the
    outermost trusted proxy saw; entries further left are whatever the client sent and
    are never trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
