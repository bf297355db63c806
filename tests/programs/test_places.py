"""Places that took part: the seed's, the model's rules, the counts pages read, the
site's figures, and the seed loader bringing an earlier database up to date."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from reversion.models import Version

from programs import gazetteer
from programs.figures import SiteFigures
from programs.models import (
    Country,
    Edition,
    Participant,
    Place,
    PlaceKind,
    Program,
    RegionalOffice,
)
from programs.models.places import PlaceFinder
from testimonials.models import Testimonial
from tests.factories import (
    CountryFactory,
    EditionFactory,
    ParticipantFactory,
    ProgramFactory,
    TestimonialFactory,
)
from wego_site.core.publishing import PublicationStatus
from wego_site.pagecache import generation as page_cache

pytestmark = pytest.mark.django_db

JOINT = "joint-workshop-smart-sustainable-cities-e-government"
# The organisations the content names with no city, and the region: listed, not drawn.
NOT_DRAWN = {
    "state-committee-of-it-and-communications-kg",
    "ministry-of-information-and-communications-vn",
    "ulyanovsk-region",
}


def fixture_places():
    rows = json.loads((settings.BASE_DIR / "fixtures" / "00_places.json").read_text())
    return [row["fields"] for row in rows if row["model"] == "programs.place"]


# --- The seed ---------------------------------------------------------------------------


def test_the_seeds_cities_carry_the_contents_names_and_the_gazetteers_coordinates(seed):
    philippines = Place.objects.filter(country__code="PH").order_by("name")
    assert [(p.name, p.kind) for p in philippines] == [("Baguio", "city"), ("Makati", "city")]
    for place in Place.objects.exclude(slug__in=NOT_DRAWN):
        city = gazetteer.by_id(place.geonames_id)
        # The gazetteer's name, or one of the other names it knows the city by.
        assert gazetteer.name_for_place(place.name, city) == place.name
        assert place.country.code == city.country_code
        assert (place.latitude, place.longitude) == (city.latitude, city.longitude)
        assert place.coordinates_note == ""
    baguio = Place.objects.get(slug="baguio")
    assert (baguio.latitude, baguio.longitude) == (Decimal("16.41639"), Decimal("120.59306"))


def test_a_place_goes_by_the_name_the_content_gives_it(seed):
    """One name per place on every page: the map's, the tables', the participants'. A
    participant named after its city ("Makati", "Hebron Municipality", "Urban Development
    Authority, Battaramulla") names its place as the place is called, not by the
    gazetteer's form ("Makati City", "Battaramulla South")."""
    for participant in Participant.objects.filter(place__kind="city").select_related("place"):
        assert participant.place.name in participant.name, participant.name
    names = dict(Place.objects.values_list("slug", "name"))
    assert [names[slug] for slug in ("goyang", "seongnam", "makati", "battaramulla", "jeju")] == [
        "Goyang",
        "Seongnam",
        "Makati",
        "Battaramulla",
        "Jeju",
    ]


def test_the_fixture_names_cities_by_the_gazetteers_ids(seed):
    """No coordinates typed into the fixture: the gazetteer fills them, and the name of a
    city the content calls by another of its names than the gazetteer's."""
    for fields in fixture_places():
        assert "latitude" not in fields and "longitude" not in fields
        if fields["slug"] in NOT_DRAWN:
            assert "name" in fields
        elif "name" in fields:
            city = gazetteer.by_id(fields["geonames_id"])
            assert fields["name"] != city.name
            assert gazetteer.name_for_place(fields["name"], city) == fields["name"]


def test_every_place_the_content_names_is_there_and_nothing_else(seed):
    slugs = set(Place.objects.values_list("slug", flat=True))
    assert len(slugs) == 25
    assert {"seoul", "jeju", "chengdu", "ulyanovsk-region"} <= slugs  # hosts and offices
    assert {"mexico-city", "bucharest", "barcelona", "muscat"} <= slugs  # testimonials
    assert Place.objects.drawable().count() == 22
    for slug in NOT_DRAWN:
        place = Place.objects.get(slug=slug)
        assert (place.latitude, place.longitude, place.geonames_id) == (None, None, None)
    assert Place.objects.get(slug="ulyanovsk-region").kind == PlaceKind.REGION
    organisations = Place.objects.filter(kind=PlaceKind.ORGANISATION)
    assert {(p.name, p.country.code) for p in organisations} == {
        ("State Committee of IT and Communications", "KG"),
        ("Ministry of Information and Communications", "VN"),
    }


def test_the_seeds_participants_testimonials_offices_and_venues_link_their_places(seed):
    assert not Participant.objects.filter(place__isnull=True).exists()
    workshop = Edition.objects.get(program__slug=JOINT)
    places = dict(workshop.participants.values_list("name", "place__slug"))
    assert places["Government of Punjab, Chandigarh"] == "chandigarh"
    assert places["Urban Development Authority, Battaramulla"] == "battaramulla"
    assert places["Hebron Municipality"] == "hebron"
    assert places["Castries City"] == "castries"
    assert workshop.venue_place.slug == "jeju"
    assert set(
        Edition.objects.exclude(pk=workshop.pk).values_list("venue_place__slug", flat=True)
    ) == {"seoul"}
    assert dict(Testimonial.objects.values_list("city", "place__slug")) == {
        "Mexico City": "mexico-city",
        "Bucharest": "bucharest",
        "Barcelona": "barcelona",
        "Muscat": "muscat",
    }
    assert dict(RegionalOffice.objects.values_list("region", "place__slug")) == {
        "Asia": "chengdu",
        "Europe": "ulyanovsk-region",
    }


def test_the_finder_places_each_seed_participant_where_the_fixture_does(seed):
    finder = PlaceFinder()
    for participant in Participant.objects.select_related("country", "place"):
        match = finder.match(participant.name, participant.country)
        assert match.place == participant.place, participant.name


def forget_the_places_as_an_earlier_database():
    """The database as an earlier `make run` left it: no place links, and first versions
    recorded without them."""
    linked = [Participant, Testimonial, RegionalOffice]
    for model in linked:
        model.objects.update(place=None)
    Edition.objects.update(venue_place=None)
    Version.objects.get_for_model(Participant).delete()
    for model in [Testimonial, RegionalOffice, Edition]:
        Version.objects.get_for_model(model).delete()
    call_command("createinitialrevisions", comment="First recorded version.", verbosity=0)


def test_load_seed_again_links_an_earlier_databases_rows_but_never_an_editors(seed):
    forget_the_places_as_an_earlier_database()
    edited = Participant.objects.get(name="Baguio")
    with reversion.create_revision():
        edited.name = "Baguio City"
        edited.save()
        reversion.set_comment("Changed name.")
    # Saved by an editor, even unchanged: the editor's from now on.
    checked = Participant.objects.get(name="Yakutsk")
    with reversion.create_revision():
        checked.save()
        reversion.set_comment("Checked.")
    moved = Place.objects.get(slug="makati")
    with reversion.create_revision():
        moved.latitude = Decimal("14.55")
        moved.coordinates_note = "The city hall, where the office that took part is."
        moved.save()

    output = io.StringIO()
    call_command("load_seed", stdout=output)

    assert "brought up to date" in output.getvalue()
    assert Participant.objects.get(name="Accra").place.slug == "accra"
    assert set(Participant.objects.filter(place__isnull=True)) == {edited, checked}
    assert not Testimonial.objects.filter(place__isnull=True).exists()
    assert not Edition.objects.filter(venue_place__isnull=True).exists()
    assert not RegionalOffice.objects.filter(place__isnull=True).exists()
    moved.refresh_from_db()
    assert moved.latitude == Decimal("14.55")
    accra = Participant.objects.get(name="Accra")
    comments = [v.revision.comment for v in Version.objects.get_for_object(accra)]
    assert comments[0] == "Brought up to date with the seed."

    # Once up to date, running it again changes nothing.
    output = io.StringIO()
    call_command("load_seed", stdout=output)
    assert "brought up to date" not in output.getvalue()


def test_a_row_changed_around_the_history_is_an_editors_too(seed):
    forget_the_places_as_an_earlier_database()
    Participant.objects.filter(name="Accra").update(name="Accra Metropolitan Assembly")
    call_command("load_seed", stdout=io.StringIO())
    assert Participant.objects.get(name="Accra Metropolitan Assembly").place is None
    assert Participant.objects.get(name="Harare").place.slug == "harare"


# --- The model's rules -------------------------------------------------------------------


def test_a_place_from_the_gazetteer_gets_its_name_and_coordinates_when_saved(seed):
    kumasi = gazetteer.lookup("Kumasi", "GH")[0]
    place = Place.objects.create(
        slug="kumasi", country=Country.objects.get(code="GH"), geonames_id=kumasi.geonames_id
    )
    place.refresh_from_db()
    assert (place.name, place.latitude, place.longitude) == (
        kumasi.name,
        kumasi.latitude,
        kumasi.longitude,
    )
    place.full_clean()


def test_coordinates_other_than_the_gazetteers_need_a_reason(seed):
    place = Place.objects.get(slug="baguio")
    place.latitude = Decimal("16.4")
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "say why they were changed" in str(error.value.message_dict["coordinates_note"])
    place.coordinates_note = "The venue, not the city centre."
    place.full_clean()


def test_coordinates_from_nowhere_need_a_reason_too(seed):
    place = Place(
        slug="somewhere", name="Somewhere", kind=PlaceKind.REGION,
        country=Country.objects.get(code="KR"), latitude=1, longitude=2,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "not from the gazetteer" in str(error.value.message_dict["coordinates_note"])


def test_a_place_and_its_gazetteer_city_agree_on_the_country(seed):
    place = Place.objects.get(slug="seoul")
    place.country = Country.objects.get(code="GH")
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "places Seoul in KR" in str(error.value.message_dict["country"])


def test_an_organisation_is_not_a_gazetteer_city(seed):
    place = Place.objects.get(slug="seoul")
    place.kind = PlaceKind.ORGANISATION
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "kind" in error.value.message_dict


def test_the_database_refuses_half_a_position_and_impossible_ones(seed):
    korea = Country.objects.get(code="KR")
    for latitude, longitude in [(1, None), (91, 0), (0, 181)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Place.objects.create(
                slug="x", name="X", country=korea, latitude=latitude, longitude=longitude
            )


def test_a_participants_place_lies_in_its_country(seed):
    participant = Participant.objects.get(name="Accra")
    participant.place = Place.objects.get(slug="seoul")
    with pytest.raises(ValidationError) as error:
        participant.full_clean()
    assert "is not in Ghana" in str(error.value.message_dict["place"])


def test_a_place_that_content_names_cannot_be_deleted(seed):
    with pytest.raises(ProtectedError):
        Place.objects.get(slug="obninsk").delete()


@pytest.mark.urls("tests.programs.place_urls")
def test_addresses_of_a_place_and_a_country(seed):
    assert Place.objects.get(slug="baguio").get_absolute_url() == "/cities/baguio/"
    philippines = Country.objects.get(code="PH")
    assert philippines.iso_lower == "ph"
    assert philippines.get_absolute_url() == "/countries/ph/"
    assert Country(name="Narnia").get_absolute_url() is None


# --- What pages count ---------------------------------------------------------------------


def counts(**filters):
    return {
        place.slug: (place.participant_count, place.edition_count)
        for place in Place.objects.with_participation(**filters)
        if place.participant_count or place.edition_count
    }


def test_participants_and_editions_per_place(seed):
    seed_counts = counts()
    assert seed_counts["baguio"] == (1, 1)
    # A testimonial shows the city took part in its edition.
    assert seed_counts["mexico-city"] == (0, 1)
    # Hosting is not taking part.
    assert "seoul" not in seed_counts and "jeju" not in seed_counts
    assert len(seed_counts) == 22
    assert counts(year=2013).keys() == {"bucharest", "barcelona", "muscat"}
    main = Program.objects.get(slug="wego-shrdc-training-program")
    assert counts(program=main).keys() == {"mexico-city", "bucharest", "barcelona", "muscat"}


def test_only_public_past_editions_of_real_programs_count(seed):
    baguio = Place.objects.get(slug="baguio")
    philippines = baguio.country
    draft = EditionFactory(status=PublicationStatus.DRAFT, start_date=dt.date(2019, 1, 1))
    upcoming = EditionFactory(start_date=dt.date.today() + dt.timedelta(days=30))
    sample = EditionFactory(program=ProgramFactory(is_sample=True), start_date=dt.date(2019, 1, 1))
    held = EditionFactory(start_date=dt.date(2019, 1, 1))
    for edition in [draft, upcoming, sample, held]:
        ParticipantFactory(edition=edition, country=philippines, place=baguio)
    TestimonialFactory(edition=draft, place=baguio, year=2019)
    assert counts()["baguio"] == (2, 2)
    assert Place.objects.took_part().filter(slug="baguio").exists()
    assert not Place.objects.took_part().filter(slug="seoul").exists()


def test_the_figures_count_places_once_and_unplaced_participants_by_name(seed):
    def figures():
        rows = list(Edition.objects.annotate(**SiteFigures.annotations())[:1])
        figures = SiteFigures.of(rows, program_total=0)
        return figures.body_count, figures.country_count

    assert figures() == (22, 17)
    # Baguio again in another edition: still one place.
    held = EditionFactory(start_date=dt.date(2019, 1, 1))
    baguio = Place.objects.get(slug="baguio")
    ParticipantFactory(edition=held, country=baguio.country, place=baguio)
    assert figures() == (22, 17)
    # Not placed yet: counted by its name, in its country.
    ParticipantFactory(edition=held, name="Nairobi", country=CountryFactory(name="Kenya"))
    assert figures() == (23, 18)
    # Placed, in a new city.
    kumasi = Place.objects.create(
        slug="kumasi",
        country=Country.objects.get(code="GH"),
        geonames_id=gazetteer.lookup("Kumasi", "GH")[0].geonames_id,
    )
    ParticipantFactory(edition=held, country=kumasi.country, place=kumasi)
    assert figures() == (24, 18)


def test_saving_or_deleting_a_place_retires_the_cached_pages(seed):
    before = page_cache.current_state()
    place = Place.objects.get(slug="seoul")
    place.coordinates_note = "Checked."
    place.save()
    after_save = page_cache.current_state()
    assert after_save != before
    Place.objects.create(slug="nowhere", name="Nowhere", kind="region", country=place.country)
    Place.objects.get(slug="nowhere").delete()
    assert page_cache.current_state() != after_save
