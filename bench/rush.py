# ruff: noqa: S603, S607 - runs our own tools against loopback addresses only
"""A deadline rush: many applications at once while a gunicorn worker dies.

Run by `make bench` after bench/bench.py (or alone: `.venv/bin/python bench/rush.py`).
On a fresh PostgreSQL database with the seed and `load_demo`'s open call, gunicorn (debug off,
BENCH_RUSH_WORKERS sync workers, default 3) takes BENCH_RUSH_SUBMISSIONS applications
(default 300) from BENCH_RUSH_CLIENTS concurrent clients (default 20), after a dozen
openings of the form have warmed the workers (as days of serving it would). Each client opens
the form (GET, for its CSRF token), then sends it with a one-page PDF. When half have
been sent, one worker is killed (SIGKILL) mid-flight; gunicorn starts another.

A client whose send failed (the connection died with the worker) sends once more, as a
person would; a "received already" answer then means the first one was stored.

Checked afterwards, in the database: every application that got a confirmation is
stored exactly once, no address is stored twice, and every stored application has its
confirmation email in the queue. The form's and the send's p50/p99 are printed and
written between the rush markers in docs/performance.md. Exit status 1 if a check fails.

Environment: BENCH_PG, BENCH_RUSH_PORT (default 8117), BENCH_RUSH_DB (default
wego_bench_rush).
"""

import http.cookiejar
import io
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
from urllib3 import encode_multipart_formdata

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BASE_DIR, PG, RESULTS, Server, base_env, run

PYTHON = BASE_DIR / ".venv" / "bin" / "python"
PORT = int(os.environ.get("BENCH_RUSH_PORT", "8117"))
DB = os.environ.get("BENCH_RUSH_DB", "wego_bench_rush")
SUBMISSIONS = int(os.environ.get("BENCH_RUSH_SUBMISSIONS", "300"))
# The form and its submission answer within this at the 99th percentile, under the rush.
P99_TARGET_MS = 300
CLIENTS = int(os.environ.get("BENCH_RUSH_CLIENTS", "20"))
WORKERS = os.environ.get("BENCH_RUSH_WORKERS", "3")
DOC = BASE_DIR / "docs" / "performance.md"
START, END = "<!-- rush:start -->", "<!-- rush:end -->"
APPLY_PATH = "/programs/sample-program-demo/sample-edition/apply/"

CHECK_SCRIPT = """
from applications.models import Application
from post_office.models import Email
import json
apps = list(Application.objects.values_list("reference", "email"))
queued = {tuple(e.to)[0] for e in Email.objects.all() if e.to}
print(json.dumps({"applications": apps, "queued": sorted(queued)}))
"""


def log(message):
    print(f"[rush] {message}", flush=True)


def one_page_pdf():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def environment(private_root):
    env = base_env(DB)
    env.update(
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_PRIVATE_MEDIA_ROOT=str(private_root),
        # Every client comes from 127.0.0.1: the per-address limit would stop the rush.
        DJANGO_APPLICATION_RATE="100000/h",
        DJANGO_APPLICATION_ATTEMPT_RATE="100000/h",
    )
    return env


def quietly(args, env):
    return run(args, env=env, capture_output=True)


def prepare(env):
    log(f"database {DB}: create, migrate, load_seed, load_demo")
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{PG}/postgres"]
    quietly([*psql, "-c", f'DROP DATABASE IF EXISTS "{DB}"', "-c", f'CREATE DATABASE "{DB}"'], env)
    quietly([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], env)
    quietly([str(PYTHON), "manage.py", "load_seed"], env)  # the countries to choose from
    quietly([str(PYTHON), "manage.py", "load_demo"], env)
    quietly([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env)


class Client:
    """One browser: its own cookies, a GET of the form, then the POST."""

    def __init__(self):
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect
        )

    def get_form(self):
        started = time.perf_counter()
        with self.opener.open(f"http://127.0.0.1:{PORT}{APPLY_PATH}", timeout=30) as response:
            html = response.read().decode()
        elapsed = time.perf_counter() - started
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return token, elapsed

    def send(self, token, email, pdf, country):
        fields = {
            "csrfmiddlewaretoken": token,
            "honorific": "Dr.",
            "name": "Rush Applicant",
            "position": "Officer",
            "organisation": "Rush City Hall",
            "city": "Rush City",
            "country": country,
            "email": email,
            "motivation": "Deadline rush.",
            "plans": "Benchmark.",
            "consent": "on",
            "website_address": "",
            "document": ("cv.pdf", pdf, "application/pdf"),
        }
        body, content_type = encode_multipart_formdata(fields)
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}{APPLY_PATH}",
            data=body,
            headers={"Content-Type": content_type, "Referer": f"http://127.0.0.1:{PORT}/"},
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as answer:
            status, location = answer.code, answer.headers.get("Location", "")
            text = answer.read().decode(errors="replace")
        return status, location, text, time.perf_counter() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def confirmation_reference(client, location):
    with client.opener.open(f"http://127.0.0.1:{PORT}{location}", timeout=30) as response:
        html = response.read().decode()
    return re.search(r'class="reference">([A-Z0-9-]+)<', html).group(1)


