"""Every change is recorded with who and when, and can be compared and reverted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from news.models import Post
from programs.models import Edition
from wego_site.core.date_text import moment_html, moment_text

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
    post = Post.objects.get(slug="story")
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
    response = editor_client.post(revert_url, form_data(form), follow=True)
    assert response.redirect_chain[0][1] == 302
    post.refresh_from_db()
    assert post.title == "First title"
    assert Version.objects.get_for_object(post).count() == 3
    saved = moment_text(versions[0].revision.date_created)
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        f'The post “<a href="{change_url}">First title</a>” was reverted to its version of {saved}.'
    ]


def test_a_deleted_item_is_recovered_and_said_so(editor_client):
    editor_client.post(reverse("admin:news_post_add"), post_data())
    post = Post.objects.get(slug="story")
    editor_client.post(reverse("admin:news_post_delete", args=[post.pk]), {"post": "yes"})
    assert not Post.objects.filter(slug="story").exists()
    deleted = Version.objects.get_deleted(Post).get(object_repr="First title")
    recover_url = reverse("admin:news_post_recover", args=[deleted.pk])
    # The list links each deleted item by its name, beside the time it was last saved.
    listed = editor_client.get(reverse("admin:news_post_recoverlist")).content.decode()
    assert f'<a href="{recover_url}">First title</a>' in listed
    assert "Last saved" in listed and moment_html(deleted.revision.date_created) in listed
    form = editor_client.get(recover_url).context["adminform"].form
    response = editor_client.post(recover_url, form_data(form), follow=True)
    recovered = Post.objects.get(slug="story")
    assert recovered.title == "First title"
    change_url = reverse("admin:news_post_change", args=[recovered.pk])
    said = [str(message) for message in response.context["messages"]]
    assert said == [f'The post “<a href="{change_url}">First title</a>” was recovered.']


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
