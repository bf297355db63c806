"""deploy/nginx.conf, filled in for this machine, in front of `make serve`.

What a deployer following docs/deployment.md gets: real client addresses for the sign-in
lockout, a 5 MB cover accepted, slow clients absorbed, a front cache that keeps public
pages and never an editor's, uploads from disk, private files only through the site.
"""

import io
import os
import random
import socket
import ssl
import statistics
import time

import pytest
from PIL import Image

from tests.deploy import stack
from tests.deploy.conftest import PASSWORD
from tests.deploy.slow_clients import SlowClients

pytestmark = pytest.mark.deploy


def test_the_shipped_file_is_what_runs(site):
    production = (stack.BASE_DIR / "deploy" / "nginx.conf").read_text()
    rendered = (site.root / "nginx" / "wego.conf").read_text()
    for line in [
        "client_max_body_size 25m;",
        "proxy_request_buffering on;",
        "proxy_cache wego_pages;",
        "server_tokens off;",
        "error_page 502 /_error_pages/502.html;",
    ]:
        assert line in production and line in rendered


def test_plain_http_goes_to_https(site):
    visitor = stack.Visitor(site.http_port, tls=False)
    status, headers, _ = visitor.get("/news/?page=2")
    assert status == 301
    assert headers["Location"] == f"https://localhost:{site.https_port}/news/?page=2"


def test_a_foreign_host_never_reaches_the_site(site):
    with socket.create_connection(("127.0.0.1", site.http_port)) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: scanner.example\r\n\r\n")
        assert sock.recv(100) == b""  # nginx's 444: closed without an answer
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with (
        socket.create_connection(("127.0.0.1", site.https_port)) as raw,
        pytest.raises(ssl.SSLError),
    ):
        context.wrap_socket(raw, server_hostname="scanner.example")
    assert "DisallowedHost" not in (site.root / "gunicorn.log").read_text()


def test_the_lockout_keys_on_the_real_client_address(site):
    attacker = site.visitor("127.0.0.2")
    # The attacker's own X-Forwarded-For is kept on the left by nginx and ignored.
    attacker.extra = {"X-Forwarded-For": "203.0.113.66"}
    statuses = [attacker.sign_in("editor", "wrong", "000000")[0] for _ in range(6)]
    assert statuses[:4] == [200] * 4
    assert statuses[4:] == [429, 429], statuses
    status, _, body = attacker.sign_in("editor", PASSWORD, site.totp_code())
    assert status == 429
    assert "Sign-in temporarily locked" in body

    editor = site.visitor("127.0.0.3")
    status, _headers, _ = editor.sign_in("editor", PASSWORD, site.totp_code())
    assert status == 302, "the editor, from another address, is locked out too"
    assert editor.get("/admin/")[0] == 200

    guesser = site.visitor("127.0.0.4")
    statuses = [guesser.sign_in(f"user{n % 20}", "wrong", "000000")[0] for n in range(40)]
    assert 429 in statuses[:20], "twenty failures across user names did not lock the address"
    assert set(statuses[20:]) == {429}

    recorded = stack.shell(
        site.env,
        "from axes.models import AccessAttempt; "
        "print(sorted(set(AccessAttempt.objects.values_list('ip_address', flat=True))))",
    )
    assert recorded == "['127.0.0.2', '127.0.0.4']"


def test_a_five_megabyte_cover_is_accepted(site):
    editor = site.visitor("127.0.0.5")
    assert editor.sign_in("editor", PASSWORD, site.recovery_code())[0] == 302
    picture = io.BytesIO()
    noise = random.Random(5).randbytes(1290 * 1290 * 3)  # does not compress: ~5 MB
    Image.frombytes("RGB", (1290, 1290), noise).save(picture, "PNG")
    assert 4_500_000 < picture.tell() < 5 * 1024 * 1024
    today = time.strftime("%Y-%m-%d")
    status, headers, body = editor.post(
        "/admin/news/post/add/",
        {
            "title": "Deployment check post",
            "slug": "deployment-check-post",
            "status": "published",
            "published_at_0": today,
            "published_at_1": "00:00:00",
            "cover_alt_text": "A test pattern",
            "dateline": "SEOUL",
            "lede": "A post with a large cover.",
            "body": "",
            "new_tags": "",
            "_save": "Save",
        },
        files={"cover_image": ("cover.png", picture.getvalue(), "image/png")},
    )
    assert status == 302, body[:2000]
    url = stack.shell(
        site.env,
        "from news.models import Post; print(Post.objects.get(slug='deployment-check-post').cover_image.url)",
    )
    status, headers, _content = site.visitor().get(url)
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]


def ordinary_requests(visitor, seconds, during=None):
    """Latencies (ms) of requests that gunicorn answers (past the front cache: a new query
    string each time), one every 0.1 s; `during` is sampled after each."""
    timings, failures, samples = [], [], []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        path = f"/healthz?ordinary={n}" if n % 2 else f"/robots.txt?ordinary={n}"
        started = time.perf_counter()
        status, _, _ = visitor.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if status != 200:
            failures.append((path, status))
        if during:
            samples.append(during())
        time.sleep(0.1)
    return timings, failures, samples


def served_in(site, marker):
    """nginx's own time (ms) for each logged request whose URL holds `marker`: from its
    first byte read to its last byte sent, gunicorn's queue and work included."""
    times = []
    for line in (site.root / "nginx" / "access.log").read_text().splitlines():
        if marker in line:
            # deploy/nginx.conf's wego_access: "… $request_time $upstream_response_time
            # $upstream_cache_status".
            times.append(float(line.split()[-3]) * 1000)
    return times


