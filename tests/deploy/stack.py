"""The production stack on this machine, for the deployment checks: `make serve` (gunicorn,
debug off) behind nginx running a test copy of deploy/nginx.conf, and a small HTTP client
that can speak from any loopback address (127.0.0.2, 127.0.0.3, ...), so that nginx sees
different visitors."""

import html
import http.client
import re
import ssl
import subprocess
import sys
import time
from urllib.parse import urlencode

from urllib3 import encode_multipart_formdata

from deploy import render_nginx
from deploy.loopback import BASE_DIR, Background, production_env

PYTHON = sys.executable


def serve_env(database_url, port, root, **extra):
    """What `make serve` requires, plus where this copy keeps its files. The secret key
    is fixed: servers started from separate calls must sign alike."""
    return production_env(
        DJANGO_SECRET_KEY="deploy-check-secret-key-" + "x" * 40,
        DATABASE_URL=database_url,
        PORT=str(port),
        WEB_CONCURRENCY="2",
        DJANGO_STATIC_ROOT=str(root / f"static-{port}"),
        MEDIA_ROOT=str(root / "nginx" / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(root / "nginx" / "private"),
        DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX="/_private/",
        DJANGO_PAGE_CACHE_GENERATION_FILE=str(root / "generation"),
        **extra,
    )


def manage(env, *args, stdin=None):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def shell(env, code):
    return manage(env, "shell", "--no-imports", "-c", code).strip()


def make_serve(env, log):
    # -o: never rebuild the virtualenv from here; CI has just installed it.
    return Background(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "serve"], env, log, grace=20
    )


def start_nginx(root, *, https_port, http_port, upstream, static_root=None):
    render_nginx.render(
        root,
        https_port=https_port,
        http_port=http_port,
        upstream=upstream,
        access_log=True,
        static_root=static_root,
    )
    process = Background(
        ["nginx", "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"], grace=20
    )
    return process


def wait_until(check, what, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


class Visitor:
    """An HTTP(S) client from one loopback address, with cookies and the admin's CSRF."""

    def __init__(self, port, address="127.0.0.1", tls=True, proxied_https=False):
        self.port, self.address, self.tls = port, address, tls
        # Talking to gunicorn itself (no nginx): say what nginx would.
        self.extra = {"X-Forwarded-Proto": "https"} if proxied_https else {}
        self.cookies = {}
        self.origin = f"https://localhost:{port}"

    def connection(self):
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection(
                "localhost",
                self.port,
                context=context,
                timeout=30,
                source_address=(self.address, 0),
            )
        return http.client.HTTPConnection(
            "localhost", self.port, timeout=30, source_address=(self.address, 0)
        )

    def request(self, method, path, body=None, headers=None):
        status, headers, content = self.request_bytes(method, path, body, headers)
        return status, headers, content.decode(errors="replace")

    def request_bytes(self, method, path, body=None, headers=None):
        headers = {"Host": f"localhost:{self.port}", **self.extra, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            name, value = line.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value.strip()
        return response.status, response.headers, content

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def csrf_token(self, path):
        status, _headers, body = self.get(path)
        assert status == 200, (path, status)
        return html.unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1])

    def post(self, path, fields, files=None, referer=None):
        fields = {"csrfmiddlewaretoken": self.csrf_token(referer or path), **fields}
        if files:
            body, content_type = encode_multipart_formdata({**fields, **files})
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        headers = {
            "Content-Type": content_type,
            "Referer": self.origin + (referer or path),
            "Origin": self.origin,
        }
        return self.request("POST", path, body=body, headers=headers)

    def sign_in(self, username, password, code):
        return self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "otp_token": code, "next": "/admin/"},
        )
