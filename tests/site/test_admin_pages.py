"""Every admin page an editor uses renders, for a superuser and for a secretariat editor."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from tests.applications.builders import make_application, make_call
from wego_site.core.models import Redirect

pytestmark = pytest.mark.django_db

# Models only a superuser administers (the email queue holds applicants' addresses).
SUPERUSER_ONLY_APPS = {"auth", "axes", "otp_totp", "otp_static", "post_office"}
# Rows that come from elsewhere, never from the admin's "add" page.
NO_ADD_PAGE = {"seedload", "application"}


def content_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label not in SUPERUSER_ONLY_APPS
    ]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture(params=["superuser_client", "editor_client"])
def staff_client(request, seed):
    return request.getfixturevalue(request.param)


def test_every_content_model_is_in_the_admin():
    registered = {model._meta.label for model in admin.site._registry}
    for label in [
        "programs.Country",
        "programs.Organisation",
        "programs.Contact",
        "programs.RegionalOffice",
        "programs.Introduction",
        "programs.Program",
        "programs.Edition",
        "programs.Topic",
        "programs.SiteVisit",
        "programs.Participant",
        "news.Post",
        "taggit.Tag",
        "testimonials.Testimonial",
        "wego_site.SeedLoad",
        "wego_site.Redirect",
    ]:
        assert label in registered


@pytest.mark.parametrize(
    ("model", "model_admin"), content_admins(), ids=lambda value: getattr(value, "__name__", "")
)
def test_changelist_add_and_change_pages_render(staff_client, model, model_admin):
    changelist = staff_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    # A search and the first filter choice both work.
    if model_admin.search_fields:
        assert staff_client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200

    add = staff_client.get(admin_url(model, "add"))
    expected_add = 403 if model._meta.model_name in NO_ADD_PAGE else 200
    assert add.status_code == expected_add

    if model is Redirect:
        Redirect.objects.record("/news/2020/old/", "/news/2020/new/")
    if model._meta.app_label == "applications":  # the seed has no call
        make_application(make_call())
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the seed has no {model._meta.verbose_name}"
    change = staff_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    if hasattr(model_admin, "history_view"):
        assert staff_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("state", ["draft", "scheduled", "live"])
def test_status_filter_renders(superuser_client, seed, state):
    for path in ["admin:programs_program_changelist", "admin:news_post_changelist"]:
        response = superuser_client.get(reverse(path), {"state": state})
        assert response.status_code == 200


def test_news_list_shows_status_and_year_filters(superuser_client, seed):
    html = superuser_client.get(reverse("admin:news_post_changelist")).content.decode()
    assert "Scheduled (published, time to come)" in html
    assert "2020" in html  # the date hierarchy offers the posts' year


def test_editor_is_refused_user_administration(editor_client):
    for name in ["admin:auth_user_changelist", "admin:auth_group_changelist"]:
        assert editor_client.get(reverse(name)).status_code == 403
    user = User.objects.get(username="editor")
    assert editor_client.get(reverse("admin:auth_user_change", args=[user.pk])).status_code == 403
    # ...and cannot grant themselves more rights.
    response = editor_client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {"username": "editor", "is_superuser": "on"},
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser


def test_superuser_manages_users(superuser_client):
    assert superuser_client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_editor_group_has_content_rights_and_nothing_on_auth():
    group = Group.objects.get(name="Secretariat editor")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("news", "change_post") in codenames
    assert ("programs", "add_edition") in codenames
    assert ("taggit", "delete_tag") in codenames
    assert ("news", "view_historicalpost") in codenames
    assert ("wego_site", "change_redirect") in codenames
    assert ("wego_site", "change_seedload") not in codenames
    assert not group.permissions.filter(content_type__app_label__in=["auth", "axes"]).exists()


def test_setup_roles_restores_the_group(db):
    group = Group.objects.get(name="Secretariat editor")
    group.permissions.clear()
    call_command("setup_roles", stdout=io.StringIO())
    assert group.permissions.filter(codename="change_post").exists()


def test_admin_site_header(superuser_client):
    html = superuser_client.get(reverse("admin:index")).content.decode()
    assert "WeGO Training Programs — administration" in html


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:news_post_changelist",
        "admin:programs_program_changelist",
        "admin:programs_edition_changelist",
        "admin:programs_participant_changelist",
        "admin:programs_country_changelist",
        "admin:testimonials_testimonial_changelist",
        "admin:taggit_tag_changelist",
    ],
)
def test_changelists_make_no_query_per_row(
    editor_client, seed, changelist, django_assert_max_num_queries
):
    # Sessions, user, permissions, counts, filters: a fixed budget however many rows.
    with django_assert_max_num_queries(14):
        assert editor_client.get(reverse(changelist)).status_code == 200
