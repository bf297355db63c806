"""Publishing from the admin: bulk publish/unpublish, scheduling, the state filter."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from programs.models import Edition, Program
from tests import factories
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db


def make_post(slug, status=PublicationStatus.DRAFT, **fields):
    """A post titled after its slug; a draft unless told otherwise."""
    return factories.PostFactory(slug=slug, title=f"Post {slug}", status=status, **fields)


def run_action(client, action, objects, changelist="admin:news_post_changelist"):
    return client.post(
        reverse(changelist),
        {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]},
        follow=True,
    )


def test_publish_and_unpublish_in_bulk(editor_client, empty_site):
    now_post = make_post("now")
    later = make_post("later", published_at=timezone.now() + dt.timedelta(days=2))
    response = run_action(editor_client, "publish", [now_post, later])
    assert (
        "1 public now; 1 scheduled (public from their publication time)"
        in response.content.decode()
    )
    assert list(Post.objects.published()) == [now_post]
    assert list(Post.objects.scheduled()) == [later]
    public = editor_client.get(now_post.get_absolute_url())
    assert public.status_code == 200

    response = run_action(editor_client, "unpublish", [now_post, later])
    assert "2 back to draft (no longer public)" in response.content.decode()
    assert Post.objects.drafts().count() == 2
    assert editor_client.get(now_post.get_absolute_url()).status_code == 404


def test_changelist_says_scheduled_and_filters_by_state(editor_client, empty_site):
    make_post("draft-one")
    make_post(
        "soon",
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    make_post("live", status=PublicationStatus.PUBLISHED)
    changelist = reverse("admin:news_post_changelist")
    html = editor_client.get(changelist).content.decode()
    assert "Scheduled for" in html
    # "Online" is a format (a webinar); the publication state says "Public".
    assert '<td class="field-publication_state">Public</td>' in html
    assert "Public now</a>" in html
    assert "online" not in html.lower()
    for state, title in [
        ("draft", "Post draft-one"),
        ("scheduled", "Post soon"),
        ("live", "Post live"),
    ]:
        result = editor_client.get(changelist, {"state": state}).context["cl"].result_list
        assert [post.title for post in result] == [title]


def test_the_change_form_says_public_for_published(editor_client, empty_site):
    html = editor_client.get(reverse("admin:news_post_add")).content.decode()
    assert "Choose “Published” to make this public." in html
    assert "it becomes public by itself" in html
    assert "online" not in html.lower()  # the word of the Format field (a webinar)


def test_publishing_an_edition_of_a_draft_program_says_it_stays_hidden(editor_client, seed):
    edition = Edition.objects.get(slug="2018")
    edition.program.status = PublicationStatus.DRAFT
    edition.program.save()
    edition.status = PublicationStatus.DRAFT
    edition.save()
    response = run_action(
        editor_client, "publish", [edition], changelist="admin:programs_edition_changelist"
    )
    assert (
        "0 public now; 0 scheduled (public from their publication time). 1 stay hidden until their program is published."
        in response.content.decode()
    )


@pytest.mark.parametrize("state", ["draft", "scheduled", "live"])
def test_programs_filter_by_state_too(superuser_client, seed, state):
    Program.objects.filter(slug="wego-shrdc-training-program").update(
        status=PublicationStatus.DRAFT
    )
    Program.objects.filter(slug__startswith="chengdu").update(
        published_at=timezone.now() + dt.timedelta(days=1)
    )
    expected = {
        "draft": Program.objects.drafts(),
        "scheduled": Program.objects.scheduled(),
        "live": Program.objects.published(),
    }[state]
    response = superuser_client.get(reverse("admin:programs_program_changelist"), {"state": state})
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == set(expected)
    assert expected.exists()
