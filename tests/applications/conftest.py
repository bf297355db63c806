import importlib

import pytest

from tests.applications.factories import APPLICANT_COUNTRY, CallFactory, ContactFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Applicants' documents go to a temporary folder of their own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def generous_rate(settings):
    """Tests send many forms from one address; the rate limit has tests of its own."""
    settings.APPLICATION_RATE = "1000/h"
    settings.APPLICATION_ATTEMPT_RATE = "1000/h"


@pytest.fixture
def country():
    """The ISO code of the country the applicant chooses."""
    return APPLICANT_COUNTRY


@pytest.fixture
def contact(db):
    return ContactFactory()


@pytest.fixture
def call(db, contact):
    return CallFactory(contacts=[contact])


@pytest.fixture
def decision_texts(call):
    """The decision texts the migrations add (a transactional test's flush removes them)."""
    from applications.models import DecisionEmail

    migration = importlib.import_module("applications.migrations.0002_default_decision_emails")
    for status, (subject, body) in migration.TEXTS.items():
        DecisionEmail.objects.update_or_create(
            name=f"decision-{status}", defaults={"subject": subject, "content": body}
        )
