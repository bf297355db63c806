"""A page whose address changes leaves a permanent redirect behind; redirects stay on the site."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from programs.models import Edition, Program
from tests import factories
from wego_site.core.models import Redirect

pytestmark = pytest.mark.django_db


def make_post(slug, **fields):
    return factories.PostFactory(slug=slug, title=slug, **fields)


def test_changing_a_post_slug_redirects_the_old_address(client):
    post = make_post("old-slug")
    old_url = post.get_absolute_url()
    post.slug = "new-slug"
    post.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_changing_the_year_of_a_post_redirects(client):
    post = make_post("story", published_at=timezone.make_aware(dt.datetime(2020, 5, 1, 9)))
    old_url = post.get_absolute_url()
    post.published_at = timezone.make_aware(dt.datetime(2021, 5, 1, 9))
    post.save()
    assert client.get(old_url)["Location"] == "/news/2021/story/"


def test_redirect_chains_end_at_the_latest_address(client):
    post = make_post("a")
    first_url = post.get_absolute_url()
    for slug in ["b", "c"]:
        post.slug = slug
        post.save()
    for old in [first_url, first_url.replace("/a/", "/b/")]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, post.get_absolute_url())
    # Back to an earlier slug: that address works again and no loop appears.
    post.slug = "a"
    post.save()
    assert client.get(first_url).status_code == 200
    assert client.get(first_url.replace("/a/", "/c/"))["Location"] == first_url


def test_changing_a_program_slug_redirects_it_and_its_editions(client, seed):
    program = Program.objects.get(slug="joint-workshop-smart-sustainable-cities-e-government")
    edition_url = program.editions.get(slug="2018").get_absolute_url()
    program_url = program.get_absolute_url()
    program.slug = "joint-workshop"
    program.save()
    assert client.get(program_url)["Location"] == "/programs/joint-workshop/"
    response = client.get(edition_url)
    assert (response.status_code, response["Location"]) == (301, "/programs/joint-workshop/2018/")
    assert client.get("/programs/joint-workshop/2018/").status_code == 200


def test_changing_an_edition_slug_records_a_redirect(client, seed):
    edition = Edition.objects.get(slug="2018")
    old_url = edition.get_absolute_url()
    edition.slug = "jeju-2018"
    edition.save()
    assert Redirect.objects.filter(old_path=old_url, new_path=edition.get_absolute_url()).exists()
    assert client.get(old_url).status_code == 301


def test_a_live_page_is_never_redirected(client):
    post = make_post("here")
    Redirect.objects.create(old_path=post.get_absolute_url(), new_path="/elsewhere/")
    assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("new_path", ["https://elsewhere.example/", "//elsewhere.example/", "news"])
def test_a_redirect_must_stay_on_this_site(editor_client, new_path):
    response = editor_client.post(
        reverse("admin:wego_site_redirect_add"), {"old_path": "/old/", "new_path": new_path}
    )
    assert response.status_code == 200
    assert "starting with one “/”" in response.content.decode()
    assert not Redirect.objects.exists()


def test_moving_an_edition_to_another_program_redirects(client, seed):
    edition = Edition.objects.get(slug="2018")
    old_url = edition.get_absolute_url()
    edition.program = Program.objects.get(slug="wego-shrdc-training-program")
    edition.save()
    assert client.get(old_url)["Location"] == "/programs/wego-shrdc-training-program/2018/"


def test_a_row_saved_without_being_loaded_still_leaves_a_redirect(client):
    post = make_post("loaded-never")
    old_url = post.get_absolute_url()
    stranger = Post(**{f.attname: getattr(post, f.attname) for f in Post._meta.concrete_fields})
    stranger._state.adding = False
    stranger.slug = "saved-anyway"
    stranger.save()
    assert client.get(old_url)["Location"] == stranger.get_absolute_url()


def test_a_save_knows_the_stored_address_without_reading_the_row_again():
    make_post("quiet")
    post = Post.objects.get(slug="quiet")
    post.slug = "moved"
    with CaptureQueriesContext(connection) as queries:
        post.save()
    own_row = f'WHERE "news_post"."id" = {post.pk}'
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and own_row in q["sql"]]
    assert reads == []
    assert Redirect.objects.filter(new_path=post.get_absolute_url()).exists()
