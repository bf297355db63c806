"""Rows the public must never see, for the discovery tests (feeds, calendars, sitemap, search).

Every one carries the word HIDDEN_WORD, so a search for it must find nothing.
"""

import datetime as dt

from django.utils import timezone

from news.models import Post
from programs.models import Edition, Program, ProgramKind, Topic
from testimonials.models import Testimonial
from wego_site.core.publishing import PublicationStatus

HIDDEN_WORD = "Quokkaland"
PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT


def make_hidden_content():
    """Drafts, scheduled rows and editions of a draft program. Needs the seed loaded."""
    past = timezone.now() - dt.timedelta(days=1)
    future = timezone.now() + dt.timedelta(days=1)
    public_program = Program.objects.get(slug="wego-shrdc-training-program")
    draft_program = Program.objects.create(
        title=f"{HIDDEN_WORD} draft program",
        slug="hidden-draft-program",
        kind=ProgramKind.MAIN,
        summary=f"A draft about {HIDDEN_WORD}.",
        status=DRAFT,
    )

    def edition(program, slug, status, published_at):
        return Edition.objects.create(
            program=program,
            title=f"{HIDDEN_WORD} edition {slug}",
            slug=slug,
            start_date=dt.date(2030, 5, 1),
            end_date=dt.date(2030, 5, 3),
            venue_city=HIDDEN_WORD,
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
        Topic.objects.create(edition=hidden_edition, position=1, title=f"{HIDDEN_WORD} topic")

    posts = [
        Post.objects.create(
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
        Testimonial.objects.create(
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