def test_forty_slow_clients_leave_ordinary_requests_fast(site):
    """p99 < 100 ms as nginx measured it; the median under 100 ms at the test's client too.
    On a machine busier than its cores, waits for a CPU dominate both, and the p99 is held
    to 3 s: what slow clients holding gunicorn's few workers would cost is tens of
    seconds (its 30 s timeout)."""
    visitor = site.visitor()
    (site.root / "nginx" / "access.log").write_text("")
    quiet, _, _ = ordinary_requests(visitor, 3)
    load_before = os.getloadavg()[0]
    with SlowClients(site.https_port, count=40) as slow:
        time.sleep(1)
        timings, failures, connected = ordinary_requests(visitor, 20, lambda: slow.open)
    logged = served_in(site, "ordinary=")
    served_quiet, served = logged[: len(quiet)], logged[len(quiet) :]
    p99 = statistics.quantiles(timings, n=100)[98]
    served_p99 = statistics.quantiles(served, n=100)[98]
    summary = (
        f"served p99 {served_p99:.1f} ms (without slow clients: max "
        f"{max(served_quiet):.1f} ms); at the client p99 {p99:.1f} ms, p50 "
        f"{statistics.median(timings):.1f} ms over {len(timings)} requests (without slow "
        f"clients: p50 {statistics.median(quiet):.1f} ms); load average {load_before:.1f}"
    )
    print(summary)
    assert failures == []
    assert len(timings) >= 30 and len(served) == len(timings)
    assert statistics.median(connected) >= 35, "the slow clients were not connected"
    busy = load_before >= os.cpu_count()
    assert served_p99 < (3000 if busy else 100), summary
    # At the client, each request also pays a new TLS handshake in Python: its median is
    # held to the same bound; its p99 is reported above (one late connect in a hundred
    # decides it), and nginx's own p99 is the one asserted.
    if not busy:
        assert statistics.median(timings) < 100, summary


def test_the_access_log_keeps_no_search_terms(site):
    visitor = site.visitor()
    log = site.root / "nginx" / "access.log"
    visitor.get("/search/?q=ana.lopez%40example.org")
    visitor.get("/admin/applications/application/?q=Ana+Lopez")
    visitor.get("/programs/", Referer=f"{visitor.origin}/search/?q=ana.lopez%40example.org")
    visitor.get("/programs/main/2019/apply/sent/?t=MjQ:confirmation-token")
    # nginx writes a request's line after the answer has gone: wait for the last one.
    stack.wait_until(lambda: "/apply/sent/" in log.read_text(), "the last request's log line", 10)
    lines = [line for line in log.read_text().splitlines() if "/search/" in line]
    assert lines, "the search was not logged"
    logged = log.read_text()
    assert "GET /search/ HTTP/1.1" in logged
    assert "GET /admin/applications/application/ HTTP/1.1" in logged
    assert "ana.lopez" not in logged and "Ana+Lopez" not in logged
    # An application's confirmation link is logged without the token that opens it.
    assert "GET /programs/main/2019/apply/sent/ HTTP/1.1" in logged
    assert "confirmation-token" not in logged
    # Other pages keep their query string: it says which page of a list was asked for.
    # Earlier tests may have logged /news/ already: wait for this request's own line.
    lines_before = len(log.read_text().splitlines())
    visitor.get("/news/?page=2")

    def news_lines():
        return [line for line in log.read_text().splitlines()[lines_before:] if "/news/" in line]

    stack.wait_until(news_lines, "the news page's log line", 10)
    assert "GET /news/?page=2 HTTP/1.1" in news_lines()[0]


def test_a_public_page_comes_from_the_front_cache_and_an_editors_never(site):
    anonymous = site.visitor()
    first = anonymous.get("/programs/")[1]["X-Cache-Status"]
    # STALE: kept from an earlier test and older than a minute, renewed in the background.
    assert first in {"MISS", "EXPIRED", "HIT", "STALE"}
    time.sleep(0.5)
    status, headers, _ = anonymous.get("/programs/")
    assert (status, headers["X-Cache-Status"]) == (200, "HIT")
    assert "public" in headers["Cache-Control"]

    editor = site.visitor("127.0.0.6")
    assert editor.sign_in("editor", PASSWORD, site.recovery_code())[0] == 302
    for _ in range(2):
        status, headers, _body = editor.get("/programs/")
        assert status == 200
        assert headers["X-Cache-Status"] == "BYPASS"
        assert "no-store" in headers["Cache-Control"]
    assert editor.get("/admin/")[1]["X-Cache-Status"] == "BYPASS"
    # The editor's answer was not stored: a visitor to a fresh URL misses.
    assert anonymous.get("/programs/?fresh=1")[1]["X-Cache-Status"] == "MISS"


APPLICATION_SCRIPT = """
from tests.applications.factories import ApplicationFactory
application = ApplicationFactory()
print(application.get_document_url(), application.document.name)
"""


def test_private_files_only_through_the_site(site):
    (site.root / "nginx" / "private" / "secret.pdf").write_bytes(b"%PDF-1.4 private")
    status, _, body = site.visitor().get("/_private/secret.pdf")
    assert status == 404
    assert "PDF" not in body

    url, name = stack.shell(site.env, APPLICATION_SCRIPT).split()
    stored = (site.root / "nginx" / "private" / name).read_bytes()
    assert site.visitor().get(url)[0] == 302  # to the sign-in page
    reviewer = site.visitor("127.0.0.6")
    assert reviewer.sign_in("editor", PASSWORD, site.recovery_code())[0] == 302
    status, headers, content = reviewer.request_bytes("GET", url)
    assert status == 200
    assert content == stored  # sent by nginx from the private folder
    assert "X-Accel-Redirect" not in headers
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in headers["Cache-Control"]
