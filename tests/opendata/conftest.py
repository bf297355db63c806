import pytest

from programs.models import Participant, Place


@pytest.fixture
def places(seed):
    """The 2018 Joint Workshop's participants linked to places, as the atlas links them:
    a city with its GeoNames id and coordinates, an organisation without."""
    participants = Participant.objects.filter(edition__slug="2018").select_related("country")
    accra = participants.get(name="Accra")
    ministry = participants.get(name="Ministry of Information and Communications")
    accra.place = Place.objects.create(
        slug="accra",
        name="Accra",
        country=accra.country,
        geonames_id=2306104,
        latitude="5.55602",
        longitude="-0.19690",
    )
    accra.save()
    ministry.place = Place.objects.create(
        slug="vietnam-ministry-of-information-and-communications",
        name="Ministry of Information and Communications",
        kind="organisation",
        country=ministry.country,
    )
    ministry.save()
    return {"accra": accra.place, "ministry": ministry.place}


def results(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]
