"""Small builders for tests that need more rows than the seed has (query budgets, drafts)."""

import contextlib
import datetime as dt
import itertools

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test.utils import override_settings
from django.utils import timezone

from news.models import Post
from programs.models import (
    Contact,
    Country,
    Edition,
    Organisation,
    Participant,
    Program,
    ProgramKind,
    SiteVisit,
    Topic,
)
from testimonials.models import Testimonial
from wego_site.core.publishing import PublicationStatus
from wego_site.pagecache import generation as page_cache

PUBLISHED = PublicationStatus.PUBLISHED
_counter = itertools.count(1)


def past(**delta):
    return timezone.now() - dt.timedelta(**(delta or {"days": 1}))


def future(**delta):
    return timezone.now() + dt.timedelta(**(delta or {"days": 1}))


def make_program(status=PUBLISHED, published_at=None, kind=ProgramKind.MAIN, **fields):
    n = next(_counter)
    fields.setdefault("title", f"Program {n}")
    fields.setdefault("slug", f"program-{n}")
    return Program.objects.create(
        kind=kind, status=status, published_at=published_at or past(), **fields
    )


def make_edition(program, status=PUBLISHED, published_at=None, start=None, days=3, **fields):
    n = next(_counter)
    start = start or dt.date(2015, 1, 1) + dt.timedelta(days=n)
    fields.setdefault("title", f"Edition {n}")
    fields.setdefault("slug", f"edition-{n}")
    fields.setdefault("venue_city", f"City {n}")
    if "venue_country" not in fields:
        fields["venue_country"] = make_country()
    return Edition.objects.create(
        program=program,
        start_date=start,
        end_date=start + dt.timedelta(days=days),
        status=status,
        published_at=published_at or past(),
        **fields,
    )


def make_post(status=PUBLISHED, published_at=None, tags=(), **fields):
    n = next(_counter)
    fields.setdefault("title", f"Post {n}")
    fields.setdefault("slug", f"post-{n}")
    fields.setdefault("lede", f"Lede of post {n}.")
    post = Post.objects.create(status=status, published_at=published_at or past(), **fields)
    if tags:
        post.tags.add(*tags)
    return post


def make_testimonial(status=PUBLISHED, published_at=None, **fields):
    n = next(_counter)
    fields.setdefault("person_name", f"Person {n}")
    fields.setdefault("quote", f"Quote {n}.")
    fields.setdefault("year", 2013)
    return Testimonial.objects.create(status=status, published_at=published_at or past(), **fields)


def make_country():
    return Country.objects.create(name=f"Country {next(_counter)}")


def make_organisation():
    return Organisation.objects.create(name=f"Organisation {next(_counter)}")


def make_contact():
    n = next(_counter)
    return Contact.objects.create(name=f"Contact {n}", email=f"contact{n}@example.org")


def fill_edition(edition, count):
    """Give an edition `count` of each part: topics, visits, participants, organisers..."""
    for position in range(1, count + 1):
        Topic.objects.create(edition=edition, position=position, title=f"Topic {position}")
        SiteVisit.objects.create(edition=edition, position=position, name=f"Visit {position}")
        Participant.objects.create(
            edition=edition, position=position, name=f"City {position}", country=make_country()
        )
        edition.co_organisers.add(make_organisation())
        edition.contacts.add(make_contact())
        make_testimonial(edition=edition, person_name=f"Person {edition.pk}-{position}")


@contextlib.contextmanager
def as_one_change():
    """Build many rows as one change, as an import would: no history rows, and one new
    content generation at the end instead of one per saved row (a query and a file write
    each). For tests that build a lot and check the pages, not the signals."""
    signals = {
        post_save: "page_cache_post_save",
        post_delete: "page_cache_post_delete",
        m2m_changed: "page_cache_m2m_changed",
    }
    for signal, dispatch_uid in signals.items():
        signal.disconnect(dispatch_uid=dispatch_uid)
    try:
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            yield
    finally:
        page_cache.connect_signals()
    page_cache.bump_generation()
