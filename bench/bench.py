"""The benchmark behind `make bench` (run through bench/run.sh).

For the seed data and for a large synthetic data set (generate_bench_data), both on
PostgreSQL, it starts gunicorn with 2 sync workers the way `make serve` does, and drives
load with wrk (2 threads, 20 connections) on the landing page, a program page, an
edition page, the news list, a news post, a search, the places' map (/cities/), a
city's page and its country's, and the API's list of editions:
- cold: the page cache off (DJANGO_PAGE_CACHE=0), so every request runs its view and
  renders its template. What a view keeps per content generation (`per_generation`: the
  landing's data, the news totals) is computed once per worker and change, so the cold
  run also reports "first render": the time of one request right after a content
  change (a new generation), the median of three;
- warm: the page cache on and primed.
Then nginx serves the saved landing HTML as a static file: the ceiling of this machine;
and the landing page is measured through the shipped deploy/nginx.conf (a plain-HTTP
copy from deploy/render_nginx.py) from its front cache, as a share of that ceiling; and
the warm landing page, gunicorn's own ceiling (bench/ceiling_app.py: the same bytes from
an app that does nothing) and nginx static in alternating short runs, which judge the
warm-landing target.
Last, the large-against-seed targets (news list, search) are measured in pairs: both
servers up at once, short cold runs alternating seed and large, the median p50 of each
side, so that the shared machine's drift falls on both sides alike.
Results are printed and written between the markers in docs/performance.md.

Environment: BENCH_DURATION (default 10s), BENCH_PG (server URL without database),
BENCH_DB_PREFIX (default wego_bench), BENCH_PORT (default 8110; +1 per server),
BENCH_NGINX_PORT (default 8120), BENCH_FRONT_PORT (default 8122), BENCH_WORKERS (default 2), BENCH_WAIT_FOR_QUIET
(seconds to wait for a load average under 1 before starting; default 0),
BENCH_PAIRED_ROUNDS (default 3) and BENCH_PAIRED_DURATION (default 5s).
Every request sends X-Forwarded-Proto: https, as the TLS proxy in front would.
`bench/run.sh --front-cache` measures only the front cache against the ceiling (seed data).
The parts: common.py (settings, gunicorn, wrk), measure.py, results.py (targets, report).
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DB_PREFIX, PORT, PYTHON, RESULTS, Server, fetch, log, prepare_database, run
from measure import (
    measure_dataset,
    measure_front_cache,
    measure_nginx,
    measure_pairs,
    measure_warm_shares,
)
from results import machine, report, verdicts


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
    nginx, front, shares = {}, {}, {}

    def after_warm_landing(html, headers):
        # The ceilings and the front cache right after the landing page: the same load.
        nginx.update(measure_nginx(html))
        front.update(measure_front_cache(PORT))
        shares.update(measure_warm_shares(seed_env, PORT, html, headers))

    rows, _ = measure_dataset("seed", seed_env, PORT, after_warm_landing)
    large_rows, _ = measure_dataset("large", large_env, PORT + 1)
    pairs = measure_pairs(seed_env, large_env)
    checks = verdicts(rows + large_rows, nginx, pairs, front, shares)
    report(rows + large_rows, nginx, checks, started, machine_info, front, shares)


def front_cache_only():
    """`bench/run.sh --front-cache`: only the landing page through nginx's front cache
    against nginx serving it as a static file, on the seed data; nothing is written."""
    RESULTS.mkdir(exist_ok=True)
    env = prepare_database(f"{DB_PREFIX}_seed", large=False)
    run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    with Server(env, PORT, True, RESULTS / "gunicorn-front-cache.log"):
        html = fetch(f"http://127.0.0.1:{PORT}/")[2]
        nginx, front = measure_nginx(html), measure_front_cache(PORT)
    log(
        f"front cache {front['rps']:.0f} req/s = {front['rps'] / nginx['rps']:.1%} of nginx "
        f"static {nginx['rps']:.0f} req/s (target: 50%)"
    )


if __name__ == "__main__":
    front_cache_only() if "--front-cache" in sys.argv[1:] else main()
