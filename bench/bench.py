# ruff: noqa: S603, S607, S310 - runs our own tools against loopback addresses only
"""The benchmark behind `make bench` (run through bench/run.sh).

For the seed data and for a large synthetic data set (generate_bench_data), both on
PostgreSQL, it starts gunicorn with 2 sync workers the way `make serve` does, and drives
load with wrk (2 threads, 20 connections) on the landing page, a program page, an
edition page, the news list, a news post and a search:
- cold: the page cache off (DJANGO_PAGE_CACHE=0), so every request runs its view and
  renders its template. What a view keeps per content generation (`per_generation`: the
  landing's data, the news totals) is computed once per worker and change, so the cold
  run also reports "first render": the time of one request right after a content
  change (a new generation), the median of three;
- warm: the page cache on and primed.
Then nginx serves the saved landing HTML as a static file: the ceiling of this machine.
Last, the large-against-seed targets (news list, search) are measured in pairs: both
servers up at once, short cold runs alternating seed and large, the median p50 of each
side, so that the shared machine's drift falls on both sides alike.
Results are printed and written between the markers in docs/performance.md.

Environment: BENCH_DURATION (default 10s), BENCH_PG (server URL without database),
BENCH_DB_PREFIX (default wego_bench), BENCH_PORT (default 8110; +1 per server),
BENCH_NGINX_PORT (default 8120), BENCH_WORKERS (default 2), BENCH_WAIT_FOR_QUIET
(seconds to wait for a load average under 1 before starting; default 0),
BENCH_PAIRED_ROUNDS (default 3) and BENCH_PAIRED_DURATION (default 5s).
Every request sends X-Forwarded-Proto: https, as the TLS proxy in front would.
"""

import datetime as dt
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
DURATION = os.environ.get("BENCH_DURATION", "10s")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "wego_bench")
PORT = int(os.environ.get("BENCH_PORT", "8110"))
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT", "8120"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
PAIRED_ROUNDS = int(os.environ.get("BENCH_PAIRED_ROUNDS", "3"))
PAIRED_DURATION = os.environ.get("BENCH_PAIRED_DURATION", "5s")
RATIO_PAGES = ("news list", "search")
RESULTS = BASE_DIR / "bench-results"
DOC = BASE_DIR / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
HTTPS = {"X-Forwarded-Proto": "https"}

URLS_SCRIPT = """
from django.urls import Resolver404, resolve
from news.models import Post
from programs.models import Edition, Program
program = Program.objects.published().exclude(slug__startswith="bench-").filter(editions__isnull=False).first()
edition = Edition.objects.published().exclude(program__slug__startswith="bench-").order_by("-start_date").first()
post = Post.objects.published().exclude(slug__startswith="bench-").first()
print("landing", "/")
print("program", program.get_absolute_url())
print("edition", edition.get_absolute_url())
print("news list", "/news/")
print("news post", post.get_absolute_url())
try:
    resolve("/search/")
    print("search", "/search/?q=smart+city")
except Resolver404:
    pass
"""


def log(message):
    print(f"[bench] {message}", flush=True)


def run(args, env=None, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, text=True, **kwargs)


def base_env(database):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"{PG}/{database}",
        DJANGO_CONN_MAX_AGE="60",
        DJANGO_STATIC_ROOT=str(RESULTS / "static"),
    )
    return env


