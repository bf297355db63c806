"""The lists that hold the whole archive come in pages; a year's list stays whole."""

import datetime as dt
import re

import pytest

from programs.models import Edition
from testimonials.models import Testimonial
from tests.factories import make_edition, make_program, make_testimonial
from tests.site.html import text_of

pytestmark = pytest.mark.django_db


def make_editions(count):
    program = make_program(title="Long-running program")
    return [
        make_edition(program, start=dt.date(2000 + n // 10, 1 + n % 10, 1), slug=f"e-{n}")
        for n in range(count)
    ]


def test_the_archive_of_editions_comes_in_pages_newest_first(client):
    editions = make_editions(60)
    first = client.get("/programs/archive/")
    text = text_of(first)
    assert "60 editions from 2000 to 2005, page 1 of 2." in text
    html = first.content.decode()
    assert editions[-1].get_absolute_url() in html  # the newest
    assert editions[0].get_absolute_url() not in html  # the oldest, on page 2
    assert 'href="?page=2" rel="next"' in html
    assert 'Older<span class="visually-hidden"> editions</span>' in html

    second = client.get("/programs/archive/?page=2")
    assert editions[0].get_absolute_url() in second.content.decode()
    assert "<title>Archive of editions, page 2" in second.content.decode()
    assert client.get("/programs/archive/?page=3").status_code == 404


def test_a_year_of_the_archive_is_one_page(client):
    make_editions(60)
    html = client.get("/programs/archive/2003/").content.decode()
    assert html.count('class="archive-item"') == 10
    assert "?page=" not in html


def test_the_archive_lists_newest_first_within_a_page(client):
    make_editions(12)
    html = client.get("/programs/archive/").content.decode()
    years = [int(y) for y in re.findall(r'<h2 id="year-(\d+)"', html)]
    assert years == [2001, 2000]
    newest_first = [e.get_absolute_url() for e in Edition.objects.order_by("-start_date")]
    assert sorted(newest_first, key=html.index) == newest_first


def test_testimonials_come_in_pages_and_a_year_is_whole(client):
    for n in range(30):
        make_testimonial(person_name=f"Speaker {n}", year=2010 + n % 3)
    text = text_of(client.get("/testimonials/"))
    assert "30 testimonies of former participants, page 1 of 2." in text
    assert "Speaker 2" in text  # a 2012 testimonial: the newest year comes first
    assert text.count("Speaker") == 24
    second = client.get("/testimonials/?page=2")
    assert text_of(second).count("Speaker") == 6
    assert "<title>Testimonials, page 2" in second.content.decode()

    year = client.get("/testimonials/2011/").content.decode()
    assert year.count('class="testimonial"') == Testimonial.objects.filter(year=2011).count()
    assert "?page=" not in year
