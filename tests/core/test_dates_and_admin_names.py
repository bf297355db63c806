"""One way of writing dates and moments, the time zone named; editors see content only,
under names they read."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from wego_site.core.date_text import moment_text


def test_a_moment_names_its_time_zone():
    moment = dt.datetime(2026, 12, 1, 21, 0, tzinfo=dt.UTC)
    assert moment_text(moment) == "2 December 2026, 06:00 Seoul time (UTC+9)"


def test_other_zones_are_named_with_their_offset(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    moment = dt.datetime(2026, 12, 1, 21, 0, tzinfo=dt.UTC)
    assert moment_text(moment) == "2 December 2026, 02:30 Kolkata time (UTC+5:30)"


def test_the_moment_filter_writes_a_time_element():
    html = Template("{% load wego %}{{ when|moment }}").render(
        Context({"when": dt.datetime(2026, 12, 1, 21, 0, tzinfo=dt.UTC)})
    )
    assert html == (
        '<time datetime="2026-12-02T06:00+09:00"><span class="nowrap">2 December 2026, 06:00</span> '
        '<span class="nowrap">Seoul time (UTC+9)</span></time>'
    )


def test_django_dates_use_the_same_format():
    html = Template("{{ day|date }} {{ when|date:'DATETIME_FORMAT' }}").render(
        Context(
            {
                "day": dt.date(2026, 12, 2),
                "when": dt.datetime(2026, 12, 1, 21, 0, tzinfo=dt.UTC),
            }
        )
    )
    assert html == "2 December 2026 2 December 2026, 06:00"


@pytest.mark.django_db
def test_the_admin_writes_scheduled_times_the_same_way(editor_client):
    Post.objects.create(
        title="Soon",
        slug="soon",
        lede="L.",
        status="published",
        published_at=timezone.now() + dt.timedelta(days=400),
    )
    html = editor_client.get(reverse("admin:news_post_changelist")).content.decode()
    assert "Scheduled for " in html
    assert "Seoul time (UTC+9)" in html
    assert "a.m." not in html
    assert "p.m." not in html


@pytest.mark.django_db
def test_editors_see_no_internal_models(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Seed loads" not in html
    assert "Taggit" not in html
    assert ">Tags<" in html


@pytest.mark.django_db
def test_history_never_says_none(editor_client, seed):
    from programs.models import Edition

    edition = Edition.objects.get(slug="2018")
    html = editor_client.get(reverse("admin:programs_edition_history", args=[edition.pk]))
    text = html.content.decode()
    assert "First recorded version." in text
    assert "None" not in text
    assert "Seoul time (UTC+9)" in text
