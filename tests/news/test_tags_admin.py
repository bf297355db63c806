"""Tags in the admin: pick existing ones by autocomplete, add new ones, rename, merge."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from news.models import Post
from tests.factories import PostFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]


def new_post(client, **overrides):
    data = {
        "title": "Tagged",
        "slug": "tagged",
        "status": "draft",
        "published_at_0": "2024-05-01",
        "published_at_1": "10:00:00",
        "lede": "Lede.",
    }
    data.update(overrides)
    return client.post(reverse("admin:news_post_add"), data)


def test_tags_are_picked_by_autocomplete_and_new_ones_added(editor_client):
    webinar = Tag.objects.create(name="webinar", slug="webinar")
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "webi", "app_label": "news", "model_name": "post", "field_name": "tags"},
    ).json()
    assert found["results"] == [{"id": str(webinar.pk), "text": "webinar"}]

    response = new_post(editor_client, tags=[webinar.pk], new_tags="COVID-19, Webinar")
    assert response.status_code == 302
    post = Post.objects.get()
    assert sorted(tag.name for tag in post.tags.all()) == ["COVID-19", "webinar"]
    assert Tag.objects.count() == 2  # "Webinar" matched the existing tag, ignoring case

    change = editor_client.get(reverse("admin:news_post_change", args=[post.pk]))
    assert "admin-autocomplete" in change.content.decode()


def test_merge_tags(editor_client):
    covid = Tag.objects.create(name="COVID-19", slug="covid-19")
    corona = Tag.objects.create(name="coronavirus", slug="coronavirus")
    covid_19 = Tag.objects.create(name="Covid 19", slug="covid-19-2")
    both = PostFactory(title="Both")
    both.tags.add(covid, corona)
    one = PostFactory(title="One")
    one.tags.add(covid_19)
    changelist = reverse("admin:taggit_tag_changelist")
    selected = {"action": "merge_tags", ACTION_CHECKBOX_NAME: [covid.pk, corona.pk, covid_19.pk]}

    confirm = editor_client.post(changelist, selected)
    assert confirm.status_code == 200
    assert "Keep this tag" in confirm.content.decode()
    assert Tag.objects.count() == 3  # nothing changed before confirming

    response = editor_client.post(
        changelist, {**selected, "merge": "1", "target": covid.pk}, follow=True
    )
    assert "Merged" in response.content.decode()
    assert list(Tag.objects.values_list("name", flat=True)) == ["COVID-19"]
    assert [tag.name for tag in both.tags.all()] == ["COVID-19"]
    assert [tag.name for tag in one.tags.all()] == ["COVID-19"]


def test_rename_a_tag(editor_client):
    tag = Tag.objects.create(name="webinars", slug="webinars")
    post = PostFactory()
    post.tags.add(tag)
    response = editor_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "Webinar", "slug": "webinar"}
    )
    assert response.status_code == 302
    assert [t.name for t in post.tags.all()] == ["Webinar"]
    # The rename is a version in the tag's history (the first one: it was created outside
    # the admin), with the admin's description of the change.
    versions = Version.objects.get_for_object(tag)
    assert [version.field_dict["name"] for version in versions] == ["Webinar"]
    assert "Changed Name" in versions[0].revision.get_comment()


def test_tag_list_counts_posts(editor_client):
    tag = Tag.objects.create(name="webinar", slug="webinar")
    PostFactory(tags=[tag])
    response = editor_client.get(reverse("admin:taggit_tag_changelist"))
    assert response.context["cl"].result_list[0].post_count == 1


def test_an_overlong_new_tag_is_refused(editor_client):
    response = new_post(editor_client, new_tags="fine, " + "x" * 101)
    assert "A tag can be at most 100 characters" in response.content.decode()
    assert not Post.objects.exists()
