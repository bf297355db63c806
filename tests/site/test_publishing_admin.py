"""Publishing from the admin: bulk publish/unpublish, scheduling, and the staff preview."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from programs.models import Edition, Program
from tests import factories
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db


def make_post(slug, status=PublicationStatus.DRAFT, published_at=None):
    """A post titled after its slug; a draft unless told otherwise."""
    return factories.make_post(
        slug=slug, title=f"Post {slug}", status=status, published_at=published_at
    )


def run_action(client, action, objects, changelist="admin:news_post_changelist"):
    return client.post(
        reverse(changelist),
        {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]},
        follow=True,
    )


def test_publish_and_unpublish_in_bulk(editor_client):
    now_post = make_post("now")
    later = make_post("later", published_at=timezone.now() + dt.timedelta(days=2))
    response = run_action(editor_client, "publish", [now_post, later])
    assert "1 online now; 1 scheduled" in response.content.decode()
    assert list(Post.objects.published()) == [now_post]
    assert list(Post.objects.scheduled()) == [later]
    public = editor_client.get(now_post.get_absolute_url())
    assert public.status_code == 200

    response = run_action(editor_client, "unpublish", [now_post, later])
    assert "2 taken offline" in response.content.decode()
    assert Post.objects.drafts().count() == 2
    assert editor_client.get(now_post.get_absolute_url()).status_code == 404


def test_scheduled_post_goes_live_by_itself(client, monkeypatch):
    when = timezone.now() + dt.timedelta(hours=3)
    post = make_post("soon", status=PublicationStatus.PUBLISHED, published_at=when)
    url = post.get_absolute_url()
    assert client.get(url).status_code == 404
    later = when + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(url).status_code == 200


def test_changelist_says_scheduled_and_filters_by_state(editor_client):
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
    for state, title in [
        ("draft", "Post draft-one"),
        ("scheduled", "Post soon"),
        ("live", "Post live"),
    ]:
        result = editor_client.get(changelist, {"state": state}).context["cl"].result_list
        assert [post.title for post in result] == [title]


def test_preview_shows_a_draft_on_its_public_template_without_caching(editor_client):
    post = make_post("secret-draft")
    preview_url = reverse("admin:news_post_preview", args=[post.pk])
    response = editor_client.get(preview_url)
    assert response.status_code == 200
    assert "news/post_detail.html" in [template.name for template in response.templates]
    assert response.context["is_preview"] is True
    assert response.context["preview_is_public"] is False
    assert "<h1>Post secret-draft</h1>" in response.content.decode()
    cache_control = response["Cache-Control"]
    for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
        assert directive in cache_control
    change = editor_client.get(reverse("admin:news_post_change", args=[post.pk]))
    assert preview_url in change.content.decode()


def test_preview_of_program_and_edition_drafts(editor_client, seed):
    program = Program.objects.get(slug="joint-workshop-smart-sustainable-cities-e-government")
    program.status = PublicationStatus.DRAFT
    program.save()
    edition = program.editions.first()
    edition.status = PublicationStatus.DRAFT
    edition.save()
    assert editor_client.get(program.get_absolute_url()).status_code == 404
    response = editor_client.get(reverse("admin:programs_program_preview", args=[program.pk]))
    assert response.status_code == 200
    listed = response.context["upcoming_editions"] + response.context["past_editions"]
    assert listed == [edition], "the preview lists the program's hidden editions too"
    response = editor_client.get(reverse("admin:programs_edition_preview", args=[edition.pk]))
    assert response.status_code == 200
    assert response.context["edition"] == edition


def test_preview_needs_permission_not_a_flag(client, django_user_model):
    post = make_post("secret-draft")
    preview_url = reverse("admin:news_post_preview", args=[post.pk])
    # Anonymous: sent to the sign-in page, draft not shown.
    response = client.get(preview_url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    # A query-string flag on the public URL does nothing.
    assert client.get(post.get_absolute_url() + "?preview=1").status_code == 404
    # Staff without the permission on posts: refused.
    staff = django_user_model.objects.create_user("staff", password="pw-staff-1", is_staff=True)
    client.force_login(staff)
    assert client.get(preview_url).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_post"))
    assert client.get(preview_url).status_code == 200


def test_edition_ending_before_it_starts_gets_a_plain_message(editor_client, seed):
    edition = Edition.objects.get(
        program__slug="joint-workshop-smart-sustainable-cities-e-government"
    )
    url = reverse("admin:programs_edition_change", args=[edition.pk])
    form = editor_client.get(url).context["adminform"].form
    data = _form_data(form)
    data.update(start_date="2018-07-12", end_date="2018-07-09")
    data.update(_empty_inlines())
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    edition.refresh_from_db()
    assert edition.end_date == dt.date(2018, 7, 12)


def test_duplicate_slug_gets_a_plain_message(editor_client):
    make_post("taken")
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
    assert Post.objects.count() == 1


def _form_data(form):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or isinstance(value, FieldFile):
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    split = form.initial.get("published_at")
    if split:
        local = timezone.localtime(split)
        data["published_at_0"] = local.date().isoformat()
        data["published_at_1"] = local.time().isoformat()
    return data


def _empty_inlines():
    data = {}
    for prefix in ["topics", "site_visits", "participants"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_an_edition_of_a_draft_program_is_not_reported_online(editor_client, seed):
    edition = Edition.objects.get(slug="2018")
    assert edition.is_published
    program = edition.program
    program.status = PublicationStatus.DRAFT
    program.save()
    edition = Edition.objects.select_related("program").get(pk=edition.pk)
    assert not edition.is_published
    assert not Edition.objects.published().filter(pk=edition.pk).exists()


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
        "0 online now; 0 scheduled (online at their publication time). 1 stay hidden until their program is published."
        in response.content.decode()
    )
