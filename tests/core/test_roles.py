"""The "Secretariat editor" role: every content right, nothing on users or permissions."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


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
    assert ("news", "change_taggedpost") in codenames  # a post's versions hold its tags
    assert ("wego_site", "change_redirect") in codenames
    assert not group.permissions.filter(content_type__model="seedload").exists()
    assert not group.permissions.filter(content_type__app_label__in=["auth", "axes"]).exists()


def test_setup_roles_restores_the_group():
    group = Group.objects.get(name="Secretariat editor")
    group.permissions.clear()
    call_command("setup_roles", stdout=io.StringIO())
    assert group.permissions.filter(codename="change_post").exists()
