"""Applicants' email addresses, in the one form they are compared, stored and sent in.

An address is normalised (Unicode NFKC, so look-alike letters such as “ſ” become the
letters they stand for; lower case; the domain in IDNA, so an internationalised domain
and its punycode form are one) and refused, with what to do, when mail servers would not
deliver to it or the email queue would not take it.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from post_office.validators import validate_email_with_name

# The part before the @ that mail servers deliver to (RFC 5322's dot-atom, in ASCII).
LOCAL_PART = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")
DOMAIN = re.compile(r"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}\Z")
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")

TYPICAL = "Check it: an address looks like name@example.org."


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _scripts(label):
    names = (unicodedata.name(char, "").split(" ")[0] for char in label if char.isalpha())
    return {name for name in names if name in SCRIPTS}


def normalise_address(value):
    """The address as it is compared, stored and sent; ValidationError for an address
    that cannot be delivered, saying what to change."""
    address = unicodedata.normalize("NFKC", value or "").strip()
    local, at, domain = address.rpartition("@")
    if not (at and local and domain):
        _refuse(f"This is not an email address. {TYPICAL}", "invalid")
    local = local.lower()
    if len(local) > 64 or not LOCAL_PART.match(local):
        _refuse(
            "Mail cannot be delivered to the part before “@” as it is written. Use only "
            "the letters a–z, digits and . _ - + (no spaces, quotes or accented letters), "
            "or give another address.",
            "undeliverable",
        )
    try:
        domain = domain.lower().removesuffix(".").encode("idna").decode("ascii")
        letters = domain.encode("ascii").decode("idna")  # xn-- labels read as letters
    except UnicodeError:
        domain = letters = ""
    if any(len(_scripts(label)) > 1 for label in letters.split(".")):
        _refuse(
            "The part after “@” mixes letters of different alphabets (as look-alike "
            f"addresses do). {TYPICAL}",
            "mixed_scripts",
        )
    if not DOMAIN.match(domain) or len(domain) > 253:
        _refuse(f"The part after “@” is not a domain that mail can be sent to. {TYPICAL}", "domain")
    address = f"{local}@{domain}"
    try:
        validate_email(address)
        validate_email_with_name(address)  # what the email queue checks
        sanitize_address(address, "utf-8")  # what sending does
    except (ValidationError, ValueError):
        _refuse(f"This is not an email address. {TYPICAL}", "invalid")
    return address
