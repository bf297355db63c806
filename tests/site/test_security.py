"""Production settings: HTTPS, strict headers on every response, safe cookies, healthz."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-like-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "training.example.org",
}


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "wego_site.settings", **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_defaults_are_strict():
    script = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
        "'session': [s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE],"
        "'csrf': [s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE],"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'debug': s.DEBUG,"
        "'page_cache': s.PAGE_CACHE_ENABLED}))"
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


def test_admin_url_prefix_comes_from_the_environment():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_manage("shell", "--no-imports", "-c", script, DJANGO_ADMIN_URL="office-7f3a/")
    assert result.stdout.strip().splitlines()[-1] == "/office-7f3a/"
    bad = run_manage("check", DJANGO_ADMIN_URL="/admin")
    assert bad.returncode != 0
    assert "DJANGO_ADMIN_URL" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_security_headers_on_every_kind_of_response(client, seed):
    for url in ["/", "/news/", "/no-such-page/", "/healthz", "/admin/login/"]:
        response = client.get(url, secure=True)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        hsts = response["Strict-Transport-Security"]
        assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'none'"], url
        scripts = policy.get("script-src", policy["default-src"])
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, url
        assert response["X-Frame-Options"] == "DENY", url


def test_plain_http_is_redirected_to_https_behind_the_proxy(client, seed, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/news/?page=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/news/?page=1"
    assert client.get("/news/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    # Load balancers probe over plain HTTP.
    assert client.get("/healthz").status_code == 200


def test_unknown_host_gets_400(client, seed):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/healthz", HTTP_HOST="evil.example").status_code == 400


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]


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


def test_a_cached_page_keeps_every_security_header(client, seed, settings):
    settings.PAGE_CACHE_ENABLED = True
    rendered = client.get("/news/", secure=True)
    cached = client.get("/news/", secure=True)
    assert (rendered["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    for header in [
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "Content-Type",
        "ETag",
    ]:
        assert cached[header] == rendered[header], header
    # Plain HTTP has its own cache entries: no HSTS header leaks into them.
    assert "Strict-Transport-Security" not in client.get("/news/")
    assert "Strict-Transport-Security" not in client.get("/news/")


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
