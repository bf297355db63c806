"""Anonymous pages are cached, and no visitor ever sees a page older than the content.

Each test runs against the local-memory cache and, when REDIS_URL is set (.ci/run sets
it), against Redis too.
"""

import datetime as dt
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from programs.models import Participant, Program, ProgramKind
from tests import factories
from tests.site.html import text_of
from wego_site.pagecache import generation as page_cache

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture(
    params=[
        "locmem",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not REDIS_URL, reason="REDIS_URL is not set (e.g. redis://127.0.0.1:6379/5)"
            ),
        ),
    ]
)
def page_cache_backend(request, settings):
    settings.PAGE_CACHE_ENABLED = True
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "wego-test",
            }
        }
    cache.clear()
    yield request.param
    cache.clear()


@pytest.fixture(autouse=True)
def forget_this_tests_schedule():
    """Set up before the database and torn down after its rollback: the generation
    written during the test may carry the time of a post that no longer exists."""
    yield
    page_cache.reset_generation()


def make_post(slug="fresh", title="A fresh story", **fields):
    fields.setdefault("published_at", timezone.now() - dt.timedelta(minutes=1))
    return factories.make_post(slug=slug, title=title, **fields)


def test_second_anonymous_visit_is_served_from_the_cache(client, seed, page_cache_backend):
    first = client.get("/news/")
    second = client.get("/news/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"]


def test_public_pages_may_be_kept_briefly_by_front_caches(client, seed, page_cache_backend):
    response = client.get("/")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert "max-age=60" in directives


def test_an_edit_is_seen_by_the_next_visitor(client, seed, page_cache_backend):
    post = make_post()
    assert "A fresh story" in client.get("/news/").content.decode()
    assert client.get("/news/")["X-Page-Cache"] == "hit"

    post.title = "A corrected story"
    post.save()

    html = client.get("/news/").content.decode()
    assert "A corrected story" in html
    assert "A fresh story" not in html


def test_a_deletion_is_seen_by_the_next_visitor(client, seed, page_cache_backend):
    post = make_post()
    assert "A fresh story" in client.get("/news/").content.decode()
    post.delete()
    assert "A fresh story" not in client.get("/news/").content.decode()


def test_a_tag_change_retires_cached_pages(seed, page_cache_backend):
    post = make_post()
    before = page_cache.current_state()[0]
    post.tags.add("webinar")
    assert page_cache.current_state()[0] != before


def test_a_scheduled_post_appears_on_time_though_the_list_was_cached(
    client, seed, page_cache_backend, monkeypatch
):
    publish_at = timezone.now() + dt.timedelta(hours=1)
    make_post(title="Scheduled story", published_at=publish_at)

    response = client.get("/news/")
    assert "Scheduled story" not in response.content.decode()
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    # Front caches are told not to keep the page past the publication either.
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 3600

    later = publish_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Scheduled story" in client.get("/news/").content.decode()


def test_pages_never_query_for_the_publication_time(
    client, seed, page_cache_backend, django_assert_num_queries
):
    make_post(title="Later", published_at=timezone.now() + dt.timedelta(hours=2))
    with django_assert_num_queries(0):
        _token, next_publication = page_cache.current_state()
    assert next_publication > timezone.now() + dt.timedelta(hours=1)


def test_the_first_request_after_a_publication_time_starts_a_new_generation(
    seed, page_cache_backend, monkeypatch
):
    publish_at = timezone.now() + dt.timedelta(hours=1)
    make_post(title="Scheduled", published_at=publish_at)
    before = page_cache.current_state()
    assert before[1] == publish_at
    monkeypatch.setattr(timezone, "now", lambda: publish_at + dt.timedelta(seconds=1))
    after = page_cache.current_state()
    assert after[0] != before[0]
    assert after[1] == page_cache.NEVER


def test_max_age_shrinks_to_the_next_publication(client, seed, page_cache_backend):
    make_post(title="Soon", published_at=timezone.now() + dt.timedelta(seconds=20))
    response = client.get("/news/")
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 <= max_age <= 20


