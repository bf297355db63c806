"""What the open data publishes: the same rule as the pages (`published()`), and never
the sample content `manage.py load_demo` adds.

Every endpoint and data set starts from one of these querysets. Nothing of the
applications app is read but a call's public facts; its applicants' rows never are.
"""

from django.db.models import Q
from django.utils import timezone

from applications.models import Call
from news.models import Post
from programs.models import Country, Edition, Participant, Place, Program
from programs.models.places import counted_edition_q
from testimonials.models import Testimonial
from wego_site.core.publishing import published_q


def programs():
    return Program.objects.published().filter(is_sample=False)


def editions():
    return Edition.objects.published().filter(program__is_sample=False)


def participants():
    """The cities and bodies listed as taking part in a public edition."""
    return Participant.objects.filter(
        published_q("edition__"),
        published_q("edition__program__"),
        edition__program__is_sample=False,
    )


def counted_participants(today=None):
    """The participants the site counts (its figures, the places' counts): those of
    public editions that have ended, never of sample content (`counted_edition_q`). An
    upcoming edition's participants are listed with it but counted once it has ended."""
    return Participant.objects.filter(counted_edition_q("edition__", today))


def places():
    """The places that have a page: named by a participant of an edition that has taken
    place, or by a testimonial (`PlaceQuerySet.took_part`, the rule of /cities/)."""
    return Place.objects.took_part()


def countries():
    """Countries that took part in a public edition or hosted one, or have a place; each
    known by its ISO code (a country without one has no page)."""
    return Country.objects.exclude(code="").filter(
        Q(pk__in=participants().values("country"))
        | Q(pk__in=editions().values("venue_country"))
        | Q(pk__in=places().values("country"))
    )


def posts():
    return Post.objects.published()


def testimonials():
    """Public testimonials, none about sample content."""
    return (
        Testimonial.objects.published()
        .exclude(program__is_sample=True)
        .exclude(edition__program__is_sample=True)
    )


def calls(now=None):
    """Public calls that are open or will open: their deadline is still to come."""
    return Call.objects.published().filter(
        edition__program__is_sample=False, closes_at__gt=now or timezone.now()
    )
