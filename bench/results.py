# ruff: noqa: S603, S607 - runs our own tools against loopback addresses only
"""The verdicts against the targets, the machine they were measured on, and the table
written between the markers in docs/performance.md."""

import os
import platform
import re
import statistics
import subprocess
from pathlib import Path

from common import (
    BASE_DIR,
    COLD_TARGETS,
    DOC,
    DURATION,
    END,
    PAIRED_DURATION,
    PAIRED_ROUNDS,
    PG,
    RATIO_LIMIT,
    START,
    WORKERS,
    log,
)


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


def median_share(shares, part, whole):
    """The median over the alternating rounds of part's req/s as a share of whole's."""
    return statistics.median(p / w for p, w in zip(shares[part], shares[whole], strict=True))


def verdicts(rows, nginx, pairs, front, shares):
    checks = []
    share = median_share(shares, "site", "nginx")
    checks.append(
        (
            "warm landing ≥ 8% of nginx static (paired)",
            f"{share:.1%} (median of {PAIRED_ROUNDS} alternating {PAIRED_DURATION} runs each: "
            f"{statistics.median(shares['site']):.0f} / "
            f"{statistics.median(shares['nginx']):.0f} req/s)",
            share >= 0.08,
        )
    )
    front_share = front["rps"] / nginx["rps"]
    checks.append(
        (
            "landing through nginx's front cache ≥ 50% of nginx static",
            f"{front_share:.1%} ({front['rps']:.0f} / {nginx['rps']:.0f} req/s)",
            front_share >= 0.5,
        )
    )
    for page, target in COLD_TARGETS.items():
        cold = next(
            (r for r in rows if (r["data"], r["mode"], r["page"]) == ("seed", "cold", page)), None
        )
        checks.append(
            (
                f"cold {page} ≥ {target} req/s",
                f"{cold['rps']:.0f} req/s" if cold else "no such page",
                cold["rps"] >= target if cold else None,
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
    for page, (seed, large) in pairs.items():
        checks.append(
            (
                f"{page}: large ≤ {RATIO_LIMIT} × seed (cold p50, paired)",
                f"{large / seed:.2f}× ({large:.1f} vs {seed:.1f} ms, medians of "
                f"{PAIRED_ROUNDS} alternating {PAIRED_DURATION} runs each)",
                large / seed <= RATIO_LIMIT,
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


def report(rows, nginx, checks, started, machine_info, front, shares):
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
        f"| nginx | landing through deploy/nginx.conf, front cache | `/` | | | | "
        f"| {front['rps']:.0f} | {front['p50']:.1f} ms | {front['p99']:.1f} ms |",
        "",
        "The warm landing page against its ceilings, in alternating "
        f"{PAIRED_DURATION} runs ({PAIRED_ROUNDS} rounds, req/s): the site "
        f"{', '.join(f'{r:.0f}' for r in shares['site'])}; the same bytes and headers from a "
        "WSGI app that does nothing else, under the same gunicorn "
        f"{', '.join(f'{r:.0f}' for r in shares['gunicorn'])}; nginx static "
        f"{', '.join(f'{r:.0f}' for r in shares['nginx'])}. The site answers "
        f"{median_share(shares, 'site', 'gunicorn'):.0%} of gunicorn's own ceiling, which is "
        f"{median_share(shares, 'gunicorn', 'nginx'):.1%} of nginx static.",
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
