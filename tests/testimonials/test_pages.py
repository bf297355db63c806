"""The testimonials pages: the seed's testimonies, in pages, newest year first."""

import pytest

from testimonials.models import Testimonial
from tests.factories import TestimonialFactory, as_one_change
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_testimonials(client, seed):
    text = text_of(client.get("/testimonials/"))
    assert (
        "Ms. Melissa Ovalle Buenrostro, Chief of the E-Government Research Department, Mexico City"
        in text
    )
    assert "Mr. Santiago Nieva Giralt, on behalf of Barcelona City Council, Barcelona" in text
    assert "Mexico City WeGO–SHRDC Training Program, September 2011" in text  # its edition
    html = client.get("/testimonials/2013/").content.decode()
    assert 'href="/programs/wego-shrdc-training-program/2013-06/"' in html
    assert "Melissa" not in html


def test_testimonials_come_in_pages_and_a_year_is_whole(client, empty_site):
    with as_one_change():
        for n in range(30):
            TestimonialFactory(person_name=f"Speaker {n}", year=2010 + n % 3)
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


def test_a_testimonials_city_links_to_its_place(client, seed, django_assert_max_num_queries):
    for url in ["/testimonials/", "/"]:
        with django_assert_max_num_queries(40):
            html = client.get(url).content.decode()
        assert (
            '<span class="testimonial__city">, <a href="/cities/barcelona/">Barcelona</a>' in html
        )
    # Not on the place's own page.
    html = client.get("/cities/barcelona/").content.decode()
    assert '<a href="/cities/barcelona/">Barcelona</a></span>' not in html
    assert '<span class="testimonial__city">, Barcelona</span>' in html
