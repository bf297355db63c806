"""One rule decides what the public sees: published, and its time has come."""

import datetime as dt

import pytest
from django.utils import timezone

from news.models import Post
from tests import factories
from wego_site.core.publishing import PublicationStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_site")]


def make_post(slug, **fields):
    return factories.PostFactory(slug=slug, title=slug, **fields)


def test_published_excludes_drafts_and_scheduled():
    live = make_post("live")
    draft = make_post("draft", status=PublicationStatus.DRAFT)
    scheduled = make_post("scheduled", published_at=timezone.now() + dt.timedelta(hours=1))

    assert list(Post.objects.published()) == [live]
    assert list(Post.objects.scheduled()) == [scheduled]
    assert list(Post.objects.drafts()) == [draft]
    assert live.is_published
    assert not scheduled.is_published
    assert not draft.is_published


def test_scheduled_post_appears_when_its_time_comes(monkeypatch):
    soon = timezone.now() + dt.timedelta(hours=1)
    post = make_post("soon", published_at=soon)
    assert not Post.objects.published().exists()

    monkeypatch.setattr(timezone, "now", lambda: soon + dt.timedelta(seconds=1))
    assert list(Post.objects.published()) == [post]
    assert post.is_published


def test_new_content_starts_as_a_draft():
    post = Post.objects.create(title="New", slug="new", lede="Lede.")
    assert post.status == PublicationStatus.DRAFT
    assert not Post.objects.published().exists()
