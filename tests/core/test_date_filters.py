"""The date_range filter reads the way people write dates, each in a <time datetime>."""

import datetime as dt
import json

import pytest
from django.template import Context, Template
from django.utils.html import strip_tags

from wego_site.core.date_text import date_range_text
from wego_site.core.templatetags.wego import (
    date_range,
    json_ld,
    last_words_together,
    nobreak,
    unbroken_addresses,
    unbroken_names,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2011, 9, 5), D(2011, 9, 9), "5–9 September 2011"),
        (D(2012, 5, 29), D(2012, 6, 6), "29 May – 6 June 2012"),
        (D(2012, 12, 30), D(2013, 1, 2), "30 December 2012 – 2 January 2013"),
        (D(2018, 7, 9), D(2018, 7, 9), "9 July 2018"),
        (D(2018, 7, 9), None, "9 July 2018"),
    ],
)
def test_text_reads_naturally(start, end, text):
    assert date_range_text(start, end) == text
    assert strip_tags(date_range(start, end)) == text


def test_same_month_range_is_two_time_elements():
    html = date_range(D(2011, 9, 5), D(2011, 9, 9))
    assert html == (
        '<span class="date-range"><time datetime="2011-09-05">5</time>–'
        '<time datetime="2011-09-09">9 September 2011</time></span>'
    )


def test_range_across_years_keeps_both_years():
    html = date_range(D(2012, 12, 30), D(2013, 1, 2))
    assert '<time datetime="2012-12-30">30 December 2012</time>' in html
    assert '<time datetime="2013-01-02">2 January 2013</time>' in html
    assert " – " in html


def test_single_day_is_one_time_element():
    html = date_range(D(2018, 7, 9), D(2018, 7, 9))
    assert html == '<time datetime="2018-07-09">9 July 2018</time>'
    assert html.count("<time") == 1


def test_filter_in_a_template_and_empty_input():
    template = Template("{% load wego %}{{ start|date_range:end }}|{{ nothing|date_range }}")
    out = template.render(Context({"start": D(2014, 4, 6), "end": D(2014, 4, 13)}))
    assert out == (
        '<span class="date-range"><time datetime="2014-04-06">6</time>–'
        '<time datetime="2014-04-13">13 April 2014</time></span>|'
    )


def test_json_ld_cannot_be_closed_by_user_text():
    hostile = "</script><script>alert(1)</script> & <!--"
    html = json_ld({"name": hostile})
    assert html.startswith('<script type="application/ld+json">')
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": hostile}


def test_nobreak_keeps_a_one_letter_prefix_with_its_word():
    assert nobreak("Smart City & e-Government") == "Smart City & e\u2011Government"
    assert nobreak("“e-government”") == "“e\u2011government”"
    # Not inside addresses, links or longer words.
    for text in ["mail@e-gov.org", "[x](http://a.org/e-b)", "Carbon-free", "WeGO–SHRDC"]:
        assert nobreak(text) == text


def test_nobreak_keeps_a_name_with_its_number():
    assert nobreak("response to COVID-19 in cities") == "response to COVID\u201119 in cities"
    assert nobreak("(G-20)") == "(G\u201120)"
    assert nobreak("http://a.org/covid-19") == "http://a.org/covid-19"


def test_nobreak_sets_a_range_of_numbers_with_an_en_dash_held_on_one_line():
    joined = "\u2060\u2013\u2060"
    assert nobreak("from July 9-12, 2018") == f"from July 9{joined}12, 2018"
    assert nobreak("(2011-2017)") == f"(2011{joined}2017)"
    # Not a date written with hyphens, an address or a phone number.
    for text in ["on 2011-09-05", "/archive/2018-07/", "+82-2-123-4567", "mail@x9-12.org"]:
        assert nobreak(text) == text


def test_words_joined_by_an_en_dash_are_kept_whole_and_the_rest_escaped():
    assert unbroken_names("WeGO–SHRDC Training Program <b>") == (
        '<span class="nowrap">WeGO–SHRDC</span> Training Program &lt;b&gt;'
    )
    assert unbroken_names("May–June 2012") == '<span class="nowrap">May–June</span> 2012'
    # A range of numbers (held by nobreak), a spaced dash and plain text are left as they are.
    for text in ["9\u2060–\u206012 July", "Seoul – Jeju", "e\u2011Government"]:
        assert unbroken_names(text) == text


def test_the_last_two_words_are_kept_on_one_line():
    assert last_words_together("WeGO–SHRDC Training Program") == "WeGO–SHRDC Training\u00a0Program"
    assert last_words_together("September 2011") == "September\u00a02011"
    # One word, or none, is left as it is; so is the text before the last space.
    for text in ["June", "", None]:
        assert last_words_together(text) == text
    # Then kept whole by unbroken_names, which escapes the rest.
    assert unbroken_names(last_words_together("WeGO–SHRDC Training <Program>")) == (
        '<span class="nowrap">WeGO–SHRDC</span> Training\u00a0&lt;Program&gt;'
    )


def test_email_addresses_are_kept_whole_and_the_rest_escaped():
    text = "Write to Mr. Andrew Lim (andrew@we-gov.org) <b>now</b>."
    assert unbroken_addresses(text) == (
        'Write to Mr. Andrew Lim (<span class="nowrap">andrew@we-gov.org</span>) '
        "&lt;b&gt;now&lt;/b&gt;."
    )
