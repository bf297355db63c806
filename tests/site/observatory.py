"""The MDN HTTP Observatory's score for one response, by its published rules.

A small re-implementation of the Observatory's tests (mdn/mdn-http-observatory,
src/analyzer/tests/*.js) and its score table (src/grader/charts.js): each test gives one
result with a modifier; the score starts at 100, penalties are added, and the bonuses
only when the score is still at least 90. Preloading HSTS (+5) needs the host on the
browsers' preload list, which a test cannot claim, so it is never counted.
"""

import re
from html.parser import HTMLParser

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
BROAD_SOURCES = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}
SAFE_REFERRER = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRER = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
SESSION_NAMES = ("session", "sess", "login", "auth", "sid")


def parse_csp(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        if name:
            policy.setdefault(name.lower(), [value.lower() for value in values])
    return policy


def csp(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    script = policy.get("script-src", policy.get("default-src"))
    objects = policy.get("object-src", policy.get("default-src"))
    if script is None or objects is None:
        return "csp-implemented-with-unsafe-inline", -20
    if {"'unsafe-inline'", *BROAD_SOURCES} & set(script) or BROAD_SOURCES & set(objects):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(value.startswith("http:") for values in policy.values() for value in values):
        return "csp-implemented-with-insecure-scheme", -20
    style = policy.get("style-src", policy.get("default-src", []))
    if {"'unsafe-inline'", *BROAD_SOURCES} & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if policy.get("default-src") == ["'none'"] and "form-action" in policy:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies(set_cookies, hsts_ok):
    if not set_cookies:
        return "cookies-not-found", 0
    samesite_everywhere = True
    for line in set_cookies:
        name = line.split("=", 1)[0].strip().lower()
        flags = {flag.split("=")[0].strip().lower(): flag for flag in line.split(";")[1:]}
        session = any(word in name for word in SESSION_NAMES)
        if session and "httponly" not in flags:
            return "cookies-session-without-httponly-flag", -30
        if "secure" not in flags:
            if session:
                return (
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if hsts_ok
                    else ("cookies-session-without-secure-flag", -40)
                )
            return (
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts_ok
                else ("cookies-without-secure-flag", -20)
            )
        samesite = flags.get("samesite", "").split("=")[-1].strip().lower()
        if "samesite" in flags and samesite not in {"strict", "lax", "none"}:
            return "cookies-samesite-flag-invalid", -20
        samesite_everywhere &= samesite in {"strict", "lax"}
    if samesite_everywhere:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def cors(headers, origin):
    if not headers.get("Access-Control-Allow-Origin"):
        return "cross-origin-resource-sharing-not-implemented", 0
    allowed = headers["Access-Control-Allow-Origin"].strip()
    if allowed == origin and headers.get("Access-Control-Allow-Credentials", "") == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def redirection(status, location, host):
    if status not in {301, 302, 307, 308}:
        return "redirection-missing", -20
    if not location.startswith("https://"):
        return "redirection-not-to-https", -20
    if not location.startswith(f"https://{host}/"):
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def referrer(headers):
    header = headers.get("Referrer-Policy")
    if not header:
        return "referrer-policy-not-implemented", 0
    # Browsers use the last value they understand.
    values = [value.strip().lower() for value in header.split(",")]
    known = [value for value in values if value in SAFE_REFERRER | UNSAFE_REFERRER]
    if not known:
        return "referrer-policy-header-invalid", -5
    if known[-1] in SAFE_REFERRER:
        return "referrer-policy-private", 5
    return "referrer-policy-unsafe", -5


def hsts(headers):
    header = headers.get("Strict-Transport-Security")
    if not header:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=\"?(\d+)\"?", header, re.IGNORECASE)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < 15768000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def subresource_integrity(headers, body, host):
    if not headers.get("Content-Type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html", 0
    parser = _Scripts()
    parser.feed(body)
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [
        s for s in parser.scripts if re.match(r"^(https?:)?//", s["src"]) and host not in s["src"]
    ]
    insecure = [s for s in external if not s["src"].startswith("https://")]
    with_integrity = [s for s in parser.scripts if s.get("integrity")]
    if insecure:
        if with_integrity:
            return "sri-implemented-but-external-scripts-not-loaded-securely", -20
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if len(with_integrity) == len(parser.scripts):
        return "sri-implemented-and-all-scripts-loaded-securely", 5
    if external and all(s.get("integrity") for s in external):
        return "sri-implemented-and-external-scripts-loaded-securely", 5
    if external:
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def x_content_type_options(headers):
    if headers.get("X-Content-Type-Options", "").strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    if headers.get("X-Content-Type-Options"):
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-not-implemented", -5


def x_frame_options(headers):
    if "frame-ancestors" in parse_csp(headers.get("Content-Security-Policy", "")):
        return "x-frame-options-implemented-via-csp", 5
    value = headers.get("X-Frame-Options", "").strip().lower()
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin", 0
    if value:
        return "x-frame-options-header-invalid", -20
    return "x-frame-options-not-implemented", -20


def cross_origin_resource_policy(headers):
    value = headers.get("Cross-Origin-Resource-Policy", "").strip().lower()
    if not value:
        return "cross-origin-resource-policy-not-implemented", 0
    if value == "same-origin":
        return "cross-origin-resource-policy-implemented-with-same-origin", 10
    if value == "same-site":
        return "cross-origin-resource-policy-implemented-with-same-site", 10
    if value == "cross-origin":
        return "cross-origin-resource-policy-implemented-with-cross-origin", 0
    return "cross-origin-resource-policy-header-invalid", -5


def score(results):
    """The Observatory's total for {test: (result, modifier)}."""
    total = 100 + sum(modifier for _, modifier in results.values() if modifier < 0)
    if total >= MINIMUM_SCORE_FOR_EXTRA_CREDIT:
        total += sum(modifier for _, modifier in results.values() if modifier > 0)
    return max(total, 0)
