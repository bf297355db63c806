"""Files: static files (WhiteNoise), media on disk or in S3-compatible buckets, uploads in
progress, pictures' size limits."""

import os
from pathlib import Path

from wego_site.environment import env_bool, fail
from wego_site.settings.base import BASE_DIR, DEBUG

# --- Where static files and media live -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")

# --- Static files: WhiteNoise, compressed, hashed names, cached for a year -----------------
# The manifest (hashed names) needs `collectstatic`; debug mode and tests use plain names.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Applicants' documents: a folder outside MEDIA_ROOT that no URL reaches
    # (PRIVATE_MEDIA_ROOT, in applications.py beside this module), or a private bucket
    # (DJANGO_MEDIA_STORAGE=s3).
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

# --- Pictures uploaded in the admin -----------------------------------------------------
# Cover pictures: refused above these limits (the message says why).
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
