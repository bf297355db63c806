"""Every admin page an editor uses renders, for a superuser and for a secretariat editor."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.applications.factories import ApplicationFactory
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
        "wego_site.Redirect",
    ]:
        assert label in registered
    # The seed loader's bookkeeping is not content: editors never see it.
    assert "wego_site.SeedLoad" not in registered


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
        ApplicationFactory()
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the seed has no {model._meta.verbose_name}"
    change = staff_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    if hasattr(model_admin, "history_view"):
        assert staff_client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_news_list_shows_status_and_year_filters(superuser_client, seed):
    html = superuser_client.get(reverse("admin:news_post_changelist")).content.decode()
    assert "Scheduled (published, time to come)" in html
    # The date hierarchy offers the posts' months (all the seed's posts are of 2020).
    september = 'href="?published_at__month=9&amp;published_at__year=2020">September 2020</a>'
    assert september in html


def test_admin_site_header(superuser_client):
    html = superuser_client.get(reverse("admin:index")).content.decode()
    assert "WeGO Training Programs — administration" in html


def test_the_admin_names_the_libraries_sections_for_staff(superuser_client):
    """The sign-in records and the email queue under headings staff can read, not the
    libraries' names ("Axes", "Post Office")."""
    html = superuser_client.get(reverse("admin:index")).content.decode()
    assert "Sign-in attempts and lockouts" in html and "Emails sent by the site" in html
    assert ">Axes<" not in html and ">Post Office<" not in html


def test_the_sign_in_page_carries_the_word_mark_colours_and_typeface(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert '<span class="admin-brand__we">We</span><span class="admin-brand__go">GO</span>' in html
    assert "/static/admin/wego-admin.css" in html
    assert 'rel="preload" href="/static/fonts/wego-sans-400.woff2"' in html


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:news_post_changelist",
        "admin:programs_program_changelist",
        "admin:programs_edition_changelist",
        "admin:programs_participant_changelist",
        "admin:programs_country_changelist",
        "admin:programs_place_changelist",
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
