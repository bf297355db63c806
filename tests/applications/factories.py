"""factory_boy factories for calls, contacts and applications, and the form's data."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from applications.models import Application, Call
from tests import factories
from tests.applications.pdfs import upload
from wego_site.core.publishing import PublicationStatus

APPLICANT_COUNTRY = "KE"  # Kenya: far from Seoul, and not in the seed


def edition_with_a_call():
    return factories.EditionFactory(
        program=factories.ProgramFactory(title="Program with a call"),
        start_date=timezone.localdate() + dt.timedelta(days=60),
        title="Edition with a call",
    )


class ContactFactory(factories.ContactFactory):
    """A call's contact: the one secretariat reviewer unless told otherwise."""

    class Meta:
        django_get_or_create = ["email"]

    honorific = "Ms."
    name = "Secretariat Reviewer"
    email = "reviewer@example.org"


class CallFactory(DjangoModelFactory):
    """A published call, open since yesterday for 30 more days; `contacts=[...]` sets its
    contacts."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    edition = factory.LazyFunction(edition_with_a_call)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    time_zone = "Asia/Seoul"
    eligibility = "City officials working on e-government."
    places = 25
    languages = "English"
    costs = "WeGO covers the stay; the city covers travel."
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    name = "Stored Applicant"
    email = factory.Sequence(lambda n: f"stored-{n}@example.org")
    country = APPLICANT_COUNTRY
    position = "Officer"
    organisation = "Stored City Hall"
    city = "Stored City"
    motivation = "Motivation."
    plans = "Plans."
    consented_at = factory.LazyFunction(timezone.now)
    document = factory.LazyFunction(upload)


def form_data(country=APPLICANT_COUNTRY, **overrides):
    """What the form sends, filled in as an applicant would (the document aside)."""
    data = {
        "honorific": "Dr.",
        "name": "Applicant Person",
        "position": "Director of Digital Policy",
        "organisation": "Test City Government",
        "city": "Test City",
        "country": country,
        "email": "applicant@example.org",
        "phone": "",
        "motivation": "To learn how other cities run e-government services.",
        "plans": "A plan for our city's online services.",
        "consent": "on",
        "website_address": "",
    }
    data.update(overrides)
    return data
