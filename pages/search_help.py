"""Ways on from a search that found nothing: spelling hints, the programs, recent news, tags.

Spelling hints: the database offers none here (PostgreSQL's pg_trgm is not installed),
so each word of the query is compared, with the standard library's `difflib`, to the
site's own vocabulary — the words of program, edition, topic, participant, post and tag
names. A hint is only a word that the site holds, so searching it finds something.

Everything is read once per content generation (`per_generation`) in four queries: the
vocabulary (one UNION), the programs, the latest posts and the most used tags.
"""

import difflib
import re

from taggit.models import Tag

from news.models import Post, public_tags
from programs.models import Edition, Participant, Program, Topic
from wego_site.pagecache.generation import per_generation

LATEST_POSTS = 3
TAG_COUNT = 8
MIN_WORD_LENGTH = 4  # shorter words are too often one letter from many others
MAX_HINT_TERMS = 5
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")


def ways_on():
    """{programs, posts, tags} for the page; computed once per content generation."""
    return per_generation("search-ways-on", _ways_on)


def _ways_on():
    # The demo's sample program is found by a search for it, never suggested as a way on.
    programs = list(
        Program.objects.published()
        .filter(is_sample=False)
        .only("slug", "title", "kind", "position")
    )
    posts = list(Post.objects.published().only("slug", "title", "published_at")[:LATEST_POSTS])
    tags = list(public_tags()[:TAG_COUNT])
    return {"programs": programs, "posts": posts, "tags": tags}


def vocabulary():
    """The lower-cased words of the site's public names, once per content generation."""
    return per_generation("search-vocabulary", _vocabulary)


def _vocabulary():
    published_editions = Edition.objects.published()
    parts = [
        Edition.objects.published().values_list("venue_city"),
        Topic.objects.filter(edition__in=published_editions).values_list("title"),
        Participant.objects.filter(edition__in=published_editions).values_list("name"),
        Post.objects.published().values_list("title"),
        Tag.objects.filter(
            news_taggedpost_items__content_object__in=Post.objects.published()
        ).values_list("name"),
    ]
    # A compound statement takes no ORDER BY in its parts: each drops its default order.
    names = (
        Program.objects.published()
        .values_list("title")
        .order_by()
        .union(*(part.order_by() for part in parts))
    )
    words = set()
    for (name,) in names:
        words.update(word.lower() for word in _WORD.findall(name or ""))
    return sorted(words)


def spelling_hint(query):
    """The query with each unknown word replaced by the closest word the site holds, or
    "" when no word changes (nothing to suggest).

    Only words of the same first letter and a near length are compared, and only the
    first `MAX_HINT_TERMS` words of the query are looked at, so a long query of made-up
    words costs milliseconds, not a scan of the whole vocabulary per word.
    """
    words = vocabulary()
    known = set(words)
    changed = False
    out = []
    for position, term in enumerate(query.split()):
        bare = term.strip("\"'-").lower()
        if (
            position >= MAX_HINT_TERMS
            or len(bare) < MIN_WORD_LENGTH
            or bare in known
            or bare == "or"
        ):
            out.append(term)
            continue
        candidates = [
            word for word in words if word[0] == bare[0] and abs(len(word) - len(bare)) <= 2
        ]
        close = difflib.get_close_matches(bare, candidates, n=1, cutoff=0.75)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(term)
    return " ".join(out) if changed else ""
