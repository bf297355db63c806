"""Fixtures for the deployment checks (marker `deploy`, run by `make deploy-check` and CI).

They start real processes: `make serve` with only the variables it requires (and where to
keep this copy's files), behind nginx running deploy/nginx.conf with its ports and paths
filled in. Where nginx or openssl is missing they are skipped, unless CI (CI=true or
REQUIRE_BROWSER=1) makes that a failure.
"""

import os
import secrets
import shutil
import subprocess

import pytest
from django_otp.util import random_hex

from tests.deploy import stack

PORT_BASE = int(os.environ.get("DEPLOY_PORT_BASE", "8150"))
PASSWORD = "a-long-editor-password-1"


def require(condition, message):
    if condition:
        return
    if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (CI makes this a failure)")
    pytest.skip(message)


def database_for(name):
    """A new, empty database: PostgreSQL when DATABASE_URL points at it, else SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        server, database = url.rsplit("/", 1)
        target = f"{database}_{name}"
        subprocess.run(
            [
                "psql",
                "-q",
                f"{server}/postgres",
                "-c",
                f'DROP DATABASE IF EXISTS "{target}"',
                "-c",
                f'CREATE DATABASE "{target}"',
            ],
            check=True,
            capture_output=True,
        )
        return f"{server}/{target}"
    return None


EDITOR_SCRIPT = """
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wego_site.core.roles import EDITOR_GROUP
user = User.objects.create_user("editor", "editor@example.org", {password!r}, is_staff=True)
user.groups.add(Group.objects.get(name=EDITOR_GROUP))
TOTPDevice.objects.create(user=user, name="phone", key={key!r}, confirmed=True)
codes = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
for code in {codes!r}:
    codes.token_set.create(token=code)
"""


def prepare(env, key, codes):
    stack.manage(env, "migrate", "--noinput", "-v0")
    stack.manage(env, "load_seed")
    stack.manage(
        env,
        "shell",
        "--no-imports",
        stdin=EDITOR_SCRIPT.format(password=PASSWORD, key=key, codes=codes),
    )


class Site:
    """A running stack and what the tests need to know about it."""

    def __init__(self, root, env, https_port, http_port, key, codes):
        self.root, self.env = root, env
        self.https_port, self.http_port = https_port, http_port
        self.totp_key, self.recovery_codes = key, list(codes)

    def visitor(self, address="127.0.0.1"):
        return stack.Visitor(self.https_port, address)

    def totp_code(self):
        from django_otp.oath import totp

        return f"{totp(bytes.fromhex(self.totp_key)):06d}"

    def recovery_code(self):
        return self.recovery_codes.pop()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    require(shutil.which("nginx"), "nginx is not installed (apt-get install nginx-light)")
    require(shutil.which("openssl"), "openssl is not installed")
    root = tmp_path_factory.mktemp("deploy")
    (root / "nginx" / "media").mkdir(parents=True)
    gunicorn, https_port, http_port = PORT_BASE, PORT_BASE + 1, PORT_BASE + 2
    database = database_for("deploy") or f"sqlite:///{root}/db.sqlite3"
    env = stack.serve_env(database, gunicorn, root)
    key = random_hex(20)
    codes = [secrets.token_hex(5) for _ in range(8)]
    prepare(env, key, codes)
    server = stack.make_serve(env, root / "gunicorn.log")
    proxy = stack.start_nginx(
        root / "nginx",
        https_port=https_port,
        http_port=http_port,
        upstream=f"127.0.0.1:{gunicorn}",
        static_root=env["DJANGO_STATIC_ROOT"],
    )
    try:
        visitor = stack.Visitor(https_port)
        stack.wait_until(lambda: visitor.get("/healthz")[0] == 200, "the site behind nginx")
        yield Site(root, env, https_port, http_port, key, codes)
    finally:
        proxy.stop()
        server.stop()
