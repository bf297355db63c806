"""Every change is recorded with who and when, and can be compared and reverted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from programs.models import Edition

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

    history = list(post.history.order_by("history_date"))
    assert [record.title for record in history] == ["First title", "Second title"]
    assert {record.history_user for record in history} == {editor}
    assert [record.history_type for record in history] == ["+", "~"]

    # Compare: the history page lists what changed, from what to what.
    page = editor_client.get(reverse("admin:news_post_history", args=[post.pk]))
    html = page.content.decode()
    assert "First title" in html
    assert "Second title" in html
    assert "&rarr;" in html  # the "changes" column: old → new

    # Revert to the first version from the admin.
    first = history[0]
    revert_url = reverse("admin:news_post_simple_history", args=[post.pk, first.history_id])
    form = editor_client.get(revert_url).context["adminform"].form
    assert form.initial["title"] == "First title"
    response = editor_client.post(revert_url, form_data(form))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "First title"
    assert post.history.count() == 3


def test_history_of_an_edition_records_topic_changes(editor_client, seed):
    edition = Edition.objects.get(slug="2018")
    topic = edition.topics.first()
    topic.title = "Changed"
    topic.save()
    assert topic.history.first().title == "Changed"
