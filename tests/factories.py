"""factory_boy factories for tests that need more rows than the seed has (query budgets,
drafts, hostile texts). Each content factory makes a published row, public since
yesterday, unless told otherwise: `PostFactory(status=DRAFT)`,
`EditionFactory(program=main, start_date=..., days=0)`, `EditionFactory(parts=3)`."""

import contextlib
import datetime as dt
from decimal import Decimal

import factory
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from factory.django import DjangoModelFactory

from news.models import Post
from programs.models import (
    Contact,
    Country,
    Edition,
    Organisation,
    Participant,
    Place,
    Program,
    ProgramKind,
    SiteVisit,
    Topic,
)
from testimonials.models import Testimonial
from wego_site.core.publishing import PublicationStatus
from wego_site.pagecache import generation as page_cache


def past(**delta):
    return timezone.now() - dt.timedelta(**(delta or {"days": 1}))


def future(**delta):
    return timezone.now() + dt.timedelta(**(delta or {"days": 1}))


class PublishedFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(past)


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country

    name = factory.Sequence(lambda n: f"Country {n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class ProgramFactory(PublishedFactory):
    class Meta:
        model = Program

    title = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    kind = ProgramKind.MAIN


class EditionFactory(PublishedFactory):
    """An edition of `days` days (3 unless told) in a city of its own country;
    `parts=n` gives it n of everything its page shows (see `parts`)."""

    class Meta:
        model = Edition
        skip_postgeneration_save = True  # the hook saves what it makes itself

    class Params:
        days = 3

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Edition {n}")
    slug = factory.Sequence(lambda n: f"edition-{n}")
    start_date = factory.Sequence(lambda n: dt.date(2015, 1, 1) + dt.timedelta(days=n))
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=o.days))
    venue_city = factory.Sequence(lambda n: f"City {n}")
    venue_country = factory.SubFactory(CountryFactory)

    @factory.post_generation
    def parts(edition, create, count, **kwargs):
        """`parts=n`: n topics, site visits, participants, co-organisers, contacts and
        testimonials."""
        for position in range(1, (count or 0) + 1):
            TopicFactory(edition=edition, position=position)
            SiteVisitFactory(edition=edition, position=position)
            ParticipantFactory(edition=edition, position=position)
            edition.co_organisers.add(OrganisationFactory())
            edition.contacts.add(ContactFactory())
            TestimonialFactory(edition=edition)


class EditionPartFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    edition = factory.SubFactory(EditionFactory)
    position = factory.Sequence(lambda n: n + 1)


class TopicFactory(EditionPartFactory):
    class Meta:
        model = Topic

    title = factory.LazyAttribute(lambda o: f"Topic {o.position}")


class SiteVisitFactory(EditionPartFactory):
    class Meta:
        model = SiteVisit

    name = factory.LazyAttribute(lambda o: f"Visit {o.position}")


class ParticipantFactory(EditionPartFactory):
    class Meta:
        model = Participant

    name = factory.LazyAttribute(lambda o: f"City {o.position}")
    country = factory.SubFactory(CountryFactory)


class PostFactory(PublishedFactory):
    """A news post; `tags=[...]` tags it."""

    class Meta:
        model = Post
        skip_postgeneration_save = True  # tags are saved by taggit

    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    lede = factory.LazyAttribute(lambda o: f"Lede of {o.title.lower()}.")

    @factory.post_generation
    def tags(post, create, names, **kwargs):
        if names:
            post.tags.add(*names)


class TestimonialFactory(PublishedFactory):
    class Meta:
        model = Testimonial

    person_name = factory.Sequence(lambda n: f"Person {n}")
    quote = factory.Sequence(lambda n: f"Quote {n}.")
    year = 2013


class PlaceFactory(DjangoModelFactory):
    """A city with coordinates (pass latitude=None, longitude=None for one not drawn)."""

    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    country = factory.SubFactory(CountryFactory)
    latitude = Decimal("14.5")
    longitude = Decimal("121.0")


@contextlib.contextmanager
def as_one_change():
    """Build many rows as one change, as an import would: one new content generation at
    the end instead of one per saved row (a query and a file write each). For tests that
    build a lot and check the pages, not the signals."""
    signals = {
        post_save: "page_cache_post_save",
        post_delete: "page_cache_post_delete",
        m2m_changed: "page_cache_m2m_changed",
    }
    for signal, dispatch_uid in signals.items():
        signal.disconnect(dispatch_uid=dispatch_uid)
    try:
        yield
    finally:
        page_cache.connect_signals()
    page_cache.bump_generation()
