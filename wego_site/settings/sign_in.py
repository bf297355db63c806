"""Staff sign-in to the admin: the lockout after failed attempts (with the visitor's address
as trusted proxies give it), two-factor sign-in, and the admin's address."""

import os

from wego_site.environment import env_bool, env_int, env_networks, fail
from wego_site.settings.base import DEBUG, SITE_NAME

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

# --- The admin's address (URL prefix) ------------------------------------------------------------------
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/") or "//" in ADMIN_URL:
    fail(f"DJANGO_ADMIN_URL={ADMIN_URL!r} must look like 'admin/' or 'office-7f3a/'.")
