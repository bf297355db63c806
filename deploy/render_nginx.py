"""A runnable test copy of deploy/nginx.conf, for CI (tests/deploy/) and `make bench`.

The production file is used as it is, with only its placeholders replaced: the host name,
ports, the certificate (a self-signed one made here with openssl), the upstream and the
folders; one addition, `/_test/status/NNN`, answers each status nginx has an error page
for, so the checks can see each page. Every placeholder must still be in the file, so a change to it that the tests
would no longer cover stops them with a message instead.

    python deploy/render_nginx.py DIR --https-port 8151 --http-port 8152 --upstream 127.0.0.1:8150
    nginx -p DIR -c DIR/nginx.conf

`--plain` gives the same server over plain HTTP (no TLS, X-Forwarded-Proto: https), as
the benchmark uses it to compare with nginx serving a static file.

To browse the site as in production on one machine, with its pictures (nginx serves
/media/, not gunicorn), point it at the site's folders and `make serve` (docs/deployment.md):

    python deploy/render_nginx.py /tmp/wego-nginx --https-port 8443 --http-port 8080 \
        --upstream 127.0.0.1:8000 --media-root "$PWD/media" --static-root "$PWD/staticfiles"
"""

import argparse
import os
import shutil
import subprocess
from pathlib import Path

PRODUCTION = Path(__file__).resolve().parent / "nginx.conf"

MAIN = """\
{user}
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  {mime_types}
  default_type application/octet-stream;
  sendfile on;
  access_log off;
  client_body_temp_path {root}/tmp/body;
  proxy_temp_path {root}/tmp/proxy;
  fastcgi_temp_path {root}/tmp/fastcgi;
  uwsgi_temp_path {root}/tmp/uwsgi;
  scgi_temp_path {root}/tmp/scgi;
  include {root}/wego.conf;
}}
"""


def replace(text, old, new):
    if old not in text:
        raise SystemExit(f"deploy/nginx.conf no longer contains {old!r}: update {__file__}")
    return text.replace(old, new)


def self_signed_certificate(root):
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


ERROR_STATUSES = (400, 403, 404, 413, 429, 500, 502, 503, 504)


def render(
    root,
    *,
    https_port,
    http_port,
    upstream,
    plain=False,
    workers=1,
    access_log=False,
    static_root=None,
    media_root=None,
):
    """Write root/nginx.conf (main) and root/wego.conf (the production file, filled in).
    `static_root`: the site's STATIC_ROOT, whose error-pages/ nginx shows; `media_root`:
    the site's MEDIA_ROOT, served under /media/ (root/media/ when not given)."""
    root = Path(root)
    for folder in ["tmp", "cache", "media", "private"]:
        (root / folder).mkdir(parents=True, exist_ok=True)
    text = PRODUCTION.read_text()
    text = "\n".join(line for line in text.splitlines() if "[::]" not in line) + "\n"
    text = replace(text, "server 127.0.0.1:8000;", f"server {upstream};")
    text = replace(text, "training.we-gov.org;", "localhost 127.0.0.1;")
    text = replace(text, "/var/cache/nginx/wego ", f"{root}/cache ")
    text = replace(text, "/srv/wego/media/", f"{media_root or root / 'media'}/")
    text = replace(text, "/srv/wego/private/", f"{root}/private/")
    text = replace(
        text,
        "/srv/wego/staticfiles/error-pages/",
        f"{static_root or root / 'static'}/error-pages/",
    )
    probes = "".join(
        f"    location = /_test/status/{status} {{ return {status}; }}\n"
        for status in ERROR_STATUSES
    )
    text = replace(
        text, "    location /_error_pages/ {", probes + "\n    location /_error_pages/ {"
    )
    text = replace(
        text,
        "access_log /var/log/nginx/wego.access.log wego_access;",
        f"access_log {root}/access.log wego_access;" if access_log else "access_log off;",
    )
    text = replace(
        text, "listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"
    )
    text = replace(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    text = replace(
        text,
        "return 301 https://$host$request_uri;",
        f"return 301 https://$host:{https_port}$request_uri;",
    )
    # Browsers send the port in Origin when it is not 443; the site compares it with Host.
    text = replace(
        text, "proxy_set_header Host $host;", f"proxy_set_header Host $host:{https_port};"
    )
    if plain:
        text = replace(
            text, "    listen 443 ssl default_server;\n    ssl_reject_handshake on;\n", ""
        )
        text = replace(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port};")
        text = "\n".join(line for line in text.splitlines() if "ssl_" not in line) + "\n"
        text = replace(text, "X-Forwarded-Proto $scheme;", "X-Forwarded-Proto https;")
        text = replace(text, "$scheme$host$request_uri", "https$host$request_uri")
    else:
        cert, key = self_signed_certificate(root)
        text = replace(
            text,
            "listen 443 ssl default_server;",
            f"listen 127.0.0.1:{https_port} ssl default_server;",
        )
        text = replace(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        text = replace(text, "/etc/ssl/wego/fullchain.pem", str(cert))
        text = replace(text, "/etc/ssl/wego/privkey.pem", str(key))
    (root / "wego.conf").write_text(text)
    mime_types = Path("/etc/nginx/mime.types")
    (root / "nginx.conf").write_text(
        MAIN.format(
            user="user root;" if os.geteuid() == 0 else "",
            workers=workers,
            root=root,
            mime_types=f"include {mime_types};" if mime_types.exists() else "",
        )
    )
    return root / "nginx.conf"


def start(root):
    """Start nginx in the foreground on the rendered copy; the caller stops it."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    root = Path(root)
    return subprocess.Popen(
        [nginx, "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"],
        start_new_session=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--static-root", type=Path, help="the site's STATIC_ROOT")
    parser.add_argument("--media-root", type=Path, help="the site's MEDIA_ROOT")
    args = parser.parse_args()
    print(
        render(
            args.root,
            https_port=args.https_port,
            http_port=args.http_port,
            upstream=args.upstream,
            plain=args.plain,
            workers=args.workers,
            static_root=args.static_root and args.static_root.resolve(),
            media_root=args.media_root and args.media_root.resolve(),
        )
    )


if __name__ == "__main__":
    main()