def prepare_database(name, large):
    log(f"database {name}: create, migrate, load the seed" + (", generate" if large else ""))
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{PG}/postgres"]
    run([*psql, "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"'])
    env = base_env(name)
    manage = [str(PYTHON), "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env=env)
    run([*manage, "load_seed"], env=env, stdout=subprocess.DEVNULL)
    if large:
        run([*manage, "generate_bench_data"], env=env)
    run([*psql[:-1], f"{PG}/{name}", "-c", "VACUUM ANALYZE"])
    return env


def discover_urls(env):
    output = run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", URLS_SCRIPT],
        env=env,
        capture_output=True,
    ).stdout
    pages = []
    for line in output.splitlines():
        for label in ("landing", "program", "edition", "news list", "news post", "search"):
            if line.startswith(label + " /"):
                pages.append((label, line[len(label) + 1 :]))
    return pages


def fetch(url, headers=HTTPS):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


class Server:
    def __init__(self, env, port, page_cache, log_path):
        self.port = port
        self.env = {
            **env,
            "PORT": str(port),
            "WEB_CONCURRENCY": WORKERS,
            "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
            "GUNICORN_LOG_LEVEL": "warning",
        }
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(GUNICORN), "--config", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if fetch(f"http://127.0.0.1:{self.port}/healthz")[0] == 200:
                    return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        self.__exit__()
        sys.exit(f"gunicorn did not answer /healthz on port {self.port}; see {self.log_path}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def wrk(url, duration=DURATION):
    result = subprocess.run(
        ["wrk", "-t2", "-c20", f"-d{duration}", "--latency", "-H", "X-Forwarded-Proto: https", url],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(result.stdout)


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


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
    rows = []
    pages = discover_urls(env)
    log(f"{label}: pages {', '.join(url for _, url in pages)}")
    landing_html = None
    for mode, cache_on in (("cold", False), ("warm", True)):
        with Server(env, port, cache_on, RESULTS / f"gunicorn-{label}-{mode}.log"):
            for page, path in pages:
                url = f"http://127.0.0.1:{port}{path}"
                _status, _headers, body = fetch(url)
                if cache_on:
                    # Each worker has its own local-memory cache: prime them all.
                    hits = [fetch(url)[1].get("X-Page-Cache") for _ in range(8)]
                    if "hit" not in hits:
                        sys.exit(f"{url} is not served from the page cache")
                if page == "landing":
                    landing_html = body
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
                    after_warm_landing(landing_html)
    return rows, landing_html


def measure_nginx(html):
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
    try:
        url = f"http://127.0.0.1:{NGINX_PORT}/"
        for _ in range(50):
            try:
                fetch(url)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        result = wrk(url)
        log(f"nginx static landing {result['rps']:8.0f} req/s p99 {result['p99']:6.2f} ms")
        return result
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    postgres = subprocess.run(
        ["psql", "-tA", f"{PG}/postgres", "-c", "SHOW server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout.strip()
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"load average before the run {' '.join(load)}; "
        f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.1f} GiB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"PostgreSQL {postgres}, commit {commit or 'unknown'}"
    )


def measure_pairs(seed_env, large_env):
    """{page: (seed p50, large p50)}: medians of alternating cold runs on both servers."""
    pages = [(page, path) for page, path in discover_urls(seed_env) if page in RATIO_PAGES]
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


def verdicts(rows, nginx, pairs):
    def row(data, mode, page):
        return next(r for r in rows if (r["data"], r["mode"], r["page"]) == (data, mode, page))

    checks = []
    warm_landing = row("seed", "warm", "landing")
    share = warm_landing["rps"] / nginx["rps"]
    checks.append(
        (
            "warm landing ≥ 8% of nginx static",
            f"{share:.1%} ({warm_landing['rps']:.0f} / {nginx['rps']:.0f} req/s)",
            share >= 0.08,
        )
    )
    cold_landing = row("seed", "cold", "landing")
    checks.append(
        (
            "cold landing ≥ 200 req/s",
            f"{cold_landing['rps']:.0f} req/s",
            cold_landing["rps"] >= 200,
        )
    )
    warm = [r for r in rows if r["mode"] == "warm"]
    worst = max(warm, key=lambda r: r["p99"])
    checks.append(
        (
            "warm p99 < 50 ms on every page",
            f"worst {worst['p99']:.1f} ms ({worst['data']} {worst['page']})",
            worst["p99"] < 50,
        )
    )
    for page in RATIO_PAGES:
        name = f"{page}: large ≤ 1.5 × seed (cold p50, paired)"
        if page not in pairs:
            checks.append((name, "no such page yet", None))
            continue
        seed, large = pairs[page]
        checks.append(
            (
                name,
                f"{large / seed:.2f}× ({large:.1f} vs {seed:.1f} ms, medians of "
                f"{PAIRED_ROUNDS} alternating {PAIRED_DURATION} runs each)",
                large / seed <= 1.5,
            )
        )
    errors = [r for r in rows if r["non2xx"] or r["socket_errors"]]
    checks.append(
        (
            "no error answers under load",
            ", ".join(f"{r['data']} {r['mode']} {r['page']}" for r in errors) or "none",
            not errors,
        )
    )
    return checks


def report(rows, nginx, checks, started, machine_info):
    lines = [
        START,
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `make bench` on: {machine_info}.",
        f"gunicorn with {WORKERS} sync workers, wrk with 2 threads and 20 connections, "
        f"{DURATION} per run, on the same machine.",
        "",
        "| data | page | URL | first render | cold req/s | cold p50 | cold p99 "
        "| warm req/s | warm p50 | warm p99 |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for data in ("seed", "large"):
        for page in dict.fromkeys(r["page"] for r in rows if r["data"] == data):
            cold = next(
                r for r in rows if (r["data"], r["mode"], r["page"]) == (data, "cold", page)
            )
            warm = next(
                r for r in rows if (r["data"], r["mode"], r["page"]) == (data, "warm", page)
            )
            lines.append(
                f"| {data} | {page} | `{cold['path']}` | {cold['first']:.1f} ms "
                f"| {cold['rps']:.0f} | {cold['p50']:.1f} ms "
                f"| {cold['p99']:.1f} ms | {warm['rps']:.0f} | {warm['p50']:.1f} ms "
                f"| {warm['p99']:.1f} ms |"
            )
    lines += [
        f"| nginx | landing HTML as a static file | `/` | | | | | {nginx['rps']:.0f} "
        f"| {nginx['p50']:.1f} ms | {nginx['p99']:.1f} ms |",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    verdict = {True: "yes", False: "**no**", None: "n/a"}
    lines += [f"| {name} | {value} | {verdict[ok]} |" for name, value, ok in checks]
    lines.append(END)
    table = "\n".join(lines)
    print("\n" + table)
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + table + rest.split(END, 1)[1]
    else:
        text += "\n" + table + "\n"
    DOC.write_text(text)
    log(f"written to {DOC.relative_to(BASE_DIR)}")


def wait_for_a_quiet_machine():
    """The benchmark shares two cores with everything else: say so when they are busy."""
    patience = int(os.environ.get("BENCH_WAIT_FOR_QUIET", "0"))
    deadline = time.monotonic() + patience
    while True:
        load = float(Path("/proc/loadavg").read_text().split()[0])
        if load < 1.0:
            return
        if time.monotonic() >= deadline:
            log(
                f"warning: load average {load:.1f} on {os.cpu_count()} CPUs: other work will "
                "lower the numbers (BENCH_WAIT_FOR_QUIET=600 waits up to 600 s for quiet)"
            )
            return
        time.sleep(10)


def main():
    wait_for_a_quiet_machine()
    started = dt.datetime.now(dt.UTC)
    machine_info = machine()
    RESULTS.mkdir(exist_ok=True)
    seed_env = prepare_database(f"{DB_PREFIX}_seed", large=False)
    large_env = prepare_database(f"{DB_PREFIX}_large", large=True)
    log("collectstatic")
    run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env=seed_env)
    ceiling = {}
    rows, _ = measure_dataset(
        "seed", seed_env, PORT, lambda html: ceiling.update(measure_nginx(html))
    )
    large_rows, _ = measure_dataset("large", large_env, PORT + 1)
    pairs = measure_pairs(seed_env, large_env)
    nginx = ceiling
    checks = verdicts(rows + large_rows, nginx, pairs)
    report(rows + large_rows, nginx, checks, started, machine_info)


if __name__ == "__main__":
    main()
