"""An edition named by its year (a program's table of editions, its timeline, the edition
that leads a program without text): the year alone, or, where the program has another
public edition that year, the year and its months (`Edition.year_label`), so no two of a
program's editions read alike."""

import datetime as dt
import re

import pytest

from programs.models import Edition
from tests.factories import EditionFactory, ProgramFactory
from wego_site.core.date_text import month_range_text
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db

MAIN = "/programs/wego-shrdc-training-program/"


def test_the_months_of_a_range():
    assert month_range_text(dt.date(2012, 7, 1), dt.date(2012, 7, 7)) == "July"
    assert month_range_text(dt.date(2012, 5, 29), dt.date(2012, 6, 6)) == "May–June"
    assert month_range_text(dt.date(2012, 12, 30), dt.date(2013, 1, 2)) == "December–January"
    assert month_range_text(dt.date(2012, 7, 1)) == "July"


def test_the_two_editions_of_2012_are_told_apart_by_their_months(seed):
    labels = {
        edition.slug: edition.year_label
        for edition in Edition.objects.published()
        .filter(program__slug="wego-shrdc-training-program")
        .with_program_ranks()
    }
    assert labels["2012-05"] == "2012 (May–June)"
    assert labels["2012-07"] == "2012 (July)"
    assert labels["2016-05"] == "2016" and labels["2011-09"] == "2011"
    assert len(set(labels.values())) == len(labels) == 8


def test_an_edition_of_another_program_the_same_year_does_not_count(db):
    first = EditionFactory(start_date=dt.date(2019, 3, 4))
    EditionFactory(start_date=dt.date(2019, 9, 1))  # another program's
    draft = EditionFactory(program=first.program, start_date=dt.date(2019, 11, 1))
    draft.status = PublicationStatus.DRAFT
    draft.save()
    edition = Edition.objects.with_program_ranks().get(pk=first.pk)
    assert edition.year_label == "2019"


def test_a_programs_table_and_timeline_name_the_2012_editions_apart(client, seed):
    table = client.get(MAIN).content.decode()
    table = table[table.index('id="editions-heading"') : table.index("</table>")]
    # The label's words joined by an en dash ("May–June") are held on one line by a span.
    years = [
        re.sub(r"<[^>]+>", "", year)
        for year in re.findall(r'class="archive-table__year[^"]*"[^>]*>(.*?)</t[hd]>', table)
    ]
    assert "2012 (July)" in years and "2012 (May–June)" in years and "2012" not in years
    assert len(years) == len(set(years)) == 8
    timeline = client.get(f"{MAIN}2016-05/").content.decode()
    years = re.findall(r'<span class="edition-timeline__year">([^<]+)</span>', timeline)
    assert years[5:7] == ["2012 (July)", "2012 (May–June)"]
    assert len(years) == len(set(years)) == 8


def test_a_program_led_by_its_latest_edition_names_it_apart_from_one_the_same_year(client, db):
    program = ProgramFactory(slug="twice-a-year")
    EditionFactory(program=program, slug="spring", start_date=dt.date(2019, 4, 1))
    EditionFactory(program=program, slug="autumn", start_date=dt.date(2019, 10, 30))
    html = client.get(program.get_absolute_url()).content.decode()
    assert ">The latest edition, 2019 (October–November)</h2>" in html
    assert 'href="/programs/twice-a-year/autumn/">The 2019 (October–November) edition in full' in (
        html
    )
