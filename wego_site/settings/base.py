"""Settings for the WeGO training programs site.

Everything that differs between a laptop, CI and production comes from the
environment; `.env.example` lists each variable with its meaning. A missing or
malformed value stops the process at start-up with one line saying what to set.
Production values are the default whenever debug is off; each one that a laptop or the
test suite needs to relax has its own variable. docs/deployment.md explains the set-up.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url

from wego_site.environment import env_bool, env_int, env_list, env_networks, fail

BASE_DIR = Path(__file__).resolve().parent.parent.parent


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        fail(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-only-key"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    fail("DJANGO_ALLOWED_HOSTS is not set. List the site's host names, comma-separated.")

INSTALLED_APPS = [
    # django.contrib.admin, whose site asks staff for a one-time code (STAFF_TWO_FACTOR).
    "wego_site.core.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver leaves static files to WhiteNoise too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # Tags of news posts; the admin lists them under "Tags", not "Taggit".
    "news.tags_app.TagsConfig",
    "wego_site.core",
    "programs",
    "news",
    "testimonials",
    # Before applications, whose admin takes back post_office's template editor.
    "post_office",
    "applications",
    "pages",
    # The open data: a read-only API at /api/v1/ and data sets at /data/.
    "opendata",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "corsheaders",
    # Versions of every content row (with the rows that belong to it), revert, recover
    # and compare in the admin.
    "reversion",
    "reversion_compare",
    "axes",
    "django_otp",
    "wego_site.core.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "wego_site.core.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
]

MIDDLEWARE = [
    # Order matters: a page-cache hit is answered right here, before any other work,
    # and still gets its 304 from ConditionalGetMiddleware. Everything below runs only
    # when a page is rendered; the headers it adds (security, CSP, Permissions-Policy)
    # are stored with the cached page. Plain-HTTP requests never hit (the scheme is part
    # of the key) and are redirected by SecurityMiddleware.
    "django.middleware.http.ConditionalGetMiddleware",
    # X-Forwarded-For counts only from a trusted proxy (wego_site/core/client_ip.py).
    "wego_site.core.client_ip.TrustedProxyMiddleware",
    "wego_site.pagecache.middleware.PageCacheMiddleware",
    # `Access-Control-Allow-Origin: *` on the open data (CORS_URLS_REGEX), the same for
    # every origin: inside the page cache, so a stored page keeps the header for every hit.
    "wego_site.core.middleware.OpenDataCorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "wego_site.core.middleware.PermissionsPolicyMiddleware",
    "wego_site.core.middleware.AdminNoIndexMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a one-time code as well.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Answers a 404 on an old address (a slug was changed) with a 301 to the new one.
    "wego_site.core.redirects.OldAddressRedirectMiddleware",
    # django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wego_site.urls"
WSGI_APPLICATION = "wego_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.footer",
            ],
        },
    },
]

# DJANGO_CONN_MAX_AGE > 0 keeps each worker's connection between requests; it is then
# checked before each request reuses it, so a database restart costs no visitor a 500.
_CONN_MAX_AGE = env_int("DJANGO_CONN_MAX_AGE", 0)
try:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=_CONN_MAX_AGE,
            conn_health_checks=_CONN_MAX_AGE != 0,
        )
    }
except (ValueError, KeyError) as error:
    fail(f"DATABASE_URL is not a database URL this site understands ({error}).")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# WeGO's secretariat works in Seoul; dates on the seed page are Seoul dates.
TIME_ZONE = "Asia/Seoul"
# The site and its admin are in English only; without the translation machinery every
# date and string in a template renders measurably faster (6% of the landing's time).
USE_I18N = False
USE_TZ = True
# One way of writing dates and times throughout the admin and the site ("2 December 2026,
# 06:00"), instead of Django's American defaults ("Dec. 2, 2026, 6 a.m.").
FORMAT_MODULE_PATH = ["wego_site.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")

TAGGIT_CASE_INSENSITIVE = True

# Countries in the application form and the admin read by their common English names.
# django-countries already uses them for most ("South Korea", "Russia"); these are the
# ones its ISO list names otherwise (Nauru's is its Nauruan name).
COUNTRIES_OVERRIDE = {
    "BS": "Bahamas",
    "NR": "Nauru",
    "US": "United States",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

SITE_NAME = "WeGO Training Programs"

# Apps whose rows are the site's content: the "Secretariat editor" role may change every
# model in them, and saving or deleting any of their rows retires cached pages.
# A model may opt out of the page cache's part with `public_content = False` (the
# applications' personal data: saving one changes no page).
CONTENT_APPS = ["programs", "news", "testimonials", "taggit", "applications"]

# --- Editorial admin: sign-in lockout, uploads ---------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one user name from one address lock that pair out; twenty from
# one address across user names lock the address (wego_site/core/lockout.py). Each lock
# lifts an hour after the last refused attempt; `manage.py axes_reset_ip ADDRESS` or
# `axes_reset_username NAME` lifts it at once (docs/deployment.md).
AXES_FAILURE_LIMIT = 5
LOCKOUT_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOCKOUT_ADDRESS_LIMIT", 20)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "wego_site.core.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_LOCKOUT_CALLABLE = "wego_site.core.lockout.locked_out"
# The visitor's address (wego_site/core/client_ip.py): django-ipware reads it from
# X-Forwarded-For, counting DJANGO_PROXY_COUNT proxies in front of gunicorn (the one that
# connects included; 0 = never read the header), but only on connections from
# DJANGO_TRUSTED_PROXIES (default: this machine); every other connection counts as the
# address it comes from.
TRUSTED_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 1)
TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
if TRUSTED_PROXY_COUNT < 0:
    fail("DJANGO_PROXY_COUNT must be 0 or more.")
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
# ipware counts the proxies listed in the header: all but the one that connects.
AXES_IPWARE_PROXY_COUNT = max(TRUSTED_PROXY_COUNT - 1, 0)
# A client may send its own X-Forwarded-For, which nginx keeps on the left: take the
# entry the proxies vouch for, however long the list is.
IPWARE_STRICT = False
# Two-factor sign-in for staff (django-otp, wego_site/core/admin_site.py): a password and
# a code from an authenticator app or a recovery code. Always on when debug is off.
STAFF_TWO_FACTOR = env_bool("DJANGO_STAFF_2FA", not DEBUG)
OTP_TOTP_ISSUER = SITE_NAME
# No per-device throttle: a wrong code is a failed sign-in for the lockout above, which
# counts per address; a throttle per device would let anyone who knows a password block
# its owner's codes from everywhere.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Cover pictures: refused above these limits (the message says why).
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000

# --- Admin URL prefix ------------------------------------------------------------------
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/") or "//" in ADMIN_URL:
    fail(f"DJANGO_ADMIN_URL={ADMIN_URL!r} must look like 'admin/' or 'office-7f3a/'.")

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

# --- Caches and the page cache ------------------------------------------------------------
# Local memory by default (one cache per process); Redis, shared by every process and
# machine, when REDIS_URL is set. wego_site/pagecache/generation.py explains how pages
# are invalidated.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "wego"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wego",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
# The form's rate limit counts in a cache every process and machine shares: Redis when
# there is one, else a table of the database (Django's DatabaseCache; created after every
# `migrate`), never a worker's own memory.
CACHES["rate-limit"] = (
    CACHES["default"]
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wego_rate_limit_cache",
        "TIMEOUT": 3600,
    }
)
RATELIMIT_USE_CACHE = "rate-limit"
# Off (0) renders every page: the benchmark's "cold" runs, or chasing a caching doubt.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
# How long this server keeps a rendered page; any content change drops it sooner.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# How long browsers and front caches (nginx, a CDN) may keep a public page.
PAGE_CACHE_MAX_AGE = env_int("DJANGO_HTTP_MAX_AGE", 60)
# Where the content generation lives when the cache is per process (local memory): a
# small file every process on this machine reads. With Redis it lives in Redis.
PAGE_CACHE_GENERATION_FILE = os.environ.get("DJANGO_PAGE_CACHE_GENERATION_FILE", "")

# --- Static files: WhiteNoise, compressed, hashed names, cached for a year -----------------
# The manifest (hashed names) needs `collectstatic`; debug mode and tests use plain names.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Applicants' documents: a folder outside MEDIA_ROOT that no URL reaches
    # (PRIVATE_MEDIA_ROOT below), or a private bucket (DJANGO_MEDIA_STORAGE=s3).
    "private": {"BACKEND": "applications.documents.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600  # unhashed names; hashed names are cached "forever" (immutable)

# --- Shared storage: S3-compatible buckets, switched on by the environment -----------------
# Past one machine, uploads, renditions and social cards go to a public bucket, and
# applicants' documents to a private bucket of their own (never public, read only through
# the site's permission-checked download). Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the machine's role (boto3 reads them). docs/deployment.md.
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    AWS_PRIVATE_STORAGE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "")
    if not AWS_STORAGE_BUCKET_NAME:
        fail("DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    if not AWS_PRIVATE_STORAGE_BUCKET_NAME:
        fail(
            "DJANGO_MEDIA_STORAGE=s3 needs AWS_PRIVATE_STORAGE_BUCKET_NAME (a private bucket "
            "for applicants' documents)."
        )
    if AWS_PRIVATE_STORAGE_BUCKET_NAME == AWS_STORAGE_BUCKET_NAME:
        fail(
            "AWS_PRIVATE_STORAGE_BUCKET_NAME must be a bucket of its own, not the public "
            "media bucket."
        )
    _S3_CONNECTION = {
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
        "default_acl": None,  # each bucket's own policy decides who reads
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3_CONNECTION,
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3_CONNECTION,
            "bucket_name": AWS_PRIVATE_STORAGE_BUCKET_NAME,
            "querystring_auth": True,
            "querystring_expire": 60,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
elif MEDIA_STORAGE != "filesystem":
    fail(f"DJANGO_MEDIA_STORAGE={MEDIA_STORAGE!r} must be 'filesystem' or 's3'.")

# --- Email: queued in the database (django-post-office), sent by `send_queued_mail` ------
# Debug mode prints emails on the console; otherwise they go to the SMTP server below.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
POST_OFFICE = {
    "DEFAULT_PRIORITY": "medium",
    # A message that could not be sent (mail server down) is tried again this often, this
    # many times: two days at the default.
    "MAX_RETRIES": env_int("DJANGO_EMAIL_MAX_RETRIES", 576),
    "RETRY_INTERVAL": timedelta(seconds=env_int("DJANGO_EMAIL_RETRY_SECONDS", 300)),
    "MESSAGE_ID_ENABLED": True,
    # Errors are logged (with the message, never its body) in the queue's own log.
    "LOG_LEVEL": 1,
}

# --- Uploads in progress ----------------------------------------------------------------
# A large upload is written to disk while its request is read: to this private folder
# (0700, one folder per process, files 0600), never the shared /tmp, and removed when the
# request ends or its process dies (wego_site/core/uploads.py).
FILE_UPLOAD_TEMP_DIR = str(
    Path(os.environ.get("DJANGO_FILE_UPLOAD_TEMP_DIR") or BASE_DIR / "uploads-in-progress")
)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "wego_site.core.uploads.PrivateTemporaryFileUploadHandler",
]

# --- Calls for applications ------------------------------------------------------------
# Applicants' documents: outside MEDIA_ROOT, so no web server or URL ever serves them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT") or BASE_DIR / "private")
# Behind nginx, the internal location that serves that folder (deploy/nginx.conf: /_private/):
# a reviewer's download is then sent by nginx (X-Accel-Redirect), not by a worker.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX", "")
APPLICATION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
# What a PDF's streams may unpack to, in all: more is refused as a decompression bomb.
APPLICATION_PDF_MAX_DECODED_BYTES = 50 * 1024 * 1024
# The form's text fields on top of the document, for the request size limit.
APPLICATION_FORM_MAX_EXTRA_BYTES = 256 * 1024
# A form sent without a valid CSRF token: the site's own page, saying what to do next.
CSRF_FAILURE_VIEW = "wego_site.core.error_pages.csrf_failure"
# Applications sent per visitor's address (django-ratelimit's "count/period" notation),
# and forms sent at all, stored or refused with a message to put something right.
APPLICATION_RATE = os.environ.get("DJANGO_APPLICATION_RATE", "10/h")
APPLICATION_ATTEMPT_RATE = os.environ.get("DJANGO_APPLICATION_ATTEMPT_RATE", "60/h")
# The visitor's address as the sign-in lockout reads it (django-ipware, trusted proxies only).
RATELIMIT_IP_META_KEY = "axes.helpers.get_client_ip_address"
# Months after an edition ends until `purge_applications` anonymises its applications.
APPLICATION_RETENTION_MONTHS = env_int("DJANGO_APPLICATION_RETENTION_MONTHS", 24)

# --- Open data: the API at /api/v1/ and the data sets at /data/ (docs/api.md) ----------
# The licence the secretariat publishes the data under, by its SPDX identifier; the data
# page, the data package and the API name it.
OPEN_DATA_LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-By-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
}
_OPEN_DATA_LICENCE_ID = os.environ.get("DJANGO_OPEN_DATA_LICENCE") or "CC-BY-4.0"
if _OPEN_DATA_LICENCE_ID not in OPEN_DATA_LICENCES:
    fail(
        f"DJANGO_OPEN_DATA_LICENCE={_OPEN_DATA_LICENCE_ID!r} is not one of "
        f"{', '.join(OPEN_DATA_LICENCES)}."
    )
OPEN_DATA_LICENCE = {
    "id": _OPEN_DATA_LICENCE_ID,
    "title": OPEN_DATA_LICENCES[_OPEN_DATA_LICENCE_ID][0],
    "url": OPEN_DATA_LICENCES[_OPEN_DATA_LICENCE_ID][1],
}
# Requests to the API per visitor's address (DRF's "count/period": s, min, h or day),
# counted in the rate-limit cache every process shares. Page-cache hits are not counted.
OPEN_DATA_API_RATE = os.environ.get("DJANGO_OPEN_DATA_API_RATE", "120/min")
if not re.fullmatch(r"[1-9][0-9]*/(s|sec|min|h|hour|day)", OPEN_DATA_API_RATE):
    fail(
        f"DJANGO_OPEN_DATA_API_RATE={OPEN_DATA_API_RATE!r} is not a rate such as 120/min "
        "(a count, a slash, and s, min, h or day)."
    )
REST_FRAMEWORK = {
    # JSON only: no browsable API (it needs sessions and script); /api/v1/docs/ documents it.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Anonymous and read-only: no session is read, so every answer is a public page.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_THROTTLE_CLASSES": ["opendata.throttling.PerAddressThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["opendata.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "opendata.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME}: open data API",
    "DESCRIPTION": (
        "Read-only data of WeGO’s training programs: programs, editions, the places and "
        "countries that took part, participation counts, news and testimonials, open and "
        "upcoming calls for applications."
    ),
    "VERSION": "1",
    "LICENSE": {"name": OPEN_DATA_LICENCE["title"], "url": OPEN_DATA_LICENCE["url"]},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "ProgramKindEnum": "programs.models.ProgramKind",
        "PlaceKindEnum": "programs.models.PlaceKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.schema.describe_errors",
    ],
}
# django-cors-headers: any site may read the open data with GET (no cookies are sent):
# the API's answers and the data files. Its HTML pages (/data/, /api/v1/docs/) keep the
# same-origin policy of every page.
CORS_URLS_REGEX = r"^/(api/(?!v1/docs/)|data/.)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# --- Logging: every error to stderr (requests are logged by nginx, deploy/nginx.conf) ------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "filters": {"one_line_warning": {"()": "wego_site.core.log_filters.OneLineWarning"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Errors (500s, with traceback) and security events (CSRF) always show.
        "django.request": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # The email sender's progress ("1 emails attempted, 1 sent …"), once: with a
        # handler here, post_office adds none of its own.
        "post_office": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # pypdf reads applicants' documents; its warnings and errors quote the document
        # (names, addresses in its metadata), so none is logged. A refused document is
        # logged by applications.documents, by the kind of failure only.
        "pypdf": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # A request for a host the site does not serve (scanners do it all day) is one
        # WARNING line, without the traceback Django attaches.
        "django.security.DisallowedHost": {
            "handlers": ["stderr"],
            "level": "WARNING",
            "filters": ["one_line_warning"],
            "propagate": False,
        },
    },
}
