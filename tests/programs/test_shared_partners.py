"""What a program's partners have done with WeGO besides it: the editions of other programs
they co-organized and the other programs they are partners of, found from the program's
partners (`Edition.objects.co_organised_by_partners_of`, `Program.objects.sharing_partners_with`)
and shown on the program's page ("Also with the World Bank")."""

import re
from types import SimpleNamespace

import pytest

from programs.models import Edition, Organisation, Program
from tests.factories import EditionFactory, OrganisationFactory, ProgramFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

WEBINARS = "/programs/world-bank-institute-smart-cities-webinar-series/"
JEJU = "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/"


def section_of(html):
    """The page's "Also with …" section, or None."""
    if 'id="partners-elsewhere-heading"' not in html:
        return None
    start = html.index('<section class="section partners-elsewhere"')
    return html[start : html.index("</section>", start)]


def test_a_partner_of_the_webinar_series_co_organized_the_joint_workshop_2018(seed):
    webinars = Program.objects.get(slug="world-bank-institute-smart-cities-webinar-series")
    found = Edition.objects.published().co_organised_by_partners_of(webinars)
    assert [(e.program.slug, e.slug) for e in found] == [
        ("joint-workshop-smart-sustainable-cities-e-government", "2018")
    ]
    assert not Program.objects.published().sharing_partners_with(webinars).exists()


def test_what_partners_did_elsewhere_is_found_once_and_never_the_programs_own(db):
    bank, institute = OrganisationFactory(), OrganisationFactory()
    program = ProgramFactory()
    program.partners.set([bank, institute])
    own = EditionFactory(program=program)
    own.co_organisers.set([bank])
    # Co-organized by both partners: found once.
    both = EditionFactory()
    both.co_organisers.set([bank, institute])
    EditionFactory().co_organisers.set([OrganisationFactory()])  # no partner of it
    partnered = ProgramFactory()
    partnered.partners.set([bank, institute])
    ProgramFactory().partners.set([OrganisationFactory()])

    editions = Edition.objects.co_organised_by_partners_of(program)
    assert list(editions) == [both]
    assert list(Program.objects.sharing_partners_with(program)) == [partnered]
    # A program without partners shares none.
    alone = ProgramFactory()
    assert not Edition.objects.co_organised_by_partners_of(alone).exists()
    assert not Program.objects.sharing_partners_with(alone).exists()


def test_the_webinar_series_presents_the_joint_workshop_its_partner_co_organized(client, seed):
    """The World Bank, a partner of the webinar series, co-organized the Joint Workshop's
    2018 edition in Jeju: the series, which has no text and no edition of its own, opens
    with that edition's record under "Also with the World Bank" — its full title, dates and
    venue, figures and co-organizers, a link to it (its summary and topics left to its own
    page) — beside the Key facts, how to take part under them. Its head has no globe: an
    online series is held nowhere, and Jeju is the edition's place, not the series'."""
    html = client.get(WEBINARS).content.decode()
    section = section_of(html)
    assert section is not None
    assert '<h2 id="partners-elsewhere-heading">Also with the World Bank</h2>' in section
    text = text_of(SimpleNamespace(content=section.encode()))
    assert "Co-organized by the World Bank:" in text
    assert f'href="{JEJU}"' in section
    assert "Joint Workshop for Smart Sustainable Cities & e‑Government 2018" in text
    assert "9–12 July 2018 · Jeju Island, Korea" in text
    assert "With high demand for technical training" not in text
    figures = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", section)
    assert figures == [
        ("Participants", "28"),
        ("People involved", "69"),
        ("Cities and bodies", "18"),
        ("Countries", "13"),
    ]
    assert "Co-organizers" in text and "National Information Society Agency (NIA)" in text
    # Its topics are its own page's, a link away.
    assert "Role of Smart Cities in the 21st Century" not in text
    # The page's record, beside the Key facts; how to take part is the rail's second panel.
    assert (
        html.index('class="main-intro"')
        < html.index("partners-elsewhere-heading")
        < html.index('<aside class="side-col"')
        < html.index('id="take-part-heading"')
    )
    assert 'class="take-part take-part--note take-part--rail"' in html
    head = html[html.index('<div class="page-head">') : html.index('class="main-intro"')]
    assert "locator-map" not in head
    # Programs whose partners did nothing else with WeGO have no such section.
    for path in [
        "/programs/wego-shrdc-training-program/",
        "/programs/chengdu-smart-city-e-government-training-program/",
        "/programs/joint-workshop-smart-sustainable-cities-e-government/",
    ]:
        assert section_of(client.get(path).content.decode()) is None, path


def test_a_program_sharing_a_partner_is_shown_with_it_not_among_the_others(client, seed):
    """Another program with a partner in common is its card in short under the shared
    partner, and is not offered again among "Other training programs"."""
    bank = Organisation.objects.get(name="World Bank")
    other = ProgramFactory(
        title="Smart Cities Clinic",
        slug="smart-cities-clinic",
        summary="A clinic run with the bank. It meets twice a year.",
    )
    other.partners.set([bank])
    html = client.get(WEBINARS).content.decode()
    section = section_of(html)
    assert "The World Bank is also a partner of:" in section
    assert 'href="/programs/smart-cities-clinic/"' in section
    assert "program-card--teaser" in section and "A clinic run with the bank." in section
    assert "It meets twice a year." not in section
    others = html[html.index('id="other-programs-heading"') :]
    assert "smart-cities-clinic" not in others
    # Both partners' findings under one heading naming neither.
    Edition.objects.get(slug="2018").co_organisers.add(
        Organisation.objects.get(name="World Bank Institute")
    )
    html = client.get(WEBINARS).content.decode()
    section = section_of(html)
    assert ">Also with the program’s partners</h2>" in section
    assert "Co-organized by the World Bank Institute" in section


def test_a_program_whose_edition_a_partner_co_organized_is_not_offered_again(client, seed):
    """The Joint Workshop, whose 2018 edition the webinar series' partner co-organized, is
    shown under "Also with the World Bank": it is not offered again among "Other training
    programs" there, though it is on other programs' pages."""
    html = client.get(WEBINARS).content.decode()
    workshop = 'href="/programs/joint-workshop-smart-sustainable-cities-e-government/"'
    others = html[html.index('id="other-programs-heading"') :]
    assert workshop not in others
    assert 'href="/programs/wego-shrdc-training-program/"' in others
    # The two left are two abreast, as the landing page's programs: no empty third column.
    assert '<div class="card-grid card-grid--programs">' in others
    html = client.get("/programs/wego-shrdc-training-program/").content.decode()
    others = html[html.index('id="other-programs-heading"') :]
    assert workshop in others
    assert '<div class="card-grid">' in others


def test_the_program_page_stays_within_its_query_budget(
    client, seed, settings, django_assert_max_num_queries
):
    """The webinar series' first render, its partner's edition included: two queries
    more than a program whose partners did nothing else (the editions, their
    co-organizers), which reads none; later renders in the same content generation read
    nothing (tests/programs/test_pages.py)."""
    settings.PAGE_CACHE_ENABLED = False
    with django_assert_max_num_queries(11):
        html = client.get(WEBINARS).content.decode()
    assert "Also with the World Bank" in html
    with django_assert_max_num_queries(9):
        client.get("/programs/wego-shrdc-training-program/")
