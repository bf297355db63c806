"""The fixtures hold every fact of the seed page, and loading them is idempotent."""

import datetime as dt
import importlib
import io
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command

from news.models import Post, TaggedPost
from programs.models import (
    Contact,
    Country,
    Edition,
    Introduction,
    Organisation,
    Participant,
    Program,
    ProgramKind,
    RegionalOffice,
    SiteVisit,
    Topic,
)
from testimonials.models import Testimonial

pytestmark = pytest.mark.django_db

MAIN_EDITION_DATES = [
    (dt.date(2011, 9, 5), dt.date(2011, 9, 9)),
    (dt.date(2012, 5, 29), dt.date(2012, 6, 6)),
    (dt.date(2012, 7, 1), dt.date(2012, 7, 7)),
    (dt.date(2013, 6, 23), dt.date(2013, 6, 30)),
    (dt.date(2014, 4, 6), dt.date(2014, 4, 13)),
    (dt.date(2015, 5, 18), dt.date(2015, 5, 22)),
    (dt.date(2016, 5, 22), dt.date(2016, 5, 29)),
    (dt.date(2017, 3, 27), dt.date(2017, 3, 31)),
]

NEWS = [
    ("2020-09-29", "18 cities awarded for their smart initiatives", "The results of the 4th WeGO Awards were announced today."),
    ("2020-08-27", "Hands-on experience offered in first Smart City Driver webinar", "WeGO held the first installment of its webinar series"),
    ("2020-07-24", "The Americas in focus in second webinar on COVID-19 response", "WeGO continued its webinar series focused on presenting regional cases"),
    ("2020-07-17", "WeGO continues engagement with ASCN by participating in Annual Meeting", "WeGO continued its engagement with the ASEAN Smart Cities Network (ASCN)"),
    ("2020-07-13", "Japanese stakeholders introduced to WeGO in exclusive webinar series for Japan", "WeGO co-organized a two-part webinar series"),
    ("2020-05-29", "WeGO holds first webinar on COVID-19 best practice", "WeGO held its first webinar as a part of the Smart Health Responder"),
    ("2020-05-13", "G20 and Japanese smart city association become latest partners of WeGO", "WeGO has concluded an MOU with Smart City Institute Japan (SCI-J)"),
    ("2020-04-30", "WeGO supports partners on COVID-19 response through webinars", "WeGO recently contributed to two webinars organized by its partners"),
    ("2020-04-03", "Cauayan City selected as beneficiary of Project Implementer 2020", "WeGO has selected Cauayan City, Philippines"),
    ("2020-03-11", "WeGO resumes meetings with diplomatic missions in Q1", "WeGO resumed its regular courtesy visits to embassies"),
]  # fmt: skip


def test_main_program_has_its_eight_editions_with_exact_dates(seed):
    main = Program.objects.get(kind=ProgramKind.MAIN)
    assert main.since_year == 2011
    assert [p.acronym for p in main.partners.all()] == ["SHRDC"]
    editions = main.editions.order_by("start_date")
    assert [(e.start_date, e.end_date) for e in editions] == MAIN_EDITION_DATES
    assert editions.filter(start_date__year=2012).count() == 2
    assert not Topic.objects.filter(edition__program=main).exists(), "topics were not captured"


def test_jeju_joint_workshop_2018(seed):
    edition = Edition.objects.get(program__kind=ProgramKind.JOINT_WORKSHOP)
    assert (edition.start_date, edition.end_date) == (dt.date(2018, 7, 9), dt.date(2018, 7, 12))
    assert edition.venue_city == "Jeju Island"
    assert edition.venue_country.name == "Korea"
    assert {o.name for o in edition.co_organisers.all()} == {
        "World Smart Sustainable Cities Organization",
        "Ministry of the Interior & Safety",
        "National Information Society Agency",
        "World Bank",
    }
    assert edition.topics.first().title == "Role of Smart Cities in the 21st Century"
    assert edition.topics.count() == 6
    assert [str(v) for v in edition.site_visits.all()] == [
        "Jeju Techno Park",
        "Kakao Corporation",
        "Jeju Sunrise Park (UNESCO World Heritage Site)",
        "Korea Energy Research Center",
    ]
    assert edition.people_involved == 69
    assert edition.participant_count == 28
    assert edition.participants.count() == 18
    assert edition.participants.values("country").distinct().count() == 13
    assert edition.participants.get(position=2).name == "Government of Punjab, Chandigarh"
    assert edition.participants.get(name="Harare").country.name == "Zimbabwe"
    assert sorted(c.email for c in edition.contacts.all()) == [
        "alexandra@we-gov.org",
        "andrew@we-gov.org",
    ]
    assert edition.program_document.name == ""
    assert edition.video_url == ""


def test_joint_workshop_keeps_its_announcement_without_inventing_an_edition(seed):
    program = Program.objects.get(kind=ProgramKind.JOINT_WORKSHOP)
    assert "Next year’s Joint Workshop will take place in Seoul, Korea" in program.announcement
    assert program.editions.count() == 1


def test_chengdu_program_exists_with_no_invented_text(seed):
    chengdu = Program.objects.get(title="Chengdu Smart City & e-Government Training Program")
    assert chengdu.kind == ProgramKind.REGIONAL
    assert (chengdu.summary, chengdu.body) == ("", "")
    assert not chengdu.editions.exists()
    assert chengdu.regional_office.city == "Chengdu"


def test_regional_offices_asia_and_europe(seed):
    offices = {o.region: o for o in RegionalOffice.objects.all()}
    assert offices["Asia"].city == "Chengdu"
    assert offices["Europe"].city == "Ulyanovsk Region"
    assert {o.training_since for o in offices.values()} == {2014}


