"""Anonymous pages are cached, and no visitor ever sees a page older than the content.

Each test runs against the local-memory cache and, when REDIS_URL is set (.ci/run sets
it), against Redis too.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests import factories
from wego_site.pagecache import generation as page_cache

pytestmark = pytest.mark.django_db


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


def max_age_of(response):
    return int(response["Cache-Control"].split("max-age=")[1].split(",")[0])


def test_a_scheduled_post_appears_on_time_though_the_list_was_cached(
    client, seed, page_cache_backend, monkeypatch, settings
):
    settings.PAGE_CACHE_MAX_AGE = 2 * 3600  # front caches may keep pages for two hours...
    publish_at = timezone.now() + dt.timedelta(hours=1)
    make_post(title="Scheduled story", published_at=publish_at)

    response = client.get("/news/")
    assert "Scheduled story" not in response.content.decode()
    hit = client.get("/news/")
    assert hit["X-Page-Cache"] == "hit"
    # ...but are told not to keep this one past the publication, an hour from now.
    assert 3600 - 60 <= max_age_of(response) <= 3600
    assert 3600 - 60 <= max_age_of(hit) <= 3600

    later = publish_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Scheduled story" in client.get("/news/").content.decode()


def test_max_age_shrinks_to_the_next_publication(client, seed, page_cache_backend):
    make_post(title="Soon", published_at=timezone.now() + dt.timedelta(seconds=20))
    assert 0 <= max_age_of(client.get("/news/")) <= 20


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


def test_a_staff_members_admin_post_retires_cached_pages(client, seed, page_cache_backend):
    """Admin actions may change rows with queryset.update(), which sends no signal: any
    successful admin POST by signed-in staff starts a new generation."""
    post = make_post()
    assert "A fresh story" in client.get("/news/").content.decode()
    type(post).objects.filter(pk=post.pk).update(title="A quietly changed story")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    staff = get_user_model().objects.create_superuser("boss", password="pw")
    client.force_login(staff)
    response = client.post("/admin/news/post/", {"action": "unpublish", "index": 0})
    assert response.status_code == 302  # nothing selected: nothing saved, no signal
    client.logout()
    client.cookies.clear()
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "miss"
    assert "A quietly changed story" in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"username": "nobody", "password": "wrong"},
        {"username": "", "password": ""},
        {},
    ],
    ids=["wrong-password", "empty-fields", "nothing"],
)
def test_nothing_an_anonymous_visitor_posts_retires_cached_pages(
    client, seed, page_cache_backend, fields
):
    client.get("/news/")
    assert client.get("/news/")["X-Page-Cache"] == "hit"
    before = page_cache.current_state()[0]
    for _ in range(3):
        assert client.post("/admin/login/", fields).status_code in {200, 429}
        # Even with a session cookie of its own invention.
        client.cookies["sessionid"] = "made-up"
        client.post("/admin/login/", fields)
        client.post("/admin/news/post/", {"action": "unpublish", "_selected_action": [1]})
        client.cookies.clear()
    assert page_cache.current_state()[0] == before
    assert client.get("/news/")["X-Page-Cache"] == "hit"


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
    from django.http import HttpResponse
    from django.test import RequestFactory

    from wego_site.pagecache.middleware import PageCacheMiddleware

    rendered = []

    def view_setting_a_cookie(request):
        rendered.append(request.path)
        response = HttpResponse("personal")
        response.set_cookie("flavour", "oat")
        return response

    middleware = PageCacheMiddleware(view_setting_a_cookie)
    for _ in range(2):
        response = middleware(RequestFactory().get("/somewhere/"))
        assert response.get("X-Page-Cache") is None
        assert response.cookies["flavour"].value == "oat"
    assert rendered == ["/somewhere/", "/somewhere/"], "the second answer came from the cache"


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
