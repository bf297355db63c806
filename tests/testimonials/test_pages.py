"""The testimonials pages: the seed's testimonies, in pages, newest year first."""

import datetime as dt
import re

import pytest

from testimonials.models import Testimonial
from tests.factories import EditionFactory, TestimonialFactory, as_one_change
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_testimonials(client, seed):
    text = text_of(client.get("/testimonials/"))
    # "E-Government" never ends a line inside the byline: its hyphen is a non-breaking one.
    assert (
        "Ms. Melissa Ovalle Buenrostro, Chief of the E\u2011Government Research Department, "
        "Mexico City" in text
    )
    # The city is not said again after the organisation that names it.
    assert "Mr. Santiago Nieva Giralt, on behalf of Barcelona City Council " in text
    assert "Barcelona City Council, Barcelona" not in text
    # Under its edition's heading, which links to the edition's page.
    assert "WeGO–SHRDC Training Program, September 2011 One testimony For me" in text
    html = client.get("/testimonials/2013/").content.decode()
    assert 'href="/programs/wego-shrdc-training-program/2013-06/"' in html
    assert "Melissa" not in html


def test_the_head_says_who_speaks_from_the_testimonials_fields(client, seed):
    """The lede is built from the testimonials shown: how many, their program, their cities
    in the list's order (Barcelona from the city field, though its byline leaves it out)."""
    text = text_of(client.get("/testimonials/"))
    assert (
        "Testimonials Four participants of the WeGO–SHRDC Training Program, from Bucharest,"
        " Barcelona, Muscat and Mexico City, on the training." in text
    )
    assert "Testimonies of former participants" not in text
    year = text_of(client.get("/testimonials/2013/"))
    assert (
        "Three participants of the WeGO–SHRDC Training Program, from Bucharest, Barcelona"
        " and Muscat, on the training." in year
    )


def test_the_head_counts_the_cities_when_there_are_many_and_names_no_missing_one(
    client, empty_site
):
    with as_one_change():
        for n in range(7):
            TestimonialFactory(person_name=f"Speaker {n}", city=f"City {n}")
        TestimonialFactory(person_name="Speaker without a city")
    text = text_of(client.get("/testimonials/"))
    assert "Eight participants of WeGO’s training programs, from 7 cities, on the training." in text


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


def test_a_testimonials_byline_has_one_link_to_its_source(client, seed):
    """The name, role, organisation and city as text; the edition (or program) the only
    link, wherever a testimonial is shown."""
    for url in ["/testimonials/", "/", "/cities/mexico-city/"]:
        html = client.get(url).content.decode()
        bylines = re.findall(r'<figcaption class="testimonial__by">(.*?)</figcaption>', html, re.S)
        assert bylines, url
        for byline in bylines:
            assert byline.count("<a ") == byline.count('class="testimonial__source"><a ') <= 1
    html = client.get("/testimonials/").content.decode()
    assert (
        '<span class="testimonial__city"><span class="testimonial__comma">, </span>Mexico City</span>'
        in html
    )
    assert 'href="/cities/mexico-city/"' not in html


def test_the_year_chips_are_offered_only_when_the_testimonials_take_several_pages(client, seed):
    # The seed's four testimonials of two years: read at a glance, no chips.
    for url in ["/testimonials/", "/testimonials/2013/"]:
        assert "Testimonials by year" not in client.get(url).content.decode(), url
    with as_one_change():
        for n in range(24):
            TestimonialFactory(person_name=f"Speaker {n}", year=2010)
    for url in ["/testimonials/", "/testimonials/2013/"]:
        assert 'aria-label="Testimonials by year"' in client.get(url).content.decode(), url


def test_the_testimonials_page_names_each_edition_once_over_its_testimonies(client, seed):
    """The testimonials are grouped under the edition they speak of, newest first: its
    name a heading linking to its page (the program then the edition's own words, one
    run, those words' last two held by a no-break space), how many testimonies it has;
    no byline repeats the link."""
    response = client.get("/testimonials/")
    html = response.content.decode()
    headings = re.findall(
        r'<h2 id="testimonial-group-\d+" class="testimonial-group__heading">(.*?)</h2>', html
    )
    assert headings == [
        '<a href="/programs/wego-shrdc-training-program/2013-06/">'
        '<span class="testimonial-group__program"><span class="nowrap">WeGO–SHRDC</span> Training Program'
        ",</span> "
        '<span class="testimonial-group__title">June\u00a02013</span></a>',
        '<a href="/programs/wego-shrdc-training-program/2011-09/">'
        '<span class="testimonial-group__program"><span class="nowrap">WeGO–SHRDC</span> Training Program'
        ",</span> "
        '<span class="testimonial-group__title">September\u00a02011</span></a>',
    ]
    text = text_of(response)
    assert "Program, June 2013 Three testimonies The lectures" in text
    assert "Program, September 2011 One testimony For me" in text
    assert "testimonial__source" not in html
    assert html.count('href="/programs/wego-shrdc-training-program/2013-06/"') == 1


def test_testimonials_of_one_edition_are_grouped_whatever_their_order_of_entry(client, empty_site):
    """An edition's testimonials stand together under its heading (the later edition of a
    year first), a program's without an edition under the program's title."""
    first = EditionFactory(start_date=dt.date(2016, 3, 1), end_date=dt.date(2016, 3, 9))
    later = EditionFactory(start_date=dt.date(2016, 9, 1), end_date=dt.date(2016, 9, 9))
    with as_one_change():
        for n, source in enumerate([first, later, first, later]):
            TestimonialFactory(person_name=f"Speaker {n}", year=2016, edition=source)
        TestimonialFactory(person_name="Speaker of the program", year=2016, program=first.program)
    html = client.get("/testimonials/").content.decode()
    groups = re.findall(r'<section class="testimonial-group".*?</section>', html, re.S)
    names = [re.findall(r'class="testimonial__name">([^<]+)<', group) for group in groups]
    assert names == [
        ["Speaker 1", "Speaker 3"],
        ["Speaker 0", "Speaker 2"],
        ["Speaker of the program"],
    ]
    assert (
        f'<a href="{first.program.get_absolute_url()}"><span class="testimonial-group__title">'
        in groups[2]
    )