def test_world_bank_institute_webinar_series(seed):
    program = Program.objects.get(kind=ProgramKind.PARTNER)
    assert program.title == "World Bank Institute’s Smart Cities Webinar Series"
    assert "“Smart Cities” series" in program.summary
    assert {o.name for o in program.partners.all()} == {"World Bank", "World Bank Institute"}


def test_section_texts(seed):
    intros = Introduction.objects.by_section()
    assert intros["overview"].text.startswith("Capacity-building is a crucial component")
    # "About" repeated the overview's first sentence; it starts after it.
    assert intros["about"].text.startswith("By organizing training programs, WeGO hopes")
    assert "lectures, interactive sessions, and site visits" in intros["about"].text
    assert intros["regional"].text.startswith("Starting 2014, the WeGO Regional Offices")
    assert "workshops, excursions, and webinars" in intros["partner"].text
    assert not Introduction.objects.filter(text__icontains="Description of the regional").exists()


def test_ten_news_posts_with_dates_titles_and_ledes(seed):
    posts = list(Post.objects.order_by("-published_at"))
    assert len(posts) == 10
    for post, (date, title, lede_start) in zip(posts, NEWS, strict=True):
        assert post.published_at_local.date().isoformat() == date
        assert post.title == title
        assert post.lede.startswith(lede_start)
        assert post.dateline == "SEOUL"
        assert post.cover_image.name == "", "no pictures are in the seed"
    assert set(Post.objects.get(slug__startswith="g20").tags.names()) == {
        "partnership",
        "SCI-J",
        "GSCA",
    }
    assert Organisation.objects.get(acronym="ASCN").posts.count() == 1


def test_four_testimonials_with_people_roles_cities_and_years(seed):
    rows = [
        (t.year, t.full_name, t.role, t.city, t.on_behalf_of)
        for t in Testimonial.objects.order_by("year", "pk")
    ]
    assert rows == [
        (2011, "Ms. Melissa Ovalle Buenrostro", "Chief of the E-Government Research Department", "Mexico City", ""),
        (2013, "Ms. Mirela Minca", "Head of International Program and Cooperation Service", "Bucharest", ""),
        (2013, "Mr. Santiago Nieva Giralt", "", "Barcelona", "Barcelona City Council"),
        (2013, "Mr. Khalid AC Zadjali", "Deputy Director General of Information System", "Muscat", ""),
    ]  # fmt: skip
    barcelona = Testimonial.objects.get(person_name="Santiago Nieva Giralt")
    assert "especially of Mrs. Merce Mestre" in barcelona.quote
    assert all(t.edition.year == t.year for t in Testimonial.objects.all())


def test_contacts(seed):
    assert [(c.full_name, c.email) for c in Contact.objects.order_by("email")] == [
        ("Ms. Alexandra Sidorova", "alexandra@we-gov.org"),
        ("Mr. Andrew Lim", "andrew@we-gov.org"),
    ]


def table_sizes():
    models = [Country, Organisation, Contact, RegionalOffice, Introduction, Program, Edition]
    models += [Topic, SiteVisit, Participant, Post, TaggedPost, Testimonial]
    return {model.__name__: model.objects.count() for model in models}


def test_loaddata_twice_leaves_the_same_rows(empty_site):
    fixtures = [
        "fixtures/00_places.json",
        "fixtures/01_programs.json",
        "fixtures/02_news.json",
        "fixtures/03_testimonials.json",
    ]
    call_command("loaddata", *fixtures, verbosity=0)
    first = table_sizes()
    call_command("loaddata", *fixtures, verbosity=0)
    assert table_sizes() == first
    assert first["Edition"] == 9


def test_load_seed_again_keeps_editor_changes(seed):
    program = Program.objects.get(kind=ProgramKind.PARTNER)
    program.title = "Edited by the secretariat"
    program.save()
    Topic.objects.filter(position=6).delete()
    before = table_sizes()

    output = io.StringIO()
    call_command("load_seed", stdout=output)

    assert "skipped" in output.getvalue()
    assert table_sizes() == before
    program.refresh_from_db()
    assert program.title == "Edited by the secretariat"


def test_load_seed_adds_only_missing_rows_when_a_file_is_new(seed, tmp_path):
    """A new seed file never overwrites rows it shares with the database."""
    Program.objects.filter(kind=ProgramKind.PARTNER).update(title="Edited")
    shutil.copy("fixtures/01_programs.json", tmp_path / "09_programs_again.json")
    output = io.StringIO()
    call_command("load_seed", directory=tmp_path, stdout=output)

    assert "0 rows added" in output.getvalue()
    assert Program.objects.get(kind=ProgramKind.PARTNER).title == "Edited"


def test_a_stored_about_text_loses_the_overview_sentence_only_if_still_the_seeds(seed):
    shorten = importlib.import_module(
        "programs.migrations.0009_about_without_the_overview_sentence"
    )
    about = Introduction.objects.get(section="about")
    assert about.text == shorten.SEED_ABOUT.removeprefix(shorten.REPEATED)
    Introduction.objects.filter(pk=about.pk).update(text=shorten.SEED_ABOUT)
    shorten.drop_repeated_sentence(apps, None)
    about.refresh_from_db()
    assert about.text.startswith("By organizing training programs, WeGO hopes")
    Introduction.objects.filter(pk=about.pk).update(text="An editor's own words.")
    shorten.drop_repeated_sentence(apps, None)
    about.refresh_from_db()
    assert about.text == "An editor's own words."
