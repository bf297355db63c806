"""Response headers that no Django setting covers."""

from corsheaders.conf import conf as cors_conf
from corsheaders.middleware import CorsMiddleware
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


class OpenDataCorsMiddleware(CorsMiddleware):
    """django-cors-headers for data that every site may read: on the paths of
    CORS_URLS_REGEX, `Access-Control-Allow-Origin: *` on every answer, whether or not the
    request names its Origin, and the library's answer to a preflight.

    The library sets the header only when the request names an Origin, and so adds
    `Vary: Origin`: a page stored by the page cache would then carry the header or not
    depending on its first visitor. With every origin allowed and no credentials the
    answer is the same for all, so it is given to all, with no Vary, and stored with the
    page. Cross-Origin-Resource-Policy is relaxed on these paths for the same reason.
    """

    def add_response_headers(self, request, response):
        enabled = getattr(request, "_cors_enabled", None)
        if enabled is None:
            enabled = self.is_enabled(request)
        if not enabled or request.method not in cors_conf.CORS_ALLOW_METHODS:
            return response
        response["Access-Control-Allow-Origin"] = "*"
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        if cors_conf.CORS_EXPOSE_HEADERS:
            response["Access-Control-Expose-Headers"] = ", ".join(cors_conf.CORS_EXPOSE_HEADERS)
        if request.method == "OPTIONS":
            response["Access-Control-Allow-Headers"] = ", ".join(cors_conf.CORS_ALLOW_HEADERS)
            response["Access-Control-Allow-Methods"] = ", ".join(cors_conf.CORS_ALLOW_METHODS)
            if cors_conf.CORS_PREFLIGHT_MAX_AGE:
                response["Access-Control-Max-Age"] = str(cors_conf.CORS_PREFLIGHT_MAX_AGE)
        return response
