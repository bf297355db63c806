"""Rows the public must never see, for the discovery tests (feeds, calendars, sitemap, search).

Every one carries the word HIDDEN_WORD, so a search for it must find nothing.
"""

import datetime as dt

from django.utils import timezone

from programs.models import Program
from tests.factories import (
    EditionFactory,
    PostFactory,
    ProgramFactory,
    TestimonialFactory,
    TopicFactory,
)
from wego_site.core.publishing import PublicationStatus

HIDDEN_WORD = "Quokkaland"
PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT


def make_hidden_content():
    """Drafts, scheduled rows and editions of a draft program. Needs the seed loaded."""
    past = timezone.now() - dt.timedelta(days=1)
    future = timezone.now() + dt.timedelta(days=1)
    public_program = Program.objects.get(slug="wego-shrdc-training-program")
    draft_program = ProgramFactory(
        title=f"{HIDDEN_WORD} draft program",
        slug="hidden-draft-program",
        summary=f"A draft about {HIDDEN_WORD}.",
        status=DRAFT,
    )

    def edition(program, slug, status, published_at):
        return EditionFactory(
            program=program,
            title=f"{HIDDEN_WORD} edition {slug}",
            slug=slug,
            start_date=dt.date(2030, 5, 1),
            days=2,
            venue_city=HIDDEN_WORD,
            venue_country=None,
            summary=f"Not public yet: {HIDDEN_WORD}.",
            status=status,
            published_at=published_at,
        )

    editions = [
        edition(draft_program, "of-draft-program", PUBLISHED, past),
        edition(public_program, "hidden-draft", DRAFT, past),
        edition(public_program, "hidden-scheduled", PUBLISHED, future),
    ]
    for hidden_edition in editions:
        TopicFactory(edition=hidden_edition, position=1, title=f"{HIDDEN_WORD} topic")

    posts = [
        PostFactory(
            title=f"{HIDDEN_WORD} {name}",
            slug=f"hidden-{name}",
            lede=f"{HIDDEN_WORD} is not public.",
            status=status,
            published_at=published_at,
        )
        for name, status, published_at in [
            ("draft", DRAFT, past),
            ("scheduled", PUBLISHED, future),
        ]
    ]
    testimonials = [
        TestimonialFactory(
            quote=f"{HIDDEN_WORD} quote.",
            person_name=f"{HIDDEN_WORD} {name}",
            city=HIDDEN_WORD,
            year=year,
            status=status,
            published_at=published_at,
        )
        for name, year, status, published_at in [
            ("draft", 2098, DRAFT, past),
            ("scheduled", 2099, PUBLISHED, future),
        ]
    ]
    return {
        "programs": [draft_program],
        "editions": editions,
        "posts": posts,
        "testimonials": testimonials,
    }