def test_staff_pages_are_never_cached(client, seed, page_cache_backend):
    staff = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(staff)
    response = client.get("/news/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response

    client.logout()
    client.cookies.clear()
    assert client.get("/news/")["X-Page-Cache"] == "miss", "the staff view was not stored"


def test_admin_and_healthz_are_never_cached(client, db, page_cache_backend):
    for url in ["/admin/login/", "/healthz"]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "X-Page-Cache" not in response, url


def test_admin_post_retires_cached_pages(client, db, page_cache_backend):
    staff = get_user_model().objects.create_superuser("boss", password="pw")
    client.force_login(staff)
    before = page_cache.current_state()[0]
    client.post("/admin/logout/")
    assert page_cache.current_state()[0] != before


def test_conditional_request_gets_304(client, seed, page_cache_backend):
    etag = client.get("/")["ETag"]
    assert etag
    # Served from the cache, then rendered afresh after a change: same rules.
    cached = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304
    assert cached.content == b""
    page_cache.bump_generation()
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_page_cache_can_be_switched_off(client, seed, settings, page_cache_backend):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "off"
    assert "public" in response["Cache-Control"]


def test_responses_setting_cookies_are_not_cached(client, seed, page_cache_backend):
    from django.test import RequestFactory

    from wego_site.pagecache.middleware import PageCacheMiddleware

    def view_setting_a_cookie(request):
        from django.http import HttpResponse

        response = HttpResponse("personal")
        response.set_cookie("flavour", "oat")
        return response

    middleware = PageCacheMiddleware(view_setting_a_cookie)
    request = RequestFactory().get("/somewhere/")
    assert middleware(request).get("X-Page-Cache") is None
    assert middleware(RequestFactory().get("/somewhere/")).get("X-Page-Cache") is None


def test_a_cached_answer_keeps_the_views_own_headers(db, page_cache_backend):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from wego_site.pagecache.middleware import PageCacheMiddleware

    def sitemap_like_view(request):
        response = HttpResponse("<urlset/>", content_type="application/xml")
        response["X-Robots-Tag"] = "noindex"
        response["Content-Disposition"] = 'inline; filename="sitemap.xml"'
        return response

    middleware = PageCacheMiddleware(sitemap_like_view)
    first = middleware(RequestFactory().get("/sitemap-like.xml"))
    cached = middleware(RequestFactory().get("/sitemap-like.xml"))
    assert (first["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    for header in ["Content-Type", "X-Robots-Tag", "Content-Disposition", "ETag"]:
        assert cached[header] == first[header], header
    assert cached.content == b"<urlset/>"


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
    post = make_post()
    call(fast_app)
    assert call(fast_app)[1]["X-Page-Cache"] == "hit"
    post.title = "Edited through the admin"
    post.save()
    _, headers, body = call(fast_app)
    assert headers["X-Page-Cache"] == "miss"
    assert b"Edited through the admin" in body


def test_the_landing_gathers_its_data_once_per_content_generation(
    client, seed, settings, page_cache_backend, django_assert_max_num_queries
):
    """With the page cache off (or a URL it has not seen) the landing still renders
    without a query, until the content changes."""
    settings.PAGE_CACHE_ENABLED = False
    page_cache.current_state()  # a generation has begun, as after any content change
    with django_assert_max_num_queries(8):
        assert "Editions since 2011 9" in text_of(client.get("/"))
    with django_assert_max_num_queries(0):
        assert "Editions since 2011 9" in text_of(client.get("/?utm_source=newsletter"))

    main = Program.objects.get(kind=ProgramKind.MAIN)
    edition = factories.make_edition(main, start=dt.date(2009, 5, 1))
    Participant.objects.create(
        edition=edition, position=1, name="A new city", country=factories.make_country()
    )
    text = text_of(client.get("/"))
    assert "Editions since 2009 10" in text
    assert "Cities and public bodies taking part 19" in text


def test_the_landing_counts_a_scheduled_edition_once_it_is_public(
    client, seed, settings, page_cache_backend, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = False
    publish_at = timezone.now() + dt.timedelta(hours=1)
    main = Program.objects.get(kind=ProgramKind.MAIN)
    factories.make_edition(main, start=dt.date(2009, 5, 1), published_at=publish_at)
    assert "Editions since 2011 9" in text_of(client.get("/"))

    monkeypatch.setattr(timezone, "now", lambda: publish_at + dt.timedelta(seconds=1))
    assert "Editions since 2009 10" in text_of(client.get("/"))


def test_news_totals_and_years_are_counted_once_per_content_generation(
    client, seed, settings, page_cache_backend, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    page_cache.current_state()
    assert "News 10 posts." in text_of(client.get("/news/"))
    with django_assert_num_queries(2):  # the page of posts and their tags; no COUNT, no years
        assert "News 10 posts." in text_of(client.get("/news/"))

    make_post(title="From the past", published_at=dt.datetime(2009, 6, 1, tzinfo=dt.UTC))
    response = client.get("/news/")
    assert "11 posts, page 1 of 2" in text_of(response)
    assert 'href="/news/2009/"' in response.content.decode()


def test_per_generation_computes_once_and_holds_one_generation_only(db, page_cache_backend):
    assert page_cache.per_generation("answer", lambda: 1) == 1
    assert page_cache.per_generation("answer", lambda: 2) == 1
    page_cache.bump_generation()
    assert page_cache.per_generation("other", lambda: 3) == 3
    # Memory holds the current generation's values only, however many names came before.
    assert list(page_cache._memos["values"]) == ["other"]
    assert page_cache.per_generation("answer", lambda: 4) == 4
