"""The project: debug, the secret key and host names, the apps and middleware, templates,
the database, language and time, the site's name and its content apps."""

import os
from pathlib import Path

import dj_database_url

from wego_site.environment import env_bool, env_int, env_list, fail

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
    # apnumber: "two editions" in a sentence.
    "django.contrib.humanize",
    "django.contrib.postgres",
    # Tags of news posts; the admin lists them under "Tags", not "Taggit".
    "news.tags_app.TagsConfig",
    "wego_site.core",
    "programs",
    "news",
    "testimonials",
    # Before applications, whose admin takes back post_office's template editor.
    "wego_site.core.apps.EmailQueueConfig",  # post_office
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
    "wego_site.core.apps.SignInAttemptsConfig",  # axes
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

TAGGIT_CASE_INSENSITIVE = True

# Countries in the application form and the admin read by their common English names.
# django-countries already uses them for most ("Russia", "Vietnam"); these are the ones
# its ISO list names otherwise (Nauru's is its Nauruan name), and those the site's own
# countries (fixtures/00_places.json, as the secretariat writes them) name otherwise:
# "Korea", "Kyrgyz Republic". django-countries' names stay known to look-ups by name
# (the participants' import) as the second of `names`.
COUNTRIES_OVERRIDE = {
    "KR": {"names": ["Korea", "South Korea"]},
    "KG": {"names": ["Kyrgyz Republic", "Kyrgyzstan"]},
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
