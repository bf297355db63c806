"""The editions list keeps each item it has serialised until the content changes
(`per_generation`): a request with the page cache off then reads only its page's ids.
What it answers must still be what the content is now, and public only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import Edition, Program
from tests.factories import ParticipantFactory
from tests.opendata.conftest import results
from wego_site.pagecache import generation

pytestmark = pytest.mark.django_db

LIST = "/api/v1/editions/?page_size=200"
JEJU = "joint-workshop-smart-sustainable-cities-e-government"


@pytest.fixture
def listed(client, seed):
    """The seed's Jeju 2018 edition (with participants), its item kept by a first request."""
    generation.current_state()  # a generation has begun, as after any content change
    edition = Edition.objects.get(program__slug=JEJU, slug="2018")
    assert item_of(client, edition) is not None
    return edition


def item_of(client, edition):
    identifier = f"{edition.program.slug}/{edition.slug}"
    found = [item for item in results(client.get(LIST)) if item["identifier"] == identifier]
    return found[0] if found else None


def test_a_kept_item_is_not_serialised_again(client, listed):
    with CaptureQueriesContext(connection) as queries:
        assert item_of(client, listed) is not None
    content = [q["sql"] for q in queries.captured_queries if "programs_" in q["sql"]]
    assert len(content) == 1, content  # the page's ids
    assert "programs_participant" not in content[0]


def test_an_edited_edition_or_participant_is_listed_at_once(client, listed):
    listed.summary = "A summary written after the item was kept."
    listed.save()
    assert item_of(client, listed)["summary"] == "A summary written after the item was kept."

    participant = listed.participants.order_by("position").first()
    participant.name = "Renamed City"
    participant.save()
    names = [p["name"] for p in item_of(client, listed)["participants"]]
    assert "Renamed City" in names

    ParticipantFactory(edition=listed, position=99, name="Newly Listed City")
    names = [p["name"] for p in item_of(client, listed)["participants"]]
    assert names[-1] == "Newly Listed City"


def test_an_edition_made_a_draft_leaves_the_list_at_once(client, listed):
    listed.status = "draft"
    listed.save()
    assert item_of(client, listed) is None


def test_a_kept_item_is_never_answered_once_its_edition_is_not_public(client, listed):
    """Even a change that starts no new generation (a bulk update sends no signal): the
    page's ids are read on every request, from the public editions only."""
    token = generation.current_state()[0]
    Edition.objects.filter(pk=listed.pk).update(status="draft")
    assert item_of(client, listed) is None
    Program.objects.filter(pk=listed.program_id).update(is_sample=True)
    Edition.objects.filter(pk=listed.pk).update(status="published")
    assert item_of(client, listed) is None
    assert generation.current_state()[0] == token


def test_items_link_to_the_address_they_were_asked_at(client, listed):
    other = results(client.get(LIST, HTTP_HOST="localhost"))[0]
    assert other["url"].startswith("http://localhost/")
    assert results(client.get(LIST))[0]["url"].startswith("http://testserver/")
