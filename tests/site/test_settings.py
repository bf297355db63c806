"""Settings come from the environment: production values by default, a misconfiguration
stops start-up with one clear line, never a traceback."""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from wego_site.environment import env_bool

BASE_DIR = Path(__file__).resolve().parents[2]
# A scratch database for the commands these tests run, never the developer's db.sqlite3.
SCRATCH_DATABASE_URL = "sqlite:///" + str(Path(tempfile.gettempdir()) / "wego-run-manage.sqlite3")
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-like-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "training.example.org",
}


def run_manage(*args, production=True, **env):
    """manage.py in a fresh process with the real settings and only the given environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base = PRODUCTION_ENV if production else {}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "wego_site.settings",
            "DATABASE_URL": SCRATCH_DATABASE_URL,
            **base,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS is not set"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG='maybe' is not a boolean"),
        (
            {"DJANGO_DEBUG": "1", "DATABASE_URL": "nosuchdb://x"},
            "DATABASE_URL is not a database URL",
        ),
    ],
)
def test_misconfiguration_is_one_clear_line(env, message):
    result = run_manage("check", production=False, **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_readme_names_the_words_a_switch_accepts(monkeypatch):
    readme = " ".join((BASE_DIR / "README.md").read_text().split())
    sentence = re.search(r"A switch \(`DJANGO_DEBUG` and every other\)[^.]*\.", readme)
    assert sentence, "the README says how a switch is written"
    on, off = (
        re.findall(r"`([^`]+)`", part)
        for part in sentence.group(0).split(" is on for ")[1].split(" and off for ")
    )
    assert on and off
    for words, expected in ((on, True), (off, False)):
        for word in words:
            for typed in (word, word.upper()):
                monkeypatch.setenv("SWITCH", typed)
                assert env_bool("SWITCH") is expected, typed
    monkeypatch.setenv("SWITCH", "2")
    with pytest.raises(SystemExit):
        env_bool("SWITCH")


def test_debug_mode_starts_without_a_secret():
    result = run_manage("check", production=False, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_defaults_are_strict():
    script = (
        "from django.conf import settings as s; import json; "
        "from django.core.files.storage import storages; media = storages['default']; "
        "print(json.dumps({"
        "'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
        "'session': [s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE],"
        "'csrf': [s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE],"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'debug': s.DEBUG,"
        "'page_cache': s.PAGE_CACHE_ENABLED,"
        "'media': [type(media).__name__, media.url('news/a.jpg')]}))"
    )
    result = run_manage("shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["ssl"] is True
    assert values["hsts"] >= 31536000
    assert values["session"] == [True, True, "Lax"]
    assert values["csrf"] == [True, True, "Lax"]
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["page_cache"] is True
    # Uploads are files on disk unless shared storage is configured (next test).
    assert values["media"] == ["FileSystemStorage", "/media/news/a.jpg"]


def test_s3_compatible_storage_from_the_environment():
    show_storage = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "p = storages['private']; "
        "print(type(s).__name__, s.url('news/a.jpg'), p.bucket_name, p.querystring_auth)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show_storage,
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="wego-media",
        AWS_PRIVATE_STORAGE_BUCKET_NAME="wego-documents",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "http://127.0.0.1:9000/wego-media/news/a.jpg",
        "wego-documents",  # applicants' documents: a private bucket of their own
        "True",  # never an unsigned URL
    ]


def test_persistent_connections_are_checked_before_reuse():
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    persistent = run_manage("shell", "--no-imports", "-c", show, DJANGO_CONN_MAX_AGE="60")
    assert persistent.stdout.split() == ["60", "True"], persistent.stderr
    per_request = run_manage("shell", "--no-imports", "-c", show)
    assert per_request.stdout.split() == ["0", "False"], per_request.stderr


@pytest.mark.parametrize(
    ("buckets", "message"),
    [
        ({}, "needs AWS_STORAGE_BUCKET_NAME"),
        ({"AWS_STORAGE_BUCKET_NAME": "wego-media"}, "needs AWS_PRIVATE_STORAGE_BUCKET_NAME"),
        (
            {"AWS_STORAGE_BUCKET_NAME": "wego", "AWS_PRIVATE_STORAGE_BUCKET_NAME": "wego"},
            "must be a bucket of its own",
        ),
    ],
)
def test_s3_without_its_buckets_is_one_clear_line(buckets, message):
    result = run_manage("check", DJANGO_MEDIA_STORAGE="s3", **buckets)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_admin_url_prefix_comes_from_the_environment():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_manage("shell", "--no-imports", "-c", script, DJANGO_ADMIN_URL="office-7f3a/")
    assert result.stdout.strip().splitlines()[-1] == "/office-7f3a/"
    bad = run_manage("check", DJANGO_ADMIN_URL="/admin")
    assert bad.returncode != 0
    assert "DJANGO_ADMIN_URL" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.django_db
def test_static_files_are_hashed_compressed_and_cached_for_a_year(client, tmp_path, settings):
    result = run_manage("collectstatic", "--noinput", DJANGO_STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (tmp_path / f"{hashed}.gz").exists()

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    response = client.get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert int(cache_control.split("max-age=")[1].split(",")[0]) >= 31536000


def test_make_serve_names_the_missing_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        # -o: never (re)install from here, only check what serve checks first.
        ["make", "--no-print-directory", "-o", ".venv/.installed", "serve"],  # noqa: S607
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "set DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS first" in result.stderr


def test_gunicorn_opens_a_control_socket_only_where_told(monkeypatch):
    """Its default, ~/.gunicorn/gunicorn.ctl, would be shared by two servers of one user."""
    import runpy

    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    assert runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["control_socket_disable"] is True
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/wego/gunicorn.ctl")
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert config["control_socket_disable"] is False
    assert config["control_socket"] == "/run/wego/gunicorn.ctl"


def test_gunicorns_access_log_keeps_no_query_string(monkeypatch):
    """As nginx's log: the confirmation link's token (?t=) and search terms (?q=) stay out,
    of the request and of the referring address."""
    import datetime as dt
    import runpy
    from types import SimpleNamespace

    from gunicorn.config import Config

    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "-")
    settings_file = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    config = Config()
    for name in ("accesslog", "access_log_format", "logger_class"):
        if name in settings_file:
            config.set(name, settings_file[name])
    logger = config.logger_class(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/programs/p/e/apply/sent/?t=NTE:secret-token",
        "PATH_INFO": "/programs/p/e/apply/sent/",
        "QUERY_STRING": "t=NTE:secret-token",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://example.org/search/?q=Applicant+Name",
        "HTTP_USER_AGENT": "test",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, dt.timedelta(0))
    line = config.access_log_format % atoms
    assert '"GET /programs/p/e/apply/sent/ HTTP/1.1" 200' in line
    assert '"https://example.org/search/"' in line
    assert "secret" not in line and "Applicant" not in line
