"""Reading the settings' environment variables: each malformed value stops start-up with
one line saying what to set, instead of a traceback later."""

import ipaddress
import os
import sys


def fail(message):
    """Stop at start-up with a one-line message."""
    sys.exit(f"Configuration error: {message}")


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    return fail(f"{name}={value!r} is not a boolean; use 1 or 0.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        return fail(f"{name}={value!r} is not a whole number.")


def env_networks(name, default):
    """A comma-separated list of addresses or networks, each checked."""
    entries = env_list(name, default)
    try:
        [ipaddress.ip_network(entry, strict=False) for entry in entries]
    except ValueError as error:
        fail(f"{name}: {error}; list addresses or networks, comma-separated.")
    return entries
