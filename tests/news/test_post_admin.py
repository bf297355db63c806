"""Writing a post in the admin: a taken address gets a plain message, nothing is saved."""

import pytest
from django.urls import reverse

from news.models import Post
from tests import factories

pytestmark = pytest.mark.django_db


def test_duplicate_slug_gets_a_plain_message(editor_client):
    factories.PostFactory(slug="taken", title="Taken")
    before = Post.objects.count()
    response = editor_client.post(
        reverse("admin:news_post_add"),
        {
            "title": "Another",
            "slug": "taken",
            "status": "draft",
            "published_at_0": "2024-01-01",
            "published_at_1": "10:00",
            "lede": "Lede.",
        },
    )
    assert "Another news post already uses this web address (slug)." in response.content.decode()
    assert Post.objects.count() == before
