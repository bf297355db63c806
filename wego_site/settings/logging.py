"""Logging: every error to stderr (requests are logged by nginx, deploy/nginx.conf)."""

import os

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
        # A request for a host the site does not serve (scanners do it all day), or with
        # more fields or files than Django reads, is one WARNING line, without the
        # traceback Django attaches: anyone can send one.
        **{
            f"django.security.{event}": {
                "handlers": ["stderr"],
                "level": "WARNING",
                "filters": ["one_line_warning"],
                "propagate": False,
            }
            for event in ("DisallowedHost", "TooManyFieldsSent", "TooManyFilesSent")
        },
    },
}