def worker_pids(master_pid):
    out = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True)
    return [int(pid) for pid in out.stdout.split()]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def warm_up():
    """Open the form a few times at once before the clock starts: at a real deadline the
    workers have served it for days. (The worker started after the kill begins cold, as
    it would.) Without this, the first 20 requests, all at once, queue behind each
    worker's first render and are the slowest of the run."""
    with ThreadPoolExecutor(int(WORKERS) * 2) as pool:
        list(pool.map(lambda _: Client().get_form(), range(int(WORKERS) * 4)))


def rush(master_pid, pdf, country):
    results, lock = (
        {"form": [], "send": [], "confirmed": {}, "retried": 0, "errors": []},
        threading.Lock(),
    )
    sent = {"count": 0, "killed": None}

    def apply(n):
        email = f"rush-{n}@example.org"
        client = Client()
        for attempt in (1, 2):
            try:
                token, form_time = client.get_form()
                with lock:
                    sent["count"] += 1
                    if sent["killed"] is None and sent["count"] >= SUBMISSIONS // 2:
                        victim = worker_pids(master_pid)[0]
                        os.kill(victim, signal.SIGKILL)
                        sent["killed"] = victim
                status, location, text, send_time = client.send(token, email, pdf, country)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                with lock:
                    results["retried"] += 1
                if attempt == 2:
                    with lock:
                        results["errors"].append(f"{email}: {error}")
                continue
            with lock:
                results["form"].append(form_time)
                results["send"].append(send_time)
            if status == 302:
                reference = confirmation_reference(client, location)
                with lock:
                    results["confirmed"][email] = reference
                return
            if "has been received already" in text:
                return  # the first try was stored; its confirmation was lost with the worker
            with lock:
                results["errors"].append(f"{email}: HTTP {status}")
            return

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(apply, range(SUBMISSIONS)))
    return results, sent["killed"]


def check(env, results):
    import json

    out = quietly(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", CHECK_SCRIPT], env
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    stored = data["applications"]
    by_reference = dict(stored)
    emails = [email for _, email in stored]
    problems = []
    for email, reference in results["confirmed"].items():
        if by_reference.get(reference) != email:
            problems.append(f"confirmed {reference} ({email}) is not stored")
    if len(stored) != SUBMISSIONS:
        problems.append(f"{len(stored)} stored for {SUBMISSIONS} sent")
    if len(emails) != len(set(emails)):
        problems.append("an address is stored twice")
    missing_mail = set(emails) - set(data["queued"])
    if missing_mail:
        problems.append(f"{len(missing_mail)} stored application(s) without a queued email")
    return stored, problems


def write_doc(lines):
    text = DOC.read_text()
    block = f"{START}\n" + "\n".join(lines) + f"\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), block, text, flags=re.S)
    else:
        text += "\n## The deadline rush (`bench/rush.py`)\n\n" + block + "\n"
    DOC.write_text(text)


def main():
    RESULTS.mkdir(exist_ok=True)
    private_root = Path(tempfile.mkdtemp(prefix="wego-rush-"))
    env = environment(private_root)
    prepare(env)
    country = "KR"  # the form takes an ISO 3166 code
    pdf = one_page_pdf()
    with Server(env, PORT, True, RESULTS / "gunicorn-rush.log", workers=WORKERS) as server:
        log(f"{SUBMISSIONS} applications from {CLIENTS} clients, {WORKERS} workers")
        warm_up()
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        results, killed = rush(server.pid, pdf, country)
        wall = time.perf_counter() - started
    stored, problems = check(env, results)
    problems += results["errors"]
    ms = {
        name: (percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000)
        for name, values in (("form", results["form"]), ("send", results["send"]))
    }
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {SUBMISSIONS} "
        f"applications from {CLIENTS} concurrent clients to {WORKERS} gunicorn sync workers "
        f"(PostgreSQL), one worker killed (SIGKILL, pid {killed}) halfway; {wall:.1f} s in all, "
        f"{SUBMISSIONS / wall:.0f} applications/s; load average {load_before:.1f} when it began.",
        "",
        "| request | p50 | p99 | mean |",
        "| --- | --- | --- | --- |",
        f"| the form (GET) | {ms['form'][0]:.0f} ms | {ms['form'][1]:.0f} ms | {statistics.mean(results['form']) * 1000:.0f} ms |",
        f"| sending it (POST, with a PDF) | {ms['send'][0]:.0f} ms | {ms['send'][1]:.0f} ms | {statistics.mean(results['send']) * 1000:.0f} ms |",
        "",
        f"Confirmed: {len(results['confirmed'])}; stored: {len(stored)}; sends retried after "
        f"the worker died: {results['retried']}; problems: "
        + (
            "none: every confirmed application is stored once and has its email queued."
            if not problems
            else "; ".join(problems[:10])
        ),
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
        *(
            f"| {label} p99 < {P99_TARGET_MS} ms | {ms[name][1]:.0f} ms "
            f"| {'yes' if ms[name][1] < P99_TARGET_MS else '**no**'} |"
            for name, label in (("form", "the form"), ("send", "sending it"))
        ),
    ]
    print("\n".join(lines))
    write_doc(lines)
    shutil.rmtree(private_root, ignore_errors=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
