"""nginx speaks only in the site's words: its own errors show the site's pages (written by
`make serve` from the templates), never its name or version, and while gunicorn fails or
is gone visitors get the last copy of a page instead of an error."""

import http.server
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.deploy import stack
from tests.deploy.conftest import PORT_BASE

pytestmark = pytest.mark.deploy


def assert_the_sites_page(status, headers, body, expected):
    assert status == expected, (status, body[:300])
    assert f"Error {expected}</p>" in body
    assert "Training Programs" in body and "<style>" in body
    assert "nginx" not in body.lower()
    assert not re.search(r"\d", headers.get("Server", "")), headers.get("Server")
    assert "style-src 'unsafe-inline'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("status", [400, 403, 404, 500, 503, 504])
def test_nginxs_own_errors_show_the_sites_pages(site, status):
    answer = site.visitor().get(f"/_test/status/{status}")
    assert_the_sites_page(*answer, status)
    if status in {503, 504}:
        assert answer[1]["Retry-After"] == "30"


def test_a_request_nginx_cannot_read_gets_the_sites_400(site):
    assert_the_sites_page(*site.visitor().get("/admin/../../etc/passwd"), 400)


def test_a_header_too_large_gets_the_sites_400(site):
    # nginx's own status for it is 494 ("Request Header Or Cookie Too Large").
    answer = site.visitor().request("GET", "/programs/", headers={"X-Big": "a" * 9000})
    assert_the_sites_page(*answer, 400)


@pytest.mark.parametrize("method", ["TRACE", "CONNECT"])
def test_a_method_nginx_refuses_gets_the_sites_405(site, method):
    assert_the_sites_page(*site.visitor().request(method, "/"), 405)


def test_an_address_too_long_gets_the_sites_414_from_nginx_never_gunicorns(site):
    visitor = site.visitor()
    # Up to the longest request line nginx reads, gunicorn reads it too: the page answers.
    for length in (6000, 8190):
        path = "/programs/?q="
        path += "a" * (length - len(f"GET {path} HTTP/1.1"))
        status, _headers, body = visitor.get(path)
        assert status == 200, (length, status, body[:200])
    assert_the_sites_page(*visitor.get("/programs/?q=" + "a" * 9000), 414)


def test_files_nginx_will_not_hand_out_get_the_sites_404(site):
    for path in ["/_private/secret.pdf", "/_error_pages/502.html", "/media/no-such-cover.jpg"]:
        assert_the_sites_page(*site.visitor().get(path), 404)


def test_a_body_too_large_gets_the_sites_413(site):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with (
        socket.create_connection(("127.0.0.1", site.https_port)) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as sock,
    ):
        sock.sendall(
            b"POST /admin/login/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Length: 30000000\r\n\r\n"
        )
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.decode(errors="replace").partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert_the_sites_page(int(lines[0].split()[1]), headers, body, 413)
    assert "at most 5 MB" in body


def http2(site, *args):
    """curl's answer over HTTP/2, as a browser speaks to nginx: (status, headers, body)."""
    if not shutil.which("curl"):
        pytest.skip("curl is not installed")
    url = f"https://localhost:{site.https_port}"
    out = subprocess.run(
        [
            "curl",
            "-sk",
            "--http2",
            "-D",
            "-",
            "--resolve",
            f"localhost:{site.https_port}:127.0.0.1",
            *args[:-1],
            url + args[-1],
        ],
        capture_output=True,
        timeout=60,
        check=False,
    ).stdout.decode(errors="replace")
    head, _, body = out.partition("\r\n\r\n")
    lines = head.split("\r\n")
    assert lines[0].startswith("HTTP/2"), lines[0]
    headers = {k.title(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def test_a_body_too_large_over_http2_gets_the_sites_413(site, tmp_path):
    """Over HTTP/2 the body is still arriving when the 413 page is served."""
    upload = tmp_path / "large.bin"
    upload.write_bytes(b"\0" * 30_000_000)
    answer = http2(site, "--data-binary", f"@{upload}", "/admin/login/")
    assert_the_sites_page(*answer, 413)


def test_a_long_header_over_http2_never_gets_gunicorns_own_page(site):
    """nginx lets a longer header through over HTTP/2 (16 KB) than over HTTP/1.1 (8 KB):
    gunicorn reads that much too, so the site answers."""
    status, headers, body = http2(site, "-H", "X-Big: " + "a" * 12000, "/programs/")
    assert status == 200, (status, body[:200])
    assert "Content-Security-Policy" in headers


def test_a_flood_of_forms_gets_the_sites_429(site):
    flooder = site.visitor("127.0.0.9")

    def send(_):
        return flooder.request("POST", "/search/", body=b"q=x")

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(send, range(60)))
    refused = [answer for answer in answers if answer[0] == 429]
    assert refused, sorted({answer[0] for answer in answers})
    assert_the_sites_page(*refused[0], 429)
    assert refused[0][1]["Retry-After"] == "60"  # as the page says: wait a minute
    # An ordinary visitor's pages are not limited.
    assert site.visitor("127.0.0.9").get("/programs/")[0] == 200


class Upstream(http.server.ThreadingHTTPServer):
    """A stand-in for gunicorn that answers what the test says: a page kept for a second,
    or a 500."""

    daemon_threads = True
    answer = "page"
    version = 1


class UpstreamHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.server.answer == "error":
            self.send_response(500)
            self.end_headers()
            return
        body = f"version {self.server.version}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Cache-Control", "public, max-age=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy_with_a_stand_in(site, tmp_path):
    """deploy/nginx.conf in front of a stand-in gunicorn the test can break or stop."""
    upstream = Upstream(("127.0.0.1", PORT_BASE + 7), UpstreamHandler)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    https_port, http_port = PORT_BASE + 5, PORT_BASE + 6
    proxy = stack.start_nginx(
        tmp_path,
        https_port=https_port,
        http_port=http_port,
        upstream=f"127.0.0.1:{PORT_BASE + 7}",
        static_root=site.env["DJANGO_STATIC_ROOT"],
    )
    visitor = stack.Visitor(https_port)
    try:
        stack.wait_until(lambda: visitor.get("/page")[0] == 200, "nginx before the stand-in")
        yield upstream, visitor
    finally:
        proxy.stop()
        upstream.shutdown()
        upstream.server_close()


def test_stale_pages_are_served_while_the_app_fails_or_is_gone(proxy_with_a_stand_in):
    upstream, visitor = proxy_with_a_stand_in
    status, headers, body = visitor.get("/kept")
    assert (status, body) == (200, "version 1")
    # nginx counts a copy's age in whole seconds: after two, a max-age=1 copy is stale.
    time.sleep(2.5)

    upstream.answer = "error"
    status, headers, body = visitor.get("/kept")
    assert (status, body, headers["X-Cache-Status"]) == (200, "version 1", "STALE")

    upstream.shutdown()
    upstream.server_close()
    status, headers, body = visitor.get("/kept")
    assert (status, body, headers["X-Cache-Status"]) == (200, "version 1", "STALE")
    # A page never kept: the site's own 502, never nginx's.
    answer = visitor.get("/never-kept")
    assert_the_sites_page(*answer, 502)
    assert answer[1]["Retry-After"] == "30"
