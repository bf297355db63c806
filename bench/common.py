# ruff: noqa: S603, S607, S310 - runs our own tools against loopback addresses only
"""What every part of the benchmark shares: settings from the environment, running
manage.py, the databases, one request, gunicorn as `make serve` starts it, and wrk."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.loopback import BASE_DIR, Background, production_env, run

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
# Requests/s every page must reach with the page cache off, on the seed data.
COLD_TARGETS = {
    "landing": 200,
    "program": 250,
    "edition": 150,
    "news list": 350,
    "news post": 240,
    "search": 80,
}
# Every page's cold p50 on the large data set, at most this many times its p50 on the seed.
RATIO_LIMIT = 1.5
RESULTS = BASE_DIR / "bench-results"
DOC = BASE_DIR / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
HTTPS = {"X-Forwarded-Proto": "https"}
FRONT_PORT = int(os.environ.get("BENCH_FRONT_PORT", "8122"))


URLS_SCRIPT = """
from django.urls import Resolver404, resolve
from news.models import Post
from programs.models import Edition, Place, Program
program = Program.objects.published().exclude(slug__startswith="bench-").filter(editions__isnull=False).first()
edition = Edition.objects.published().exclude(program__slug__startswith="bench-").order_by("-start_date").first()
post = Post.objects.published().exclude(slug__startswith="bench-").first()
print("landing", "/")
print("program", program.get_absolute_url())
print("edition", edition.get_absolute_url())
print("news list", "/news/")
print("news post", post.get_absolute_url())
print("cities", "/cities/")
place = Place.objects.took_part().drawable().select_related("country").order_by("slug").first()
if place is not None:
    print("city", place.get_absolute_url())
    if place.country.code:
        print("country", place.country.get_absolute_url())
try:
    resolve("/search/")
    print("search", "/search/?q=smart+city")
except Resolver404:
    pass
try:
    resolve("/api/v1/editions/")
    print("api editions", "/api/v1/editions/")
except Resolver404:
    pass
"""


def log(message):
    print(f"[bench] {message}", flush=True)


def base_env(database):
    return production_env(
        DATABASE_URL=f"{PG}/{database}",
        DJANGO_CONN_MAX_AGE="60",
        DJANGO_STATIC_ROOT=str(RESULTS / "static"),
        # wrk sends every request from one address: the API's per-address limit would
        # answer most of them with 429.
        DJANGO_OPEN_DATA_API_RATE="1000000/min",
    )


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
    """[(label, path)]: each line URLS_SCRIPT prints, "label /path"."""
    output = run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", URLS_SCRIPT],
        env=env,
        capture_output=True,
    ).stdout
    return re.findall(r"^([a-z][a-z ]*) (/\S*)$", output, flags=re.M)


def fetch(url, headers=HTTPS):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


class Server:
    """gunicorn started as `make serve` starts it, once it answers /healthz; `app`
    replaces the site's WSGI app."""

    def __init__(self, env, port, page_cache, log_path, app=None, workers=WORKERS):
        self.port = port
        self.args = [str(GUNICORN), "--config", "gunicorn.conf.py", *([app] if app else [])]
        self.env = {
            **env,
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
            "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
        }
        self.log_path = log_path
        self.process = None

    @property
    def pid(self):
        return self.process.pid

    def __enter__(self):
        self.process = Background(self.args, self.env, self.log_path)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.running():
            try:
                if fetch(f"http://127.0.0.1:{self.port}/healthz")[0] == 200:
                    return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        self.process.stop()
        sys.exit(f"gunicorn did not answer /healthz on port {self.port}; see {self.log_path}")

    def __exit__(self, *exc):
        self.process.stop()


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
