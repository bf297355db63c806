"""ISO 3166-1 alpha-2 codes for countries as the secretariat names them, from pycountry.

The secretariat writes the short names in common use ("Korea", "Russia", "Vietnam");
pycountry (the ISO 3166 database, kept up to date upstream) knows most of them by an
exact look-up, or by a fuzzy one that finds a single country whose name begins with the
words asked for ("Palestine" → "Palestine, State of"). A fuzzy match that only contains
them is refused ("Republic of Korea" is inside the other Korea's official name). Where a
common name is not found that way, ALIASES says which country the site means; nothing
else is typed by hand.
"""

import functools
import re

import pycountry
from django.core.exceptions import ValidationError

# Common names the look-ups above do not settle: "Korea" matches both Koreas, and
# "Russia" is only a fuzzy part of "Russian Federation".
ALIASES = {"korea": "KR", "russia": "RU"}


def _names(country):
    return [getattr(country, attr, "") for attr in ("name", "official_name", "common_name")]


@functools.cache
def _every_name():
    return [name for country in pycountry.countries for name in _names(country)]


def _begins_with(names, key):
    pattern = re.compile(rf"{re.escape(key)}\b", re.IGNORECASE)
    return any(name and pattern.match(name) for name in names)


@functools.lru_cache(maxsize=1024)
def country_code(name):
    """The alpha-2 code for `name`, or "" when it names no single country. Kept per
    process by name: the ISO database does not change while it runs."""
    key = " ".join(name.split()).casefold()
    if not key:
        return ""
    if key in ALIASES:
        return ALIASES[key]
    try:
        return pycountry.countries.lookup(key).alpha_2
    except LookupError:
        pass
    # Only a country whose name begins with the words can be the answer: where none
    # does, the fuzzy search (which reads every subdivision's name, milliseconds) is
    # spared.
    if not _begins_with(_every_name(), key):
        return ""
    try:
        matches = pycountry.countries.search_fuzzy(key)
    except LookupError:
        return ""
    if len(matches) != 1:
        return ""
    match = matches[0]
    return match.alpha_2 if _begins_with(_names(match), key) else ""


def validate_country_code(code):
    if code and pycountry.countries.get(alpha_2=code.upper()) is None:
        raise ValidationError(
            "“%(code)s” is not an ISO 3166-1 alpha-2 country code (e.g. KR for Korea).",
            code="unknown_country_code",
            params={"code": code},
        )
