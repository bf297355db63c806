"""The WSGI fast path answers a page-cache hit before Django, exactly as Django would."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi(page_cache_backend):
    """The WSGI application as gunicorn runs it: the fast path in front of Django."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from wego_site.pagecache.fastpath import PageCacheFastPath

    # As Django's test client does: keep the test's transaction open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    django_app = WSGIHandler()
    yield PageCacheFastPath(django_app), django_app
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(app, path="/news/", **extra):
    from django.test import RequestFactory

    environ = RequestFactory().get(path, HTTP_X_FORWARDED_PROTO="https", **extra).environ
    answer = {}
    body = b"".join(app(environ, lambda status, headers: answer.update(s=status, h=headers)))
    return answer["s"], dict(answer["h"]), body


def test_fast_path_answers_a_hit_exactly_as_django_would(seed, wsgi):
    fast_app, django_app = wsgi
    status, headers, body = call(fast_app)
    assert (status, headers["X-Page-Cache"]) == ("200 OK", "miss")

    fast = call(fast_app)
    slow = call(django_app)  # the same hit, answered by PageCacheMiddleware
    assert fast[1]["X-Page-Cache"] == slow[1]["X-Page-Cache"] == "hit"
    assert fast[0] == slow[0] == "200 OK"
    assert fast[2] == slow[2] == body
    assert fast[1] == slow[1]


def test_fast_path_leaves_editors_and_conditional_requests_to_django(seed, wsgi):
    fast_app, _ = wsgi
    _, headers, _ = call(fast_app)
    call(fast_app)
    editor = call(fast_app, HTTP_COOKIE="sessionid=abc")
    assert "no-store" in editor[1]["Cache-Control"]
    assert "X-Page-Cache" not in editor[1]
    assert call(fast_app, HTTP_IF_NONE_MATCH=headers["ETag"])[0].startswith("304")


def test_fast_path_sees_an_edit_at_once(seed, wsgi):
    fast_app, _ = wsgi
    post = factories.PostFactory(title="A fresh story")
    call(fast_app)
    assert call(fast_app)[1]["X-Page-Cache"] == "hit"
    post.title = "Edited through the admin"
    post.save()
    _, headers, body = call(fast_app)
    assert headers["X-Page-Cache"] == "miss"
    assert b"Edited through the admin" in body
