"""An nginx front cache in front of the site honours its Cache-Control.

Starts nginx as a caching reverse proxy before the live test server: a public page is a
cache HIT the second time; a signed-in editor's answer, the admin and /healthz never
are. Skipped where nginx is not installed (`apt-get install nginx-light`).
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.contrib.auth import get_user_model

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed"),
]

NGINX_CONF = """
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  proxy_cache_path {root}/cache levels=1:2 keys_zone=pages:1m max_size=10m inactive=10m;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://{upstream};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_cache pages;
      proxy_cache_key $scheme$host$request_uri;
      # Signed-in editors always reach the site and their answers are never stored.
      proxy_cache_bypass $cookie_sessionid;
      proxy_no_cache $cookie_sessionid;
      add_header X-Cache-Status $upstream_cache_status always;
    }}
  }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def front_cache(live_server, tmp_path):
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            root=tmp_path,
            port=port,
            upstream=live_server.url.removeprefix("http://"),
        )
    )
    process = subprocess.Popen(  # noqa: S603 - nginx with our own config file
        ["nginx", "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],  # noqa: S607
        stderr=subprocess.PIPE,
    )
    base = f"http://localhost:{port}"
    for _ in range(50):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5)  # noqa: S310 - loopback
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers


def test_public_page_is_a_hit_the_second_time(front_cache, seed):
    assert get(front_cache + "/news/")["X-Cache-Status"] == "MISS"
    second = get(front_cache + "/news/")
    assert second["X-Cache-Status"] == "HIT"
    assert "public" in second["Cache-Control"]


def test_staff_answers_admin_and_healthz_are_never_kept(front_cache, seed, client):
    editor = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    for _ in range(2):
        staff = get(front_cache + "/programs/", cookie=cookie)
        assert staff["X-Cache-Status"] == "BYPASS"
        assert "no-store" in staff["Cache-Control"]
    assert get(front_cache + "/programs/")["X-Cache-Status"] == "MISS", "staff answer was kept"

    for url in ["/admin/login/", "/healthz"]:
        statuses = {get(front_cache + url)["X-Cache-Status"] for _ in range(2)}
        assert "HIT" not in statuses, url
