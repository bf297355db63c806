#!/usr/bin/env bash
# `make bench`: load-test the main pages with wrk and write docs/performance.md.
# Installs wrk and nginx from Debian when missing, then runs bench/bench.py, which
# prepares the PostgreSQL databases, starts gunicorn (2 sync workers) and nginx on
# loopback ports, measures, prints a table and stops everything it started; then
# bench/rush.py, the deadline rush on the application form.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
.venv/bin/python bench/bench.py "$@"
# The deadline rush: applications under load while a worker dies (docs/performance.md).
exec .venv/bin/python bench/rush.py
