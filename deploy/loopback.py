"""The site served the production way on this machine's loopback ports, for the tools
that measure or check it: `make bench` (bench/), the page checks (.ci/page_checks.py)
and the deployment tests (tests/deploy/). They share the environment `make serve` is
given and one way to run a command and to start and stop a server in the background.
"""

import os
import secrets
import signal
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Settings the caller's shell or .env may hold; none of them reaches the served site.
CALLER_SETTINGS = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "PORT", "WEB_CONCURRENCY")


def production_env(**values):
    """The environment for `make serve` or gunicorn with debug off: none of the caller's
    site settings, a fresh secret key, the loopback host names and gunicorn logging only
    warnings; `values` adds to it or overrides it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(CALLER_SETTINGS)}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        GUNICORN_LOG_LEVEL="warning",
    )
    env.update(values)
    return env


def run(args, env=None, **kwargs):
    """Run a command in the project folder; a failure raises CalledProcessError."""
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, text=True, **kwargs)


class Background:
    """A command run in the project folder in a process group of its own, its output
    written to `log` (a path) or dropped. `stop()`, or leaving a `with` block, ends the
    whole group: SIGTERM, then SIGKILL after `grace` seconds."""

    def __init__(self, args, env=None, log=None, grace=15):
        self.grace = grace
        self.log = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            args,
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process.poll() is None

    def stop(self):
        if self.running():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=self.grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.log is not subprocess.DEVNULL:
            self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
