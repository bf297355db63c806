# ruff: noqa: S603, S607, S310 - runs our own tools against loopback addresses only
"""CI: the Nu HTML checker over every page shape, Lighthouse on three pages.

Serves the seed the way production does — gunicorn (debug off, collected static files)
behind nginx, which serves the uploaded media (social cards) and compresses answers —
on loopback ports, then:
- saves every page shape (each list, each kind of detail page, a year, a tag, a search,
  the 404 page) and runs vnu (the Nu HTML checker) over them: zero errors;
- runs Lighthouse (headless Chromium) on the landing page, an edition and a post:
  100 in accessibility, best practices and SEO, at least 95 in performance (timed on
  shared cores; 100 on a quiet machine).

Needs .ci/node_modules (vnu-jar, lighthouse: `npm ci --prefix .ci`), a Java runtime,
nginx and Chromium; .ci/run installs them. Environment: CHECKS_PORT (default 8180; nginx
listens on the next port), CHROME_PATH (default /usr/bin/chromium), CHECKS_KEEP=1 to keep
the work folder (pages, reports, logs) and print where it is.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.loopback import BASE_DIR, Background, production_env, run

CI_DIR = BASE_DIR / ".ci"
STARTED = time.monotonic()
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
VNU = CI_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = CI_DIR / "node_modules" / ".bin" / "lighthouse"
PORT = int(os.environ.get("CHECKS_PORT", "8180"))
NGINX_PORT = PORT + 1
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The lowest score each category may have: 100, but for performance, which Lighthouse
# times on CI's shared cores. A page must reach 95 in one of PERFORMANCE_TRIES runs;
# every score is printed.
LOWEST_SCORE = {"performance": 0.95}
PERFORMANCE_TRIES = 3
# Lighthouse emulates a low-end phone by slowing the CPU down 4 times, right for a host
# whose benchmark index is about 4 × that phone's (264, DevTools' "low-tier" score). On a
# slower moment of shared cores the same landing page fell from 100 to 89, so a page that
# misses is measured again with the slowdown its host's benchmark index calls for (never
# more than 4): the same phone emulated, whatever the host's speed at that moment.
PHONE_BENCHMARK_INDEX = 264
DEFAULT_CPU_SLOWDOWN = 4  # Lighthouse's own, for its mobile emulation

# Page shapes beyond tests.public_urls (every list without arguments, the first
# row of each content type, a search): a kind, the years, a tag, and a missing page.
URLS_SCRIPT = """
from news.models import Post
from programs.models import Edition, ProgramKind
from testimonials.models import Testimonial
from tests.public_urls import public_urls
post = Post.objects.published().first()
tag = post.tags.first()
edition = Edition.objects.published().filter(program__kind=ProgramKind.JOINT_WORKSHOP).first()
urls = public_urls() + [
    "/programs/kind/regional/",
    f"/programs/archive/{edition.start_date.year}/",
    edition.get_absolute_url(),
    f"/news/{post.published_at.year}/",
    f"/news/tag/{tag.slug}/",
    f"/testimonials/{Testimonial.objects.published().first().year}/",
    "/no-such-page/",
]
print(json.dumps({"pages": list(dict.fromkeys(urls)), "edition": edition.get_absolute_url(),
                  "post": post.get_absolute_url()}))
