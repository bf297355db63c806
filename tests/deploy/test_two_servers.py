"""Two app servers with no shared disk, on one PostgreSQL, one Redis and one S3 server.

Each `make serve` has its own media, private, static and temporary folders and its own
gunicorn control socket; all they share is what docs/deployment.md says machines share.
An edit, a scheduled post, a cover, an applicant's PDF and a social card made through one
are seen through the other; with the email sender running on both, each email goes out
once; a database restart costs no visitor a 500, and an outage gives the site's 503.

Needs DATABASE_URL pointing at PostgreSQL (CI's deployment step sets it), Redis
(DEPLOY_REDIS_URL, default redis://127.0.0.1:6379/15) and the `weed` S3 server (the dev
lock installs it; started here on DEPLOY_PORT_BASE + 20 …).
"""

import asyncio
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter

import pytest
from PIL import Image

from tests.deploy import stack
from tests.deploy.conftest import PASSWORD, PORT_BASE, database_for, prepare, require
from tests.deploy.s3_server import S3Server, weed_command

pytestmark = pytest.mark.deploy

REDIS_URL = os.environ.get("DEPLOY_REDIS_URL", "redis://127.0.0.1:6379/15")
SMTP_PORT = PORT_BASE + 10
RECOVERY_CODES = [f"two-servers-{n}" for n in range(1, 9)]


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


class Mailbox:
    """An SMTP server on loopback that keeps every message it receives."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.1)  # a mail server takes its time: senders overlap
        with self.lock:
            self.messages.append(envelope.content.decode(errors="replace"))
        return "250 OK"

    def subjects(self):
        with self.lock:
            return [re.search(r"^Subject: (.*)$", m, re.M)[1].strip() for m in self.messages]

    def stop(self):
        self.controller.stop()


class TwoServers:
    def __init__(self, envs, visitors, database, s3):
        self.envs, self.visitors, self.database, self.s3 = envs, visitors, database, s3

    def psql(self, sql, database="postgres"):
        server = self.database.rsplit("/", 1)[0]
        subprocess.run(["psql", "-q", f"{server}/{database}", "-c", sql], check=True)

    @property
    def database_name(self):
        return self.database.rsplit("/", 1)[1]

    def drop_connections(self):
        """What a PostgreSQL restart does to the app servers' connections."""
        self.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608 - our test database's name
            f"WHERE datname = '{self.database_name}' AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    require(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        "two app servers need PostgreSQL: set DATABASE_URL=postgres://...",
    )
    require(redis_answers(), f"two app servers need Redis at {REDIS_URL}")
    require(weed_command(), "two app servers need the S3 server `weed` (make install)")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    root = tmp_path_factory.mktemp("two-servers")
    s3 = S3Server(root / "s3", PORT_BASE + 20)
    mailbox = Mailbox(SMTP_PORT)
    database = database_for("two_servers")
    envs = []
    for port in [PORT_BASE + 3, PORT_BASE + 4]:
        own = root / f"server-{port}"  # this machine's disk: shared with no one
        (own / "tmp").mkdir(parents=True)
        env = stack.serve_env(
            database,
            port,
            own,
            REDIS_URL=REDIS_URL,
            DJANGO_CONN_MAX_AGE="60",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(SMTP_PORT),
            DJANGO_DEFAULT_FROM_EMAIL="training@example.org",
            GUNICORN_CONTROL_SOCKET=str(own / "gunicorn.ctl"),
            TMPDIR=str(own / "tmp"),
            **s3.env(),
        )
        env.pop("DJANGO_PRIVATE_MEDIA_ACCEL_PREFIX")  # the documents are in the bucket
        env["DJANGO_PAGE_CACHE_GENERATION_FILE"] = str(own / "generation")
        envs.append(env)
    prepare(envs[0], "00" * 20, RECOVERY_CODES)
    servers = [stack.make_serve(env, root / f"gunicorn-{env['PORT']}.log") for env in envs]
    try:
        visitors = [stack.Visitor(int(env["PORT"]), tls=False, proxied_https=True) for env in envs]
        for visitor in visitors:
            stack.wait_until(lambda v=visitor: v.get("/healthz")[0] == 200, "both app servers")
        site = TwoServers(envs, visitors, database, s3)
        site.mailbox = mailbox
        yield site
    finally:
        for server in servers:
            server.stop()
        mailbox.stop()
        s3.stop()


