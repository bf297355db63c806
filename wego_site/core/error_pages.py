"""The site's error pages: Django's 500 (503 when the database cannot answer), and the
static copies the web server in front shows for its own errors.

A database that cannot answer (restarting, refusing connections, locked) is not a bug of
the page: the visitor gets 503.html with `Retry-After`, and a front cache may serve its
stale copy instead (deploy/nginx.conf: proxy_cache_use_stale). Every other uncaught
error is a 500. Both are rendered without a request context, so they need no database.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from wego_site.core.uploads import size_text

# Seconds a visitor (or a crawler) is asked to wait after a 503.
RETRY_AFTER_SECONDS = 30

# The pages the web server shows for its own errors, by status: a request it cannot read
# (400), a file it does not have or will not list (404, 403), a method it refuses (405:
# TRACE, CONNECT), the body too large (413),
# the address too long (414), too many requests (429), and the site not answering (500, 502, 503, 504).
WEB_SERVER_PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/405.html",
    413: "errors/413.html",
    414: "errors/414.html",
    429: "errors/429.html",
    500: "500.html",
    502: "errors/502.html",
    503: "503.html",
    504: "errors/504.html",
}


def database_unavailable(error):
    return isinstance(error, OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request):
    """handler500: 503 with Retry-After when the database cannot answer, else 500."""
    error = sys.exc_info()[1]
    if database_unavailable(error):
        body = loader.get_template("503.html").render()
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def bad_request(request, exception=None):
    """handler400: the site's own page for a request it cannot read (too many fields, a
    damaged form), instead of Django's bare one; it reads nothing from the request."""
    return HttpResponse(loader.get_template("errors/400.html").render(), status=400)


def permission_denied(request, exception=None):
    """handler403: the site's own page, saying whom to ask, instead of Django's bare one
    (staff signed in without the permission a page needs)."""
    body = loader.get_template("errors/403.html").render({"permission_denied": True})
    return HttpResponse(body, status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own page, saying what to do, instead of Django's."""
    return HttpResponse(loader.get_template("errors/csrf.html").render(), status=403)


def page_context():
    return {
        "document_size": size_text(settings.APPLICATION_DOCUMENT_MAX_BYTES),
        "picture_size": size_text(settings.IMAGE_UPLOAD_MAX_BYTES),
    }


def write_web_server_pages(folder, stylesheet):
    """Write `<status>.html` for each of WEB_SERVER_PAGES into `folder`, with the
    stylesheet's text in the page; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    context = {**page_context(), "stylesheet": stylesheet}
    written = []
    for status, template in WEB_SERVER_PAGES.items():
        path = folder / f"{status}.html"
        scratch = path.with_suffix(".tmp")
        scratch.write_text(loader.get_template(template).render(context))
        scratch.replace(path)  # nginx never reads half a page
        written.append(path)
    return written
