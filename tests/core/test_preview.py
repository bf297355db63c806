"""The staff preview: a draft on its public template, for those allowed to see it only."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from programs.models import Program
from tests import factories
from tests.html import text_of
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db

MAIN = "/programs/wego-shrdc-training-program/"


def make_post(slug):
    return factories.PostFactory(slug=slug, title=f"Post {slug}", status=PublicationStatus.DRAFT)


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


def test_staff_preview_banner_shows_only_in_a_preview(rf, client, seed):
    from pages.program_pages import ProgramDetailView

    Program.objects.filter(slug="wego-shrdc-training-program").update(status="draft")
    request = rf.get(MAIN)
    preview = ProgramDetailView.as_view(preview=True)
    response = preview(request, slug="wego-shrdc-training-program")
    response.render()
    html = response.content.decode()
    assert 'class="preview-banner"' in html
    assert "Editions (8)" in text_of(response)
    assert 'class="preview-banner"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url", ["/admin/news/post/abc/preview/", "/admin/programs/edition/abc/import-participants/"]
)
def test_admin_extra_urls_with_a_bad_id_are_not_errors(editor_client, url):
    assert editor_client.get(url).status_code in {302, 404}


def test_preview_of_a_missing_row_is_404(editor_client):
    assert editor_client.get("/admin/news/post/999999/preview/").status_code == 404


def test_view_on_site_is_offered_only_for_a_public_page(editor_client, seed):
    """A draft's page (or a page of a draft program) is a 404 to visitors: the change form
    offers its preview, not "View on site"."""
    edition = Program.objects.get(slug="wego-shrdc-training-program").editions.first()
    change = reverse("admin:programs_edition_change", args=[edition.pk])
    assert "View on site" in editor_client.get(change).content.decode()

    edition.status = PublicationStatus.DRAFT
    edition.save()
    html = editor_client.get(change).content.decode()
    assert "View on site" not in html
    assert reverse("admin:programs_edition_preview", args=[edition.pk]) in html

    edition.status = PublicationStatus.PUBLISHED
    edition.save()
    edition.program.status = PublicationStatus.DRAFT
    edition.program.save()
    assert "View on site" not in editor_client.get(change).content.decode()
