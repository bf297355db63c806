"""One rule decides what the public sees: published, and its time has come."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from news.models import Post
from programs.models import Edition, Program, ProgramKind
from tests import factories
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db


def make_post(slug, status=PublicationStatus.PUBLISHED, published_at=None):
    return factories.make_post(slug=slug, title=slug, status=status, published_at=published_at)


def test_published_excludes_drafts_and_scheduled():
    live = make_post("live")
    make_post("draft", status=PublicationStatus.DRAFT)
    scheduled = make_post("scheduled", published_at=timezone.now() + dt.timedelta(hours=1))

    assert list(Post.objects.published()) == [live]
    assert list(Post.objects.scheduled()) == [scheduled]
    assert not scheduled.is_published


def test_scheduled_post_appears_when_its_time_comes(monkeypatch):
    soon = timezone.now() + dt.timedelta(hours=1)
    post = make_post("soon", published_at=soon)
    assert not Post.objects.published().exists()

    monkeypatch.setattr(timezone, "now", lambda: soon + dt.timedelta(seconds=1))
    assert list(Post.objects.published()) == [post]


def test_new_content_starts_as_a_draft():
    post = Post.objects.create(title="New", slug="new", lede="Lede.")
    assert post.status == PublicationStatus.DRAFT
    assert not Post.objects.published().exists()


def test_editions_of_a_draft_program_are_hidden():
    program = Program.objects.create(
        title="Draft program", slug="draft-program", kind=ProgramKind.MAIN
    )
    Edition.objects.create(
        program=program,
        title="2030",
        slug="2030",
        start_date=dt.date(2030, 1, 1),
        end_date=dt.date(2030, 1, 2),
        status=PublicationStatus.PUBLISHED,
    )
    assert not Edition.objects.published().exists()
    program.status = PublicationStatus.PUBLISHED
    program.save()
    assert Edition.objects.published().count() == 1


def test_database_refuses_an_edition_that_ends_before_it_starts():
    program = Program.objects.create(title="P", slug="p", kind=ProgramKind.MAIN)
    with pytest.raises(IntegrityError):
        Edition.objects.create(
            program=program,
            title="Backwards",
            slug="backwards",
            start_date=dt.date(2020, 5, 2),
            end_date=dt.date(2020, 5, 1),
        )
