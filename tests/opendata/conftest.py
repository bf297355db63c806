import pytest

from programs.models import Place


@pytest.fixture
def places(seed):
    """The seed's places (the atlas's: every city and body the content names), two of
    them by name: a city with its GeoNames id and coordinates, an organisation without."""
    return {
        "accra": Place.objects.get(slug="accra"),
        "ministry": Place.objects.get(slug="ministry-of-information-and-communications-vn"),
    }


def results(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]
