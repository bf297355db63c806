"""Two app servers (two `make serve`) on one PostgreSQL and one Redis.

An edit through one is seen on the other's next request; a scheduled post appears on both
at its time. Needs DATABASE_URL pointing at PostgreSQL (CI's deployment step sets it) and
Redis (DEPLOY_REDIS_URL, default redis://127.0.0.1:6379/15).
"""

import os
import time

import pytest

from tests.deploy import stack
from tests.deploy.conftest import PASSWORD, PORT_BASE, database_for, prepare, require

pytestmark = pytest.mark.deploy

REDIS_URL = os.environ.get("DEPLOY_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    require(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        "two app servers need PostgreSQL: set DATABASE_URL=postgres://...",
    )
    require(redis_answers(), f"two app servers need Redis at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    root = tmp_path_factory.mktemp("two-servers")
    (root / "nginx" / "media").mkdir(parents=True)
    database = database_for("two_servers")
    ports = [PORT_BASE + 3, PORT_BASE + 4]
    envs = [
        stack.serve_env(database, port, root, REDIS_URL=REDIS_URL, DJANGO_CONN_MAX_AGE="60")
        for port in ports
    ]
    for env in envs:  # each its own generation file: only Redis is shared
        env["DJANGO_PAGE_CACHE_GENERATION_FILE"] = str(root / f"generation-{env['PORT']}")
    prepare(envs[0], "00" * 20, ["two-servers-1", "two-servers-2"])
    servers = [stack.make_serve(env, root / f"gunicorn-{env['PORT']}.log") for env in envs]
    try:
        visitors = [stack.Visitor(port, tls=False, proxied_https=True) for port in ports]
        for visitor in visitors:
            stack.wait_until(lambda v=visitor: v.get("/healthz")[0] == 200, "both app servers")
        yield envs[0], visitors
    finally:
        for server in servers:
            server.stop()


def test_an_edit_through_one_is_seen_on_the_others_next_request(two_servers):
    env, (first, second) = two_servers
    post_id, url = stack.shell(
        env,
        "from news.models import Post; p = Post.objects.published().first(); "
        "print(p.pk, p.get_absolute_url())",
    ).split()
    for visitor in (first, second):
        for _ in range(3):  # cached by now, in Redis and in each worker's memos
            assert visitor.get(url)[0] == 200
        assert visitor.get(url)[1].get("X-Page-Cache") == "hit"
    assert first.sign_in("editor", PASSWORD, "two-servers-1")[0] == 302
    status, _, _ = first.post(
        "/admin/news/post/",
        {"action": "unpublish", "_selected_action": post_id, "index": "0"},
        referer="/admin/news/post/",
    )
    assert status == 302
    assert first.get(url)[0] == 404
    assert second.get(url)[0] == 404, "the other server still shows the unpublished post"
    assert url not in second.get("/news/")[2]


def test_a_scheduled_post_appears_on_both_at_its_time(two_servers):
    env, visitors = two_servers
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
