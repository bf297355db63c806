"""The landing page gives the overview and leads on, with figures computed from the data."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from programs.models import Edition, Participant, Program, ProgramKind
from tests.factories import CountryFactory, EditionFactory, as_one_change
from tests.html import parse, text_of
from wego_site.core.templatetags.wego import unbroken_names

pytestmark = pytest.mark.django_db


def test_landing_gives_the_overview_then_leads_on(client, seed):
    response = client.get("/")
    text = text_of(response)
    headings = [text for _, text in parse(response).headings]
    # The hero (the overview and how to take part), then four sections.
    assert headings[:2] == ["Training Programs", "How to take part"]
    sections = [h for level, h in parse(response).headings if level == 2]
    assert sections == [
        "How to take part",
        "Programs",
        "Where the training has reached",
        "News",
        "Testimonials",
    ]
    for program in [
        "WeGO–SHRDC Training Program",
        "Chengdu Smart City & e\u2011Government Training Program",
        "World Bank Institute’s Smart Cities Webinar Series",
        "Joint Workshop for Smart Sustainable Cities & e\u2011Government",
    ]:
        assert program in text
    # The programs are their cards in short: kind, title, the summary's first sentence (the
    # programs page has it whole) and meta line; a program known only by its name by its
    # regional office.
    assert "No information available yet" not in text
    assert "Regional Office Program · Chengdu" in text and "Regional office: Asia" in text
    assert "A program of the WeGO Regional Office for Asia" in text
    assert "Since 2011, WeGO has organized a training program" in text
    assert "The program consists of diverse lectures" not in text
    assert "18 cities awarded for their smart initiatives" in text
    assert "Ms. Mirela Minca" in text
    # The overview's sentence opens the page once, not again at the top of "About".
    assert text.count("Capacity-building is a crucial component of WeGO programs") == 1
    assert "By organizing training programs, WeGO hopes" in text
    # Nor does the programs' introduction say again what the hero and the cards say.
    assert "foster collaboration among cities." in text
    assert "several training programs per year" not in text
    assert "WeGO also organizes training programs with its regional offices" not in text


def test_landing_names_its_contacts_once_in_the_footer_and_the_hero(client, seed):
    html = client.get("/").content.decode()
    main = html[html.index('<main id="main-content"') : html.index("</main>")]
    hero = main[: main.index("</header>")]
    # Without an open call the hero says whom to write to; the sections below do not.
    assert main.count("mailto:andrew@we-gov.org") == hero.count("mailto:andrew@we-gov.org") == 1
    assert 'id="contacts-heading"' not in html


def test_seed_facts_left_off_the_landing_are_on_their_own_pages(client, seed):
    """The landing is an overview; what it leaves out is one link away."""
    jeju = text_of(
        client.get("/programs/joint-workshop-smart-sustainable-cities-e-government/2018/")
    )
    assert "Jeju Sunrise Park (UNESCO World Heritage Site)" in jeju
    workshop = text_of(
        client.get("/programs/joint-workshop-smart-sustainable-cities-e-government/")
    )
    assert "Next year’s Joint Workshop will take place in Seoul" in workshop
    assert "Ms. Melissa Ovalle Buenrostro" in text_of(client.get("/testimonials/"))


def test_landing_figures_are_computed_from_the_data(client, seed):
    text = text_of(client.get("/"))
    assert "Editions since 2011 9" in text
    # The places that took part: the 2018 workshop's 18 cities and bodies in 13
    # countries, and the testimonials' Mexico City (2011), Bucharest, Barcelona and
    # Muscat (2013), in four more.
    assert "Cities and public bodies 22" in text
    assert "Countries 17" in text
    assert "Programs 4" in text

    Edition.objects.filter(slug="2011-09").delete()
    text = text_of(client.get("/"))
    assert "Editions since 2012 8" in text


def test_the_figures_stand_in_the_hero_once(client, seed):
    """The hero says what the programs are and how far they reached; the map's section
    says it in a sentence, without a second row of the same numbers."""
    response = client.get("/")
    html = response.content.decode()
    main = html[html.index('<main id="main-content"') : html.index("</main>")]
    hero, below = main.split("</header>", 1)
    assert 'aria-label="Training programs in figures"' in hero
    assert "Training programs in figures" not in below
    text = text_of(response)
    assert text.count("Cities and public bodies 22") == 1
    # Each figure is said once: the map's section says what the map shows, not the
    # numbers again.
    for figure in ("9 editions", "since 2011,", "22 cities", "17 countries"):
        assert figure not in text, figure
    assert "Where the participants came from, and where the editions were held." in text


def test_sample_content_is_never_counted_in_the_figures(client, seed):
    call_command("load_demo", stdout=io.StringIO())
    sample = Program.objects.get(is_sample=True)
    past_sample = EditionFactory(program=sample, start_date=dt.date(2019, 5, 1))
    Participant.objects.create(edition=past_sample, name="Sample Town", country=CountryFactory())
    text = text_of(client.get("/"))
    assert "Programs 4" in text
    assert "Editions since 2011 9" in text
    assert "Cities and public bodies 22" in text
    assert "Countries 17" in text


def test_the_sample_program_is_shown_apart_from_the_real_ones(client, seed):
    call_command("load_demo", stdout=io.StringIO())
    sample = Program.objects.get(is_sample=True)
    url = sample.get_absolute_url()
    landing = client.get("/").content.decode()
    # The landing's programs are the real ones; the sample is reached from its open call,
    # which leads the hero.
    hero, programs_band = landing.split('id="programs-heading"', 1)
    assert url not in programs_band and "sample-note" not in landing
    assert sample.editions.get().call.get_absolute_url() in hero

    programs = client.get("/programs/").content.decode()
    main = programs[programs.index('id="kind-main"') : programs.index('id="kind-regional"')]
    assert url not in main
    # A small note at the page's end, after every kind: its badge and its title as the link.
    real, note = programs[programs.index("<main") :].split('<p class="sample-note">', 1)
    assert url not in real
    assert note.startswith(f'<span class="sample-badge">Sample</span> <a href="{url}">')
    assert "sample-heading" not in programs and "program-card--sample" not in programs

    # Its kind's page keeps it apart the same way, after the real programs.
    kind = client.get("/programs/kind/main/").content.decode()
    kind = kind[kind.index("<main") :]
    real, note = kind.split('<p class="sample-note">', 1)
    assert url not in real and unbroken_names("WeGO–SHRDC Training Program") in real
    assert f'href="{url}"' in note
    # A real program's ways on never suggest it; its own page suggests the real ones.
    for path in ("/programs/wego-shrdc-training-program/", url):
        page = client.get(path).content.decode()
        others = page[page.index('id="other-programs-heading"') :]
        others = others[: others.index("</nav>")]
        assert f'href="{url}"' not in others and "Sample" not in others, path
        assert "Joint Workshop for Smart Sustainable Cities" in others, path


def test_landing_has_organization_json_ld(client, seed):
    scripts = parse(client.get("/")).scripts
    data = [json.loads(body) for kind, body in scripts if kind == "application/ld+json"]
    assert data[0]["@type"] == "Organization"
    assert data[0]["alternateName"] == "WeGO"


def test_landing_leads_to_every_program_and_the_archive(client, seed):
    html = client.get("/").content.decode()
    for program in Program.objects.all():
        assert f'href="{program.get_absolute_url()}"' in html
    assert 'href="/programs/archive/"' in html


def test_landing_stays_the_same_size_as_the_archive_grows(client, seed):
    """The landing shows the latest editions; the archive holds them all."""
    main = Program.objects.get(kind=ProgramKind.MAIN)
    with as_one_change():
        older = [
            EditionFactory(
                program=main, start_date=dt.date(1990 + n, 1, 10), title=f"Old {n}", slug=f"old-{n}"
            )
            for n in range(20)
        ]
    html = client.get("/").content.decode()
    assert older[0].get_absolute_url() not in html
    # The program's card names its latest edition held.
    assert 'latest <span class="date-range"><time datetime="2017-03-27">' in html
    # The figures still count every edition and start with the oldest.
    assert "Editions since 1990" in html
    assert older[0].get_absolute_url() in client.get("/programs/archive/").content.decode()


def test_the_landing_maps_sources_are_under_the_map(client, seed):
    """Inside the map's band, so the page still ends on its last band, not a stray line."""
    html = client.get("/").content.decode()
    assert html.count('<p class="map-credit">') == 1
    figure = html[html.index('<figure class="reach__map">') :]
    figure = figure[: figure.index("</section>")]
    figure = figure[: figure.rindex("</figure>")]
    assert '<p class="map-credit">' in figure and "GeoNames" in figure