def sign_in(visitor):
    code = RECOVERY_CODES.pop()
    assert visitor.sign_in("editor", PASSWORD, code)[0] == 302
    return visitor


def test_each_server_keeps_its_own_control_socket(two_servers):
    # gunicorn's arbiter opens the socket beside its workers, once it is serving: a
    # moment after the first answer on a busy machine.
    for env in two_servers.envs:
        socket_path = env["GUNICORN_CONTROL_SOCKET"]
        stack.wait_until(lambda path=socket_path: os.path.exists(path), socket_path, 15)


def test_an_edit_through_one_is_seen_on_the_others_next_request(two_servers):
    env, (first, second) = two_servers.envs[0], two_servers.visitors
    post_id, url = stack.shell(
        env,
        "from news.models import Post; p = Post.objects.published().first(); "
        "print(p.pk, p.get_absolute_url())",
    ).split()
    for visitor in (first, second):
        for _ in range(3):  # cached by now, in Redis and in each worker's memos
            assert visitor.get(url)[0] == 200
        assert visitor.get(url)[1].get("X-Page-Cache") == "hit"
    editor = sign_in(stack.Visitor(first.port, tls=False, proxied_https=True))
    status, _, _ = editor.post(
        "/admin/news/post/",
        {"action": "unpublish", "_selected_action": post_id, "index": "0"},
        referer="/admin/news/post/",
    )
    assert status == 302
    assert first.get(url)[0] == 404
    assert second.get(url)[0] == 404, "the other server still shows the unpublished post"
    assert url not in second.get("/news/")[2]


def test_a_scheduled_post_appears_on_both_at_its_time(two_servers):
    env, visitors = two_servers.envs[0], two_servers.visitors
    due = stack.shell(
        env,
        "import datetime as dt; from django.utils import timezone; from news.models import Post; "
        "p = Post.objects.create(title='Scheduled for the deployment check', "
        "slug='scheduled-deployment-check', status='published', lede='Soon.', dateline='SEOUL', "
        "published_at=timezone.now() + dt.timedelta(seconds=12)); "
        "print(p.published_at.timestamp())",
    )
    for visitor in visitors:
        for _ in range(3):
            assert "scheduled-deployment-check" not in visitor.get("/news/")[2]
    time.sleep(max(float(due) - time.time(), 0) + 0.5)
    for visitor in visitors:
        assert "scheduled-deployment-check" in visitor.get("/news/")[2]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback S3
        return response.status, response.headers, response.read()


def test_a_cover_and_a_card_made_on_one_are_shown_by_the_other(two_servers):
    first, second = two_servers.visitors
    editor = sign_in(stack.Visitor(first.port, tls=False, proxied_https=True))
    picture = io.BytesIO()
    Image.new("RGB", (1400, 900), (30, 90, 160)).save(picture, "PNG")
    status, _, body = editor.post(
        "/admin/news/post/add/",
        {
            "title": "A cover through the first server",
            "slug": "cover-through-the-first-server",
            "status": "published",
            "published_at_0": time.strftime("%Y-%m-%d"),
            "published_at_1": "00:00:00",
            "cover_alt_text": "A blue rectangle",
            "dateline": "SEOUL",
            "lede": "Uploaded through one server, shown by the other.",
            "body": "",
            "new_tags": "",
            "_save": "Save",
        },
        files={"cover_image": ("cover.png", picture.getvalue(), "image/png")},
    )
    assert status == 302, body[:2000]
    url = stack.shell(
        two_servers.envs[1],
        "from news.models import Post; "
        "print(Post.objects.get(slug='cover-through-the-first-server').get_absolute_url())",
    )
    status, _, html = second.get(url)
    assert status == 200
    endpoint = two_servers.s3.endpoint
    pictures = set(re.findall(rf'(?:src|srcset)="({re.escape(endpoint)}/[^" ]+)', html))
    assert any("/news/" in src for src in pictures), html[:3000]
    for src in pictures:
        status, headers, content = fetch(src)
        assert status == 200 and content, src
        assert headers["Content-Type"].startswith("image/"), src
    card = re.search(r'<meta property="og:image" content="([^"]+)"', html)[1]
    assert card.startswith(f"{endpoint}/wego-media/cards/"), card
    status, headers, content = fetch(card)
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(content)).size == (1200, 630)


