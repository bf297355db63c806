# ruff: noqa: S603, S607 - runs our own tools against loopback addresses only
"""The measurements: each page cold and warm, the first render after a change, nginx
serving the landing HTML as a static file, the landing page through the shipped nginx
(deploy/nginx.conf) with its front cache, the warm landing page against nginx and against
gunicorn's own ceiling in alternating runs, and the paired seed-against-large runs."""

import contextlib
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
from pathlib import Path

from common import (
    FRONT_PORT,
    NGINX_PORT,
    PAIRED_DURATION,
    PAIRED_ROUNDS,
    PORT,
    PYTHON,
    RESULTS,
    Server,
    discover_urls,
    fetch,
    log,
    run,
    wrk,
)

from deploy import render_nginx

BUMP = "from wego_site.pagecache.generation import bump_generation; bump_generation()"


def first_render_ms(env, url, tries=3):
    """Median time of one request right after a content change (a new generation)."""
    times = []
    for _ in range(tries):
        run([str(PYTHON), "manage.py", "shell", "--no-imports", "-c", BUMP], env=env)
        started = time.perf_counter()
        fetch(url)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def measure_dataset(label, env, port, after_warm_landing=None):
    """Every page cold, then warm; `after_warm_landing(html, headers)` runs right after
    the warm landing page, while its server is still up."""
    rows = []
    pages = discover_urls(env)
    log(f"{label}: pages {', '.join(url for _, url in pages)}")
    landing_html = landing_headers = None
    for mode, cache_on in (("cold", False), ("warm", True)):
        with Server(env, port, cache_on, RESULTS / f"gunicorn-{label}-{mode}.log"):
            for page, path in pages:
                url = f"http://127.0.0.1:{port}{path}"
                _status, headers, body = fetch(url)
                if cache_on:
                    # Each worker has its own local-memory cache: prime them all.
                    hits = [fetch(url)[1].get("X-Page-Cache") for _ in range(8)]
                    if "hit" not in hits:
                        sys.exit(f"{url} is not served from the page cache")
                if page == "landing":
                    landing_html, landing_headers = body, headers
                first = None if cache_on else first_render_ms(env, url)
                result = wrk(url)
                log(
                    f"{label:5} {mode} {page:9} {result['rps']:8.0f} req/s "
                    f"p50 {result['p50']:6.2f} ms p99 {result['p99']:6.2f} ms"
                )
                rows.append(
                    {"data": label, "mode": mode, "page": page, "path": path, "first": first}
                    | result
                )
                if cache_on and page == "landing" and after_warm_landing:
                    # The ceiling right after the landing page: both see the same load.
                    after_warm_landing(landing_html, landing_headers)
    return rows, landing_html


def measure_nginx(html):
    with static_nginx(html) as url:
        result = wrk(url)
    log(f"nginx static landing {result['rps']:8.0f} req/s p99 {result['p99']:6.2f} ms")
    return result


@contextlib.contextmanager
def static_nginx(html):
    """The URL of nginx (2 workers) serving `html` as a static file, while it runs."""
    root = Path(tempfile.mkdtemp(prefix="wego-bench-nginx-"))
    root.chmod(0o755)
    (root / "landing.html").write_bytes(html)
    (root / "landing.html").chmod(0o644)
    conf = root / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log {root}/access.log;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  default_type text/html;
  server {{
    listen 127.0.0.1:{NGINX_PORT};
    root {root};
    location / {{ try_files /landing.html =404; }}
  }}
}}
"""
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(root), "-g", "daemon off;"],
        start_new_session=True,
    )
    with nginx_running(process, root, f"http://127.0.0.1:{NGINX_PORT}/") as url:
        yield url


@contextlib.contextmanager
def nginx_running(process, root, url):
    """`url` once nginx answers it; then nginx is stopped and its folder removed."""
    try:
        for _ in range(50):
            try:
                fetch(url)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)


# Headers gunicorn writes itself; the ceiling app sends the page's others.
GUNICORN_HEADERS = {"server", "date", "connection", "content-length", "transfer-encoding"}


def measure_warm_shares(env, site_port, html, headers):
    """{name: [req/s per round]} for the warm landing page ("site"), the same bytes from
    a WSGI app that does nothing else under the same gunicorn ("gunicorn", its ceiling),
    and nginx serving them as a static file ("nginx"), in alternating short runs, so the
    drift of the shared cores falls on all three alike."""
    page = RESULTS / "ceiling-page.json"
    page.write_text(
        json.dumps(
            {
                "headers": [
                    [name, value]
                    for name, value in headers.items()
                    if name.lower() not in GUNICORN_HEADERS
                ],
                "body": html.decode(),
            }
        )
    )
    ceiling_env = {**env, "BENCH_CEILING_PAGE": str(page)}
    rps = {"site": [], "gunicorn": [], "nginx": []}
    with (
        Server(
            ceiling_env,
            PORT + 2,
            False,
            RESULTS / "gunicorn-ceiling.log",
            app="bench.ceiling_app:application",
        ),
        static_nginx(html) as static_url,
    ):
        urls = {
            "site": f"http://127.0.0.1:{site_port}/",
            "gunicorn": f"http://127.0.0.1:{PORT + 2}/",
            "nginx": static_url,
        }
        for _ in range(PAIRED_ROUNDS):
            for name, url in urls.items():
                rps[name].append(wrk(url, PAIRED_DURATION)["rps"])
    log(f"warm landing against its ceilings (req/s per round): {rps}")
    return rps


def measure_pairs(seed_env, large_env):
    """{page: (seed p50, large p50)} for every page: medians of alternating cold runs on
    both servers."""
    pages = discover_urls(seed_env)
    pairs = {}
    with (
        Server(seed_env, PORT, False, RESULTS / "gunicorn-seed-paired.log"),
        Server(large_env, PORT + 1, False, RESULTS / "gunicorn-large-paired.log"),
    ):
        for page, path in pages:
            p50 = {PORT: [], PORT + 1: []}
            for _ in range(PAIRED_ROUNDS):
                for port in p50:
                    url = f"http://127.0.0.1:{port}{path}"
                    fetch(url)
                    p50[port].append(wrk(url, PAIRED_DURATION)["p50"])
            pairs[page] = (statistics.median(p50[PORT]), statistics.median(p50[PORT + 1]))
            log(f"paired {page}: seed {p50[PORT]} ms, large {p50[PORT + 1]} ms (p50s)")
    return pairs


def measure_front_cache(upstream_port):
    """The landing page through deploy/nginx.conf itself (its plain-HTTP copy from
    deploy/render_nginx.py, two workers like the static ceiling), from its front cache."""
    root = Path(tempfile.mkdtemp(prefix="wego-bench-front-"))
    root.chmod(0o755)
    render_nginx.render(
        root,
        https_port=FRONT_PORT,
        http_port=FRONT_PORT + 1,
        upstream=f"127.0.0.1:{upstream_port}",
        plain=True,
        workers=2,
    )
    process = render_nginx.start(root)
    with nginx_running(process, root, f"http://127.0.0.1:{FRONT_PORT}/") as url:
        if fetch(url)[1].get("X-Cache-Status") != "HIT":
            sys.exit(f"{url} is not served from nginx's front cache")
        result = wrk(url)
    log(f"nginx front cache landing {result['rps']:8.0f} req/s p99 {result['p99']:6.2f} ms")
    return result
