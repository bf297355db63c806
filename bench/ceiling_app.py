"""gunicorn's own ceiling: a WSGI app that answers every request with one stored page.

`make bench` serves the landing page's bytes and headers with it, under gunicorn started
exactly as for the site, so the site's warm landing page can be compared with what the
same server does when the application costs nothing. BENCH_CEILING_PAGE names a JSON
file {"headers": [[name, value], ...], "body": "..."}.
"""

import json
import os

with open(os.environ["BENCH_CEILING_PAGE"], encoding="utf-8") as file:
    page = json.load(file)
HEADERS = [(name, value) for name, value in page["headers"]]
BODY = page["body"].encode()


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
