"""Open data: the API at /api/v1/ and the data sets at /data/ (docs/api.md)."""

import os
import re

from wego_site.environment import fail
from wego_site.settings.base import SITE_NAME

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
    # Written by orjson (drf-orjson-renderer): a full page of items is encoded in a tenth
    # of the standard library's time.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    # Coordinates are numbers in JSON (their fields say coerce_to_string=False); the
    # orjson renderer writes a Decimal as a string unless this is off.
    "COERCE_DECIMAL_TO_STRING": False,
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
