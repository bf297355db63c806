import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_landing_lists_the_seeded_programs(client, seed):
    response = client.get(reverse("landing"))
    assert response.status_code == 200
    html = response.content.decode()
    for title in [
        "WeGO–SHRDC Training Program",
        "Chengdu Smart City &amp; e-Government Training Program",
        "World Bank Institute’s Smart Cities Webinar Series",
        "Joint Workshop for Smart Sustainable Cities &amp; e-Government",
    ]:
        assert title in html