"""

NGINX_CONF = """
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    types {{ image/png png; image/jpeg jpg; image/webp webp; }}
    gzip on;
    gzip_types text/css application/xml application/rss+xml application/atom+xml text/plain;
    server {{
        listen 127.0.0.1:{nginx_port};
        location /media/ {{
            alias {media}/;
            expires 1d;
            add_header X-Content-Type-Options nosniff;
        }}
        location / {{
            proxy_pass http://127.0.0.1:{port};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto http;
        }}
    }}
}}
"""


def log(message):
    print(f"[page checks {time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


def site_env(work):
    return production_env(
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DATABASE_URL=f"sqlite:///{work}/db.sqlite3",
        MEDIA_ROOT=str(work / "media"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        PORT=str(PORT),
        WEB_CONCURRENCY="2",
    )


def prepare(env):
    manage = [str(PYTHON), "manage.py"]
    log("migrate, load the seed, draw the cards, collect static files")
    run([*manage, "migrate", "--noinput", "-v0"], env=env)
    run([*manage, "load_seed"], env=env, stdout=subprocess.DEVNULL)
    run([*manage, "make_cards"], env=env)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env)
    script = "import json\n" + URLS_SCRIPT
    output = run([*manage, "shell", "--no-imports", "-c", script], env=env, capture_output=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def wait_for(url, process, name):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not process.running():
            sys.exit(f"{name} stopped at start-up")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    sys.exit(f"{name} did not answer {url}")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_html(base, pages, work):
    folder = work / "pages"
    folder.mkdir()
    files = []
    for number, path in enumerate(pages):
        status, body = fetch(base + path)
        expected = 404 if path == "/no-such-page/" else 200
        if status != expected:
            sys.exit(f"{path} answered {status}, not {expected}")
        if not body.lstrip().lower().startswith(b"<!doctype html"):
            continue  # robots.txt, feeds, calendars, the sitemap, the icon
        target = folder / f"{number:02d}.html"
        target.write_bytes(body)
        files.append((path, target))
    log(f"vnu over {len(files)} page shapes: {', '.join(path for path, _ in files)}")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *[str(target) for _, target in files],
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    names = {str(target): path for path, target in files}
    for message in messages:
        where = names.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        log(f"vnu: {where} line {message.get('lastLine')}: {message.get('message')}")
    if messages or result.returncode:
        sys.exit(f"vnu found {len(messages)} error(s)")
    log("vnu: 0 errors")


def lighthouse(base, label, path, work, attempt, cpu_slowdown=DEFAULT_CPU_SLOWDOWN):
    """(scores, failures, the host's benchmark index) of one Lighthouse run."""
    report = work / f"lighthouse-{label}-{attempt}.json"
    run(
        [
            str(LIGHTHOUSE),
            base + path,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
            "--disable-background-networking --disable-component-update --disable-sync "
            "--no-first-run",
            f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:.2f}",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
    )
    data = json.loads(report.read_text())
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    summary = ", ".join(f"{name} {round(score * 100)}" for name, score in scores.items())
    benchmark = data["environment"]["benchmarkIndex"]
    log(
        f"lighthouse {label} {path}: {summary} "
        f"(CPU slowdown {cpu_slowdown:.2f}, host benchmark index {benchmark:.0f})"
    )
    failures = []
    for name, score in scores.items():
        if score < LOWEST_SCORE.get(name, 1):
            audits = (data["audits"][ref["id"]] for ref in data["categories"][name]["auditRefs"])
            failing = [a["id"] for a in audits if a["score"] not in (1, None)]
            failures.append(f"{label} {name} {round(score * 100)}: {', '.join(failing)}")
    return scores, failures, benchmark


def check_lighthouse(base, targets, work):
    """Each page 100 in every category (performance at least 95, see LOWEST_SCORE). A
    page that misses performance alone is measured again (PERFORMANCE_TRIES), as is
    a run Lighthouse itself gives up on ("Something went wrong with recording the trace
    over your page load. Please run Lighthouse again.")."""
    failures = []
    for label, path in targets:
        cpu_slowdown = DEFAULT_CPU_SLOWDOWN
        for attempt in range(1, PERFORMANCE_TRIES + 1):
            try:
                scores, page_failures, benchmark = lighthouse(
                    base, label, path, work, attempt, cpu_slowdown
                )
            except subprocess.CalledProcessError:
                log(f"lighthouse {label} {path}: the run failed (its error is above)")
                page_failures = [f"{label}: Lighthouse itself failed on try {attempt}"]
                continue
            only_timing = all(
                score >= LOWEST_SCORE.get(name, 1)
                for name, score in scores.items()
                if name != "performance"
            )
            if not page_failures or not only_timing:
                break
            cpu_slowdown = min(DEFAULT_CPU_SLOWDOWN, max(1, benchmark / PHONE_BENCHMARK_INDEX))
        failures += page_failures
    if failures:
        sys.exit("Lighthouse below its lowest scores: " + "; ".join(failures))


def main():
    for tool in (VNU, LIGHTHOUSE):
        if not tool.exists():
            sys.exit(f"{tool} is missing: run `npm ci --prefix .ci` (.ci/run does)")
    work = Path(tempfile.mkdtemp(prefix="wego-page-checks-"))
    work.chmod(0o755)  # nginx's workers (another user) read the media from here
    env = site_env(work)
    urls = prepare(env)
    (work / "media").mkdir(exist_ok=True)
    conf = work / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(work=work, media=work / "media", port=PORT, nginx_port=NGINX_PORT)
    )
    try:
        with Background(
            [str(GUNICORN), "--config", "gunicorn.conf.py"], env, work / "gunicorn.log"
        ) as gunicorn:
            wait_for(f"http://127.0.0.1:{PORT}/healthz", gunicorn, "gunicorn")
            with Background(
                ["nginx", "-c", str(conf), "-p", str(work)], env, work / "nginx.log"
            ) as nginx:
                base = f"http://127.0.0.1:{NGINX_PORT}"
                wait_for(base + "/healthz", nginx, "nginx")
                check_html(base, urls["pages"], work)
                pages = [("landing", "/"), ("edition", urls["edition"]), ("post", urls["post"])]
                check_lighthouse(base, pages, work)
    finally:
        if os.environ.get("CHECKS_KEEP") == "1":
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    log("all passed")


if __name__ == "__main__":
    main()
