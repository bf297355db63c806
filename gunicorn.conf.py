"""gunicorn settings for `make serve` and production (gunicorn -c gunicorn.conf.py).

Every value can be changed from the environment without editing this file:
PORT / GUNICORN_BIND, WEB_CONCURRENCY (workers), GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG,
GUNICORN_CONTROL_SOCKET.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
wsgi_app = "wego_site.wsgi:application"

# Sync workers: each serves one request at a time, and pages are fast. The usual rule
# of thumb is two per core plus one; WEB_CONCURRENCY overrides it (the benchmark uses 2).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 2
# Workers live as long as the server: a recycled worker starts with an empty local-memory
# page cache. To guard against a slow leak, set GUNICORN_MAX_REQUESTS (e.g. 100000).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Nothing runs before the fork that would be unsafe to share; loading the app once saves
# memory and start-up time.
preload_app = True

# The longest request line read: gunicorn's maximum, as long as nginx's buffer for it
# (deploy/nginx.conf: large_client_header_buffers 8k), so a longer one is refused by nginx
# with the site's 414 page, never by gunicorn with its own.
limit_request_line = 8190
# A header field up to twice that: nginx refuses a longer one over HTTP/1.1 (8 KB) and
# HTTP/2 (16 KB) itself, so gunicorn never answers a long header with its own page.
limit_request_field_size = 16380

# Errors on stderr (the process manager collects them). Requests are logged by nginx in
# front (deploy/nginx.conf: the client's address, status, times and cache status): behind
# it gunicorn would only see nginx's address, and writing its line costs about a sixth of
# the time of a page answered from the page cache. GUNICORN_ACCESS_LOG=- logs them on stdout.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# As nginx's log: the path without its query string (the confirmation link's token,
# search terms and the admin's searches can name a person), and the referring address
# without its query string either.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'


class AccessLogger(Logger):
    """gunicorn's logger, whose referring address (%(f)s) stops before its query string."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["f"] = atoms["f"].split("?", 1)[0]
        return atoms


logger_class = AccessLogger

# gunicorn's control socket (for `gunicornc`): none unless GUNICORN_CONTROL_SOCKET names
# one. Its default, ~/.gunicorn/gunicorn.ctl, would be shared by every server one user
# runs on the machine, each taking it from the other.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or "gunicorn.ctl"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")

# Behind a proxy on the same machine, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


# Uploads in progress that a worker left when it died (killed mid-upload) are removed as
# it exits, and whatever an earlier server left when this one starts
# (wego_site/core/uploads.py). The app is loaded before the fork, so settings are read.
# Another WSGI app under this configuration (the bench's ceiling app) has no settings:
# nothing to sweep.
def when_ready(server):
    from django.conf import settings

    if settings.configured:
        from wego_site.core.uploads import sweep_uploads

        sweep_uploads()


def child_exit(server, worker):
    from django.conf import settings

    if settings.configured:
        from wego_site.core.uploads import remove_process_folder

        remove_process_folder(worker.pid)