APPLICATION_SCRIPT = """
import json
from tests.applications.factories import CallFactory, form_data
call = CallFactory()
print(json.dumps({"url": call.get_absolute_url(), "fields": form_data()}))
"""


def test_an_applicants_pdf_sent_to_one_is_read_by_a_reviewer_on_the_other(two_servers):
    from tests.applications.pdfs import pdf_bytes

    first, second = two_servers.visitors
    call = json.loads(stack.shell(two_servers.envs[0], APPLICATION_SCRIPT))
    document = pdf_bytes(pages=2)
    applicant = stack.Visitor(first.port, tls=False, proxied_https=True)
    status, headers, body = applicant.post(
        call["url"],
        call["fields"],
        files={"document": ("nomination.pdf", document, "application/pdf")},
    )
    assert status == 302, body[:2000]
    url, name = stack.shell(
        two_servers.envs[1],
        "from applications.models import Application; a = Application.objects.get(); "
        "print(a.get_document_url(), a.document.name)",
    ).split()
    for env in two_servers.envs:  # on no server's disk
        assert not list((stack.BASE_DIR / env["DJANGO_PRIVATE_MEDIA_ROOT"]).glob("**/*.pdf"))
    private = f"{two_servers.s3.endpoint}/wego-documents/{name}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(private)
    assert refused.value.code == 403, "the documents' bucket answered an anonymous reader"
    assert second.get(url)[0] == 302  # to the sign-in page
    reviewer = sign_in(stack.Visitor(second.port, tls=False, proxied_https=True))
    status, headers, content = reviewer.request_bytes("GET", url)
    assert status == 200
    assert content == document
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in headers["Cache-Control"]


QUEUE_FORTY = """
from django.db import transaction
from post_office import mail
with transaction.atomic():
    for n in range(40):
        mail.send(f"person{n}@example.org", subject=f"Deployment check {n}", message="Hello.")
"""


def test_with_a_sender_on_each_server_every_email_goes_out_once(two_servers):
    stack.shell(two_servers.envs[0], QUEUE_FORTY)
    # Both start at once, as cron starts them every minute on every machine.
    senders = [
        subprocess.Popen(
            [sys.executable, "manage.py", "send_queued_mail", "--log-level", "0"],
            cwd=stack.BASE_DIR,
            env=env,
        )
        for env in two_servers.envs
    ]
    for sender in senders:
        assert sender.wait(timeout=120) == 0
    # What is left (none: one sender took all), sent by the next round.
    stack.manage(two_servers.envs[1], "send_queued_mail", "--log-level", "0")
    sent = Counter(s for s in two_servers.mailbox.subjects() if s.startswith("Deployment check"))
    assert len(sent) == 40, f"{len(sent)} of 40 emails arrived"
    assert set(sent.values()) == {1}, {subject: n for subject, n in sent.items() if n > 1}


def statuses(visitor, count, path):
    return [visitor.get(f"{path}?n={n}-{time.monotonic()}")[0] for n in range(count)]


def test_a_database_restart_costs_no_visitor_a_500(two_servers):
    for visitor in two_servers.visitors:  # every worker holds a connection now
        assert set(statuses(visitor, 6, "/programs/")) == {200}
    two_servers.drop_connections()
    for visitor in two_servers.visitors:
        assert set(statuses(visitor, 10, "/programs/")) == {200}
        assert set(statuses(visitor, 4, "/healthz")) == {200}


def test_while_the_database_refuses_visitors_get_the_sites_503(two_servers):
    name = two_servers.database_name
    two_servers.psql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
    try:
        two_servers.drop_connections()
        for visitor in two_servers.visitors:
            status, headers, body = visitor.get(f"/programs/?outage={time.monotonic()}")
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert "The site is briefly unavailable" in body
            status, _, body = visitor.get("/healthz")
            assert (status, body) == (503, "database: unavailable\n")
    finally:
        two_servers.psql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
    for visitor in two_servers.visitors:
        assert set(statuses(visitor, 6, "/programs/")) == {200}
