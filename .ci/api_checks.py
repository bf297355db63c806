# ruff: noqa: S603, S310 - runs our own tools against loopback addresses only
"""CI: the open data checked against its own descriptions, on a served site.

Serves the seed with `make demo`'s sample call and an application to it the way
production does (gunicorn, debug off) on a loopback port, then:
- schemathesis reads the OpenAPI description at /api/v1/schema/ and sends every
  endpoint generated requests, valid and not: no server error, and every answer (its
  status, headers, content type and body) matches the description;
- `frictionless validate` reads /data/datapackage.json and every CSV file it names:
  each file matches its table schema;
- the applicant's name and address appear in no API answer or data file.

About a minute. Environment: API_CHECKS_PORT (default 8190), API_CHECKS_EXAMPLES
(schemathesis's examples per operation, default 15), CHECKS_KEEP=1 to keep the work
folder (database, logs, schemathesis's report) and print where it is.
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

STARTED = time.monotonic()
BIN = BASE_DIR / ".venv" / "bin"
PORT = int(os.environ.get("API_CHECKS_PORT", "8190"))
EXAMPLES = os.environ.get("API_CHECKS_EXAMPLES", "15")
APPLICANT = {"name": "Applicant Of The Api Checks", "email": "api-checks-applicant@example.org"}

# An application to the demo call, made as the form would store it.
APPLICATION_SCRIPT = f"""
from django.core.files.base import ContentFile
from django.utils import timezone
from applications.models import Application, Call
call = Call.objects.get(edition__program__is_sample=True)
Application.objects.create(
    call=call, name={APPLICANT["name"]!r}, email={APPLICANT["email"]!r}, country="KE",
    position="Officer", organisation="Api Checks City Hall", city="Api Checks City",
    motivation="Motivation.", plans="Plans.", consented_at=timezone.now(),
    document=ContentFile(b"%PDF-1.4 a document", name="document.pdf"),
)
"""


def log(message):
    print(f"[api checks {time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


def wait_for(url, server):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not server.running():
            sys.exit("gunicorn stopped at start-up")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {url}")


def fetch_all(base):
    """Every API list in full and every data file, as text."""
    with urllib.request.urlopen(base + "/api/v1/", timeout=10) as response:
        root = json.load(response)
    urls = [url + "?page_size=200" for url in root["endpoints"].values()]
    urls += [base + "/data/datapackage.json"]
    with urllib.request.urlopen(base + "/data/datapackage.json", timeout=10) as response:
        urls += [base + "/data/" + r["path"] for r in json.load(response)["resources"]]
    texts = {}
    for url in urls:
        with urllib.request.urlopen(url, timeout=10) as response:
            texts[url] = response.read().decode()
    return root, texts


def main():
    work = Path(tempfile.mkdtemp(prefix="wego-api-checks-"))
    env = production_env(
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_STATIC_MANIFEST="0",
        DATABASE_URL=f"sqlite:///{work}/db.sqlite3",
        MEDIA_ROOT=str(work / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(work / "private"),
        DJANGO_PAGE_CACHE_GENERATION_FILE=str(work / "generation"),
        # schemathesis sends thousands of requests from one address.
        DJANGO_OPEN_DATA_API_RATE="100000/min",
        PORT=str(PORT),
        WEB_CONCURRENCY="2",
    )
    manage = [str(BIN / "python"), "manage.py"]
    failures = []
    try:
        log("migrate, load the seed and the demo call, apply to it")
        run([*manage, "migrate", "--noinput", "-v0"], env=env)
        run([*manage, "load_seed"], env=env, stdout=subprocess.DEVNULL)
        run([*manage, "load_demo"], env=env, stdout=subprocess.DEVNULL)
        run([*manage, "shell", "--no-imports", "-c", APPLICATION_SCRIPT], env=env)
        base = f"http://127.0.0.1:{PORT}"
        with Background(
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py"],
            env=env,
            log=work / "gunicorn.log",
        ) as server:
            wait_for(base + "/api/v1/", server)
            root, texts = fetch_all(base)
            log(f"/api/v1/ lists {', '.join(root['endpoints'])}")
            leaks = [
                url for url, text in texts.items() if any(v in text for v in APPLICANT.values())
            ]
            if leaks:
                failures.append(f"the applicant appears in {', '.join(leaks)}")
            log(
                f"the applicant appears in none of {len(texts)} answers and files"
                if not leaks
                else failures[-1]
            )

            log(f"schemathesis: every operation of {base}/api/v1/schema/, {EXAMPLES} examples each")
            schemathesis = subprocess.run(
                [
                    str(BIN / "schemathesis"),
                    "run",
                    f"{base}/api/v1/schema/",
                    "--checks",
                    "all",
                    "--max-examples",
                    EXAMPLES,
                    "--workers",
                    "2",
                    "--seed",
                    "24",
                    "--no-color",
                    "--report",
                    "junit",
                    "--report-dir",
                    str(work / "schemathesis"),
                ],
                cwd=work,
            )
            if schemathesis.returncode:
                failures.append("schemathesis found failures (above)")

            log("frictionless validate /data/datapackage.json")
            frictionless = subprocess.run(
                [str(BIN / "frictionless"), "validate", f"{base}/data/datapackage.json"],
                cwd=work,
            )
            if frictionless.returncode:
                failures.append("frictionless: the data package is not valid (above)")
    finally:
        if os.environ.get("CHECKS_KEEP") == "1":
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit("API checks failed: " + "; ".join(failures))
    log("API checks passed")


if __name__ == "__main__":
    main()
