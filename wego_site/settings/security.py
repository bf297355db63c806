"""HTTPS behind a TLS-terminating proxy, cookies, Content-Security-Policy and the other
security headers."""

from wego_site.environment import env_bool, env_int, env_list
from wego_site.settings.base import DEBUG

# --- HTTPS behind a TLS-terminating proxy -------------------------------------------------
# The proxy (nginx, a load balancer, a CDN) speaks TLS and tells us with X-Forwarded-Proto.
# Only trust that header when such a proxy strips it from clients' requests.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe /healthz over plain HTTP; it must answer, not redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 63072000)  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Cookies: Secure when served over HTTPS, HttpOnly, SameSite ----------------------------
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # nothing on the site reads the CSRF token from JavaScript
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A form sent without a valid CSRF token: the site's own page, saying what to do next.
CSRF_FAILURE_VIEW = "wego_site.core.error_pages.csrf_failure"

# --- Content-Security-Policy (django-csp 4) and Permissions-Policy -------------------------
# Nothing is allowed unless listed (default-src 'none'), and each kind of resource the
# pages and the admin use is listed on its own: no inline script or style, no eval;
# fonts only the site's own (static/fonts/);
# images and videos may also come from the media host; the admin's autocomplete fetches
# from this origin.
_MEDIA_HOSTS = env_list("DJANGO_CSP_MEDIA_HOSTS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_HOSTS],
        "media-src": ["'self'", *_MEDIA_HOSTS],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
    }
}
# Pages the site renders may not be embedded by other origins (images, media and
# static files, served before this header is added, still may).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=()"
)
