"""Response headers that no Django setting covers."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy (settings.PERMISSIONS_POLICY) and Cross-Origin-Resource-Policy
    (settings.CROSS_ORIGIN_RESOURCE_POLICY) to every response Django renders."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY
        self.resource_policy = settings.CROSS_ORIGIN_RESOURCE_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        return response


class AdminNoIndexMiddleware:
    """`X-Robots-Tag: noindex, nofollow` on every answer under the admin's prefix.

    robots.txt does not name the admin (that would publish a private prefix); instead
    every admin answer, the sign-in page included, tells search engines to leave it out.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
