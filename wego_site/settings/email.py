"""Email: queued in the database (django-post-office), sent by `send_queued_mail`."""

import os
from datetime import timedelta

from wego_site.environment import env_bool, env_int
from wego_site.settings.base import DEBUG

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
