"""Calls for applications: applicants' documents, the form's limits and rates, retention."""

import os
from pathlib import Path

from wego_site.environment import env_int
from wego_site.settings.base import BASE_DIR

# Applicants' documents: outside MEDIA_ROOT, so no web server or URL ever serves them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT") or BASE_DIR / "private")
# Behind nginx, the internal location that serves that folder (deploy/nginx.conf: /_private/):
# a reviewer's download is then sent by nginx (X-Accel-Redirect), not by a worker.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX", "")
APPLICATION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
# What a PDF's streams may unpack to, in all: more is refused as a decompression bomb.
APPLICATION_PDF_MAX_DECODED_BYTES = 50 * 1024 * 1024
# What the documents kept for forms sent back to be corrected may take on disk, in all;
# past it the form asks for the document again instead of keeping it.
APPLICATION_KEPT_DOCUMENTS_MAX_BYTES = env_int(
    "DJANGO_APPLICATION_KEPT_DOCUMENTS_MAX_BYTES", 500 * 1024 * 1024
)
# The form's text fields on top of the document, for the request size limit.
APPLICATION_FORM_MAX_EXTRA_BYTES = 256 * 1024
# Applications sent per visitor's address (django-ratelimit's "count/period" notation),
# and forms sent at all, stored or refused with a message to put something right.
APPLICATION_RATE = os.environ.get("DJANGO_APPLICATION_RATE", "10/h")
APPLICATION_ATTEMPT_RATE = os.environ.get("DJANGO_APPLICATION_ATTEMPT_RATE", "60/h")
# The visitor's address as the sign-in lockout reads it (django-ipware, trusted proxies only).
RATELIMIT_IP_META_KEY = "axes.helpers.get_client_ip_address"
# Months after an edition ends until `purge_applications` anonymises its applications.
APPLICATION_RETENTION_MONTHS = env_int("DJANGO_APPLICATION_RETENTION_MONTHS", 24)
