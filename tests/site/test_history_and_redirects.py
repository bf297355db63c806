"""Every change is recorded with who and when, can be compared and reverted; old URLs redirect."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from news.models import Post
from programs.models import Edition, Program
from tests import factories
from wego_site.core.models import Redirect

pytestmark = pytest.mark.django_db


def post_data(**overrides):
    data = {
        "title": "First title",
        "slug": "story",
        "status": "published",
        "published_at_0": "2024-05-01",
        "published_at_1": "10:00:00",
        "lede": "Lede.",
    }
    data.update(overrides)
    return data


def form_data(form):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value in (None, ""):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, dt.datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = (
                local.date().isoformat(),
                local.time().isoformat(),
            )
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    return data


def test_changes_are_recorded_compared_and_reverted(editor_client, editor):
    editor_client.post(reverse("admin:news_post_add"), post_data())
    post = Post.objects.get()
    change_url = reverse("admin:news_post_change", args=[post.pk])
    response = editor_client.post(change_url, post_data(title="Second title"))
    assert response.status_code == 302

    versions = list(Version.objects.get_for_object(post).order_by("pk"))
    assert [version.field_dict["title"] for version in versions] == ["First title", "Second title"]
    assert {version.revision.user for version in versions} == {editor}
    assert versions[0].revision.get_comment() == "Added."
    assert "Changed Title" in versions[1].revision.get_comment()

    # The history lists both versions, newest first, never a "None" comment.
    page = editor_client.get(reverse("admin:news_post_history", args=[post.pk]))
    html = page.content.decode()
    assert html.index("Changed Title") < html.index("Added.")
    assert "None" not in html

    # Compare: what changed, from what to what.
    compare = editor_client.get(
        reverse("admin:news_post_compare", args=[post.pk]),
        {"version_id1": versions[0].pk, "version_id2": versions[1].pk},
    )
    assert compare.status_code == 200
    diff = compare.content.decode()
    assert "First" in diff
    assert "Second" in diff

    # Revert to the first version from the admin.
    revert_url = reverse("admin:news_post_revision", args=[post.pk, versions[0].pk])
    form = editor_client.get(revert_url).context["adminform"].form
    assert form.initial["title"] == "First title"
    post.refresh_from_db()
    assert post.title == "Second title"  # only looking changes nothing
    response = editor_client.post(revert_url, form_data(form))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "First title"
    assert Version.objects.get_for_object(post).count() == 3


def test_history_of_an_edition_holds_its_topics(editor_client, seed):
    edition = Edition.objects.get(slug="2018")
    first = Version.objects.get_for_object(edition).get()
    topics = {
        version.field_dict["title"]
        for version in first.revision.version_set.all()
        if version.content_type.model == "topic"
    }
    assert topics == set(edition.topics.values_list("title", flat=True))
    assert len(topics) == 6


def make_post(slug, published_at=None):
    return factories.make_post(slug=slug, title=slug, published_at=published_at)


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


def test_changing_a_slug_in_the_admin_redirects(editor_client, client, seed):
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


def test_unknown_addresses_stay_404(client):
    assert client.get("/news/2020/never-existed/").status_code == 404


@pytest.mark.parametrize("new_path", ["https://elsewhere.example/", "//elsewhere.example/", "news"])
def test_a_redirect_must_stay_on_this_site(editor_client, new_path):
    response = editor_client.post(
        reverse("admin:wego_site_redirect_add"), {"old_path": "/old/", "new_path": new_path}
    )
    assert response.status_code == 200
    assert "starting with one “/”" in response.content.decode()
    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    "url", ["/admin/news/post/abc/preview/", "/admin/programs/edition/abc/import-participants/"]
)
def test_admin_extra_urls_with_a_bad_id_are_not_errors(editor_client, url):
    assert editor_client.get(url).status_code in {302, 404}


def test_preview_of_a_missing_row_is_404(editor_client):
    assert editor_client.get("/admin/news/post/999999/preview/").status_code == 404
