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
