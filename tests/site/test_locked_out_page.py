"""The lockout page links to the admin wherever DJANGO_ADMIN_URL puts it."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import path, reverse

from wego_site import urls as site_urls

pytestmark = pytest.mark.django_db

OTHER_ADMIN_URL = "office-7f3a/"

# The site's URLs with the admin mounted under OTHER_ADMIN_URL, as urls.py builds them
# when DJANGO_ADMIN_URL says so.
urlpatterns = [
    *(entry for entry in site_urls.urlpatterns if str(entry.pattern) != settings.ADMIN_URL),
    path(OTHER_ADMIN_URL, admin.site.urls),
]


def lock_out(client):
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(login, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    return response.content.decode()


def test_lockout_page_follows_another_admin_prefix(client, editor, settings):
    settings.ADMIN_URL = OTHER_ADMIN_URL
    settings.ROOT_URLCONF = __name__
    assert reverse("admin:login") == f"/{OTHER_ADMIN_URL}login/"
    html = lock_out(client)
    assert f'<a class="admin-brand" href="/{OTHER_ADMIN_URL}">' in html
    assert "Training Programs — administration</span></a>" in html
    assert 'href="/admin/"' not in html
