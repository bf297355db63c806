"""Editors add places from the gazetteer (with JavaScript off: the test client), and the
participants' CSV import places each row."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from programs import gazetteer
from programs.models import Country, Edition, Place
from tests.html import text_of

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:programs_place_add")
JOINT = "joint-workshop-smart-sustainable-cities-e-government"


def place_form(**values):
    return {
        "kind": "city",
        "name": "",
        "country": "",
        "slug": "",
        "geonames_id": "",
        "latitude": "",
        "longitude": "",
        "coordinates_note": "",
        **values,
    }


def test_a_city_typed_with_its_country_is_filled_from_the_gazetteer(editor_client, seed):
    ghana = Country.objects.get(code="GH")
    response = editor_client.post(ADD_URL, place_form(name="kumasi", country=ghana.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    place = Place.objects.get(slug="kumasi")
    city = gazetteer.lookup("Kumasi", "GH")[0]
    assert (place.name, place.geonames_id) == ("Kumasi", city.geonames_id)
    assert (place.latitude, place.longitude) == (city.latitude, city.longitude)
    # Its history starts with the editor's addition.
    assert Version.objects.get_for_object(place).count() == 1


def test_a_city_typed_by_another_of_its_names_keeps_the_name_typed(editor_client, seed):
    mongolia = Country.objects.create(name="Mongolia", code="MN")
    response = editor_client.post(ADD_URL, place_form(name="Ulaanbaatar", country=mongolia.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    place = Place.objects.get(slug="ulaanbaatar")
    city = gazetteer.lookup("Ulaanbaatar", "MN")[0]
    assert city.name == "Ulan Bator"  # GeoNames' name: not what the content says
    assert (place.name, place.geonames_id) == ("Ulaanbaatar", city.geonames_id)
    assert (place.latitude, place.longitude) == (city.latitude, city.longitude)


def test_several_cities_of_the_name_are_offered_to_choose_from(editor_client, seed):
    Place.objects.filter(slug="chandigarh").update(geonames_id=None, latitude=None, longitude=None)
    india = Country.objects.get(code="IN")
    form = place_form(name="Chandigarh", country=india.pk, slug="chandigarh-2")
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The gazetteer has 2 cities called “Chandigarh” in India: choose one." in html
    assert 'name="gazetteer_choice" value="1274746"' in html
    assert "Chandigarh, IN: 30.73629, 76.78840 (970,602 people)" in html

    response = editor_client.post(ADD_URL, {**form, "gazetteer_choice": "1274746"})
    assert response.status_code == 302
    assert Place.objects.get(slug="chandigarh-2").latitude == Decimal("30.73629")


def test_a_name_the_gazetteer_does_not_know_is_refused_with_a_way_out(editor_client, seed):
    korea = Country.objects.get(code="KR")
    response = editor_client.post(ADD_URL, place_form(name="Atlantis", country=korea.pk))
    assert response.status_code == 200
    assert "The gazetteer has no city called “Atlantis” in Korea." in response.content.decode()
    assert not Place.objects.filter(name="Atlantis").exists()

    # An organisation with no city is listed for its country, with no coordinates.
    response = editor_client.post(
        ADD_URL, place_form(kind="organisation", name="Ministry of Atlantis", country=korea.pk)
    )
    assert response.status_code == 302
    ministry = Place.objects.get(name="Ministry of Atlantis")
    assert (ministry.slug, ministry.latitude, ministry.is_drawable) == (
        "ministry-of-atlantis",
        None,
        False,
    )


def test_coordinates_are_edited_only_with_a_reason(editor_client, seed):
    baguio = Place.objects.get(slug="baguio")
    url = reverse("admin:programs_place_change", args=[baguio.pk])
    form = place_form(
        name="Baguio",
        country=baguio.country_id,
        slug="baguio",
        geonames_id=baguio.geonames_id,
        latitude="16.40000",
        longitude=str(baguio.longitude),
    )
    response = editor_client.post(url, form)
    assert response.status_code == 200
    assert "say why they were changed" in response.content.decode()
    response = editor_client.post(url, {**form, "coordinates_note": "The venue, by the park."})
    assert response.status_code == 302
    baguio.refresh_from_db()
    assert baguio.latitude == Decimal("16.40000")


def test_the_type_ahead_lists_the_gazetteers_cities_as_json(editor_client, seed):
    url = reverse("admin:programs_place_gazetteer")
    philippines = Country.objects.get(code="PH")
    results = editor_client.get(url, {"q": "bagu", "country": philippines.pk}).json()["results"]
    assert results[0]["name"] == "Baguio"
    assert results[0]["country"] == philippines.pk
    assert results[0]["latitude"] == "16.41639"
    assert editor_client.get(url, {"q": "b"}).json() == {"results": []}
    assert Client().get(url, {"q": "bagu"}).status_code == 302  # to the sign-in


def test_the_place_list_is_searchable_and_filtered(
    editor_client, seed, django_assert_max_num_queries
):
    url = reverse("admin:programs_place_changelist")
    with django_assert_max_num_queries(14):
        response = editor_client.get(url, {"kind__exact": "organisation"})
    assert {p.slug for p in response.context["cl"].result_list} == {
        "state-committee-of-it-and-communications-kg",
        "ministry-of-information-and-communications-vn",
    }
    response = editor_client.get(url, {"q": "makati"})
    assert [p.slug for p in response.context["cl"].result_list] == ["makati"]


# --- The participants' CSV import ---------------------------------------------------------


def import_url(edition):
    return reverse("admin:programs_edition_import_participants", args=[edition.pk])


def test_csv_import_places_each_row_and_lists_those_it_could_not(editor_client, seed):
    workshop = Edition.objects.get(program__slug=JOINT)
    text = (
        "name,city,country\n"
        "Baguio City Hall,Baguio,Philippines\n"
        "Kumasi Metropolitan Assembly,Kumasi,Ghana\n"
        "Chandigarh Smart City Limited,,India\n"
        "Springfield,,Korea\n"
    )
    response = editor_client.post(
        import_url(workshop),
        {"preview": "1", "file": SimpleUploadedFile("p.csv", text.encode(), "text/csv")},
    )
    html = response.content.decode()
    assert "Kumasi (Ghana), new from the gazetteer" in html
    assert "Not placed: No city called “Springfield” in Korea" in html
    # A row without a city says where to give it.
    assert "admin. Or give its city in a third column: name,city,country." in html
    assert not Place.objects.filter(name="Kumasi").exists()  # nothing saved by the preview

    response = editor_client.post(import_url(workshop), {"confirm": "1", "csv_text": text})
    assert response.status_code == 302
    places = dict(workshop.participants.values_list("name", "place__slug"))
    assert places["Baguio City Hall"] == "baguio"
    assert places["Kumasi Metropolitan Assembly"] == "kumasi"
    assert places["Chandigarh Smart City Limited"] is None  # no city of that name
    assert places["Springfield"] is None
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages[1].startswith("2 of them could not be placed on the map")
    assert "below. Line 4, Chandigarh Smart City Limited (India): No city" in messages[1]
    assert "Line 5, Springfield (Korea)" in messages[1]
    assert ".;" not in messages[1]
    kumasi = Place.objects.get(slug="kumasi")
    assert kumasi.latitude == gazetteer.by_id(kumasi.geonames_id).latitude


def test_csv_import_without_a_city_column_places_by_the_name(editor_client, seed):
    workshop = Edition.objects.get(program__slug=JOINT)
    text = "name,country\nKumasi,Ghana\nCity of Kumasi,Ghana\n"
    editor_client.post(import_url(workshop), {"confirm": "1", "csv_text": text})
    kumasi = Place.objects.get(name="Kumasi")
    assert set(workshop.participants.filter(place=kumasi).values_list("name", flat=True)) == {
        "Kumasi",
        "City of Kumasi",
    }


def test_csv_import_keeps_a_citys_name_as_typed_when_the_gazetteer_knows_it_so(editor_client, seed):
    workshop = Edition.objects.get(program__slug=JOINT)
    text = "name;country\nUlaanbaatar;Mongolia\n"
    preview = editor_client.post(
        import_url(workshop),
        {"preview": "1", "file": SimpleUploadedFile("p.csv", text.encode(), "text/csv")},
    )
    assert "Ulaanbaatar (Mongolia), new from the gazetteer" in preview.content.decode()
    editor_client.post(import_url(workshop), {"confirm": "1", "csv_text": text})
    place = workshop.participants.get(name="Ulaanbaatar").place
    assert place.name == "Ulaanbaatar"
    assert place.geonames_id == gazetteer.lookup("Ulaanbaatar", "MN")[0].geonames_id


def test_a_participant_added_from_a_new_city_is_placed_and_counted_at_once(
    editor_client, seed, settings
):
    settings.PAGE_CACHE_ENABLED = True
    visitor = Client()
    visitor.get("/")
    landing = visitor.get("/")
    assert landing["X-Page-Cache"] == "hit"
    assert "Cities and public bodies 22" in text_of(landing)

    workshop = Edition.objects.get(program__slug=JOINT)
    response = editor_client.post(
        reverse("admin:programs_participant_add"),
        {
            "edition": workshop.pk,
            "position": "19",
            "name": "Kumasi",
            "country": Country.objects.get(code="GH").pk,
            "place": "",
        },
    )
    assert response.status_code == 302
    participant = workshop.participants.get(name="Kumasi")
    assert participant.place.geonames_id == gazetteer.lookup("Kumasi", "GH")[0].geonames_id
    assert participant.place.is_drawable
    assert "Cities and public bodies 23" in text_of(visitor.get("/"))


def test_a_participant_the_gazetteer_cannot_place_is_saved_without_a_place(editor_client, seed):
    workshop = Edition.objects.get(program__slug=JOINT)
    response = editor_client.post(
        reverse("admin:programs_participant_add"),
        {
            "edition": workshop.pk,
            "position": "19",
            "name": "Springfield",
            "country": Country.objects.get(code="KR").pk,
            "place": "",
        },
    )
    assert response.status_code == 302
    assert workshop.participants.get(name="Springfield").place is None
