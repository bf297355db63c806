"""deploy/nginx.conf and its test copy (deploy/render_nginx.py), without starting nginx."""

import re
import shutil
import subprocess
import sys

import pytest

from deploy import render_nginx


def test_the_production_file_holds_what_the_docs_promise():
    text = render_nginx.PRODUCTION.read_text()
    for line in [
        "client_max_body_size 25m;",
        "proxy_request_buffering on;",
        "client_header_timeout 10s;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_cache_bypass $cookie_sessionid;",
        "proxy_no_cache $cookie_sessionid;",
        "return 301 https://$host$request_uri;",
        "ssl_certificate /etc/ssl/wego/fullchain.pem;",
        "internal;",
    ]:
        assert line in text, line


def test_the_copy_only_fills_in_placeholders(tmp_path):
    render_nginx.render(
        tmp_path, https_port=8443, http_port=8080, upstream="127.0.0.1:9000", plain=True
    )
    copy = (tmp_path / "wego.conf").read_text()
    directives = "\n".join(line for line in copy.splitlines() if not line.lstrip().startswith("#"))
    assert "server 127.0.0.1:9000;" in copy
    assert "listen 127.0.0.1:8443;" in copy
    assert "/srv/wego" not in directives and "training.we-gov.org" not in directives
    assert "client_max_body_size 25m;" in copy
    if shutil.which("nginx"):
        result = subprocess.run(  # noqa: S603 - nginx -t on the copy
            ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr


def test_a_placeholder_gone_from_the_file_stops_the_copy(tmp_path, monkeypatch):
    changed = tmp_path / "nginx.conf"
    changed.write_text(render_nginx.PRODUCTION.read_text())
    changed.write_text(changed.read_text().replace("server 127.0.0.1:8000;", "server unix:/run/g;"))
    monkeypatch.setattr(render_nginx, "PRODUCTION", changed)
    with pytest.raises(SystemExit, match=re.escape("server 127.0.0.1:8000;")):
        render_nginx.render(tmp_path / "out", https_port=1, http_port=2, upstream="x:1", plain=True)


def test_the_readmes_local_copy_serves_the_sites_own_media_and_error_pages(tmp_path):
    """README's way to see `make serve` with its pictures: nginx's /media/ is the site's
    MEDIA_ROOT, its error pages the site's STATIC_ROOT/error-pages/."""
    media, static = tmp_path / "site-media", tmp_path / "site-static"
    subprocess.run(  # noqa: S603 - the command as README prints it
        [
            sys.executable,
            str(render_nginx.__file__),
            str(tmp_path / "nginx"),
            "--https-port",
            "8443",
            "--http-port",
            "8080",
            "--upstream",
            "127.0.0.1:8000",
            "--media-root",
            str(media),
            "--static-root",
            str(static),
        ],
        check=True,
        capture_output=True,
    )
    copy = (tmp_path / "nginx" / "wego.conf").read_text()
    assert f"alias {media}/;" in copy
    assert f"alias {static}/error-pages/;" in copy
