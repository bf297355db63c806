"""Site search across programs, editions, news posts and testimonials.

`run(raw_query)` does everything the search page needs: it cleans the visitor's text,
searches each content type among its *published* rows only, and returns the results
grouped by type with a count, a title and a snippet with the matching words marked.

- PostgreSQL: full-text search. `websearch_to_tsquery` (so "quotes", `or` and `-word`
  work as on a web search engine) against each model's `search_document`, a stored
  `tsvector` the database keeps with a GIN index on it (`wego_site.core.fulltext`), ranked
  with `ts_rank` on that stored vector, snippets from `ts_headline`.
- Elsewhere (SQLite): every word of the query must appear, case-insensitively, in one
  of the same fields; snippets are cut around the first match in Python.

The places that took part (cities, regions, organisations: a short list, read once per
content generation) are found by their name or their country's, every word of the query
in them, accents and case aside, on either database.

An edition also matches on the text of its topics, site visits and participating
cities: each part table has its own GIN index, the edition is found through an
`EXISTS`-style subquery per part, and the snippet names the matching part. Every type
costs one query, whatever the number of results.

Measured with EXPLAIN ANALYZE on PostgreSQL 30,000 posts, 5,000 editions and 20,000
topics: a selective query ("Cybersecurity") is a Bitmap Index Scan on each
`*_search_idx` (posts 0.4 ms, editions with parts 4 ms). The vectors are stored, not
indexed as an expression, so ranking reads them instead of parsing every matching
text again: the posts query for "smart city", found in all 10,000 synthetic posts,
takes 7 ms this way and 54 ms with an expression index (`ts_headline` still parses
the 20 texts shown).

Snippets are built safely: the database marks the matches with two Unicode
noncharacters (which `clean_query` removes from the visitor's text), then Python
escapes the text and turns the markers into `<mark>` with `format_html`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from news.models import Post
from pages.places import counted_places, host_places, host_role, public_places
from programs.gazetteer import fold
from programs.models import Edition, Participant, Program, SiteVisit, Topic
from programs.views import with_latest_edition
from testimonials.models import Testimonial
from wego_site.core.formatted_text import without_marks
from wego_site.core.fulltext import SEARCH_CONFIG, searchable_fields
from wego_site.pagecache.generation import per_generation, per_generation_each

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10  # words used by the SQLite fallback
RESULTS_PER_TYPE = 10  # per type shown; "add a word to narrow the search" beyond
# Results of a kind shown among all kinds; the rest are a link to that kind's results.
SHOWN_PER_KIND = 3
RANKED_CANDIDATES = 100
SNIPPET_WORDS = 30
# How many searches' results a process keeps for one content generation (a few KB each):
# the words people look for repeat, and only a content change alters what they find.
SEARCHES_KEPT = 500

# Markers around matched words in snippets: noncharacters, never in the cleaned query.
START, STOP = "\ufdd0", "\ufdd1"
_MARKERS = re.compile(f"({START}|{STOP})")
# Two marked words with only spaces between them: one marked phrase (“Smart City”).
_BETWEEN_MARKS = re.compile(f"{STOP}(\\s+){START}")


@dataclass(frozen=True)
class SearchType:
    """How one content type is searched and shown."""

    key: str
    label: str
    model: type
    title_field: str
    snippet_fields: tuple
    # (label, model, field names) of parts whose text also finds the object (editions).
    parts: tuple = ()
    # Relations a hit's address needs (an edition's holds its program's slug).
    related: tuple = ()
    # (label, or a function of the hit giving it; fields) quoted only when neither the
    # title nor the snippet's fields hold the words found, under the label: a program's
    # announcement, "Past announcement" when its page shows it as a past one, folded.
    fallback_snippet: tuple = ()
    # The title as the site's pages show it, when it is not the stored one.
    shown_title: object = None
    # A function of the published rows adding what a hit's snippet needs (a program's
    # past announcement, an edition's record).
    prepare: object = None
    # A function of a hit: whether it records facts to show (see `facts_line`).
    has_facts: object = None
    # True when a hit found by its name shows its facts before its own text (an edition:
    # its text is what announced it, and its facts say what it was).
    facts_first: bool = False
    # A function of a hit giving the label its own text is quoted under when only that
    # text holds the words (an edition's: "Past announcement" once held).
    text_label: object = None
    # A function of a hit and the terms: whether a field shown in its meta line holds
    # them (an edition's venue), which finds it as its name does.
    named_in_meta: object = None

    def queryset(self):
        published = self.model.objects.published()
        if self.prepare:
            published = self.prepare(published)
        return published.select_related(*self.related) if self.related else published

    def fallback_label(self, obj):
        label = self.fallback_snippet[0]
        return label(obj) if callable(label) else label


def _announcement_label(program):
    """As the program's page heads its announcement: past with no edition to come."""
    return "Past announcement" if program.announcement_is_past else "Announcement"


def _program_rows(programs):
    """Programs with what their hit shows: whether their announcement is a past one, as
    their page tells (no published edition to come, one held), and their editions as
    their card counts them (how many, the latest held), in the query that finds them."""
    editions = Edition.objects.published().filter(program=OuterRef("pk")).order_by()
    today = timezone.localdate()
    held = editions.filter(end_date__lt=today).order_by("-start_date", "-pk")
    counted = editions.values("program").annotate(n=Count("pk")).values("n")
    return programs.annotate(
        announcement_is_past=~Exists(editions.filter(end_date__gte=today))
        & Exists(editions.filter(end_date__lt=today)),
        public_edition_count=Coalesce(Subquery(counted), 0),
        latest_start=Subquery(held.values("start_date")[:1]),
        latest_end=Subquery(held.values("end_date")[:1]),
        latest_venue_city=Subquery(held.values("venue_city")[:1]),
    )


def _edition_text_label(edition):
    """An edition's own text (its summary and body) is what announced it: quoted under
    "Past announcement" once the edition is held, "Announcement" before."""
    return "Past announcement" if edition.end_date < timezone.localdate() else "Announcement"


def _edition_has_facts(edition):
    return bool(edition.participant_count or edition.body_count or edition.topic_count)


def _venue_holds(edition, terms):
    """Whether the edition's venue (its city and country, as its meta line shows them)
    holds one of the terms, accents and case aside."""
    venue = fold(edition.venue)
    return any(fold(term) in venue for term in terms)


EDITION_PARTS = (
    ("Topic", Topic, ("title",)),
    ("Site visit", SiteVisit, ("name", "note")),
    ("Participant", Participant, ("name",)),
)

SEARCH_TYPES = (
    SearchType(
        "programs",
        "Programs",
        Program,
        "title",
        ("summary", "body"),
        fallback_snippet=(_announcement_label, ("announcement",)),
        prepare=_program_rows,
        has_facts=lambda program: bool(program.public_edition_count),
    ),
    SearchType(
        "editions",
        "Editions",
        Edition,
        "title",
        # The venue is in the hit's date line; the snippet quotes what is written about it.
        ("summary", "body"),
        parts=EDITION_PARTS,
        related=("program", "venue_country"),
        shown_title=lambda edition: edition.full_title,
        prepare=lambda editions: editions.with_participant_counts(),
        has_facts=_edition_has_facts,
        facts_first=True,
        text_label=_edition_text_label,
        named_in_meta=_venue_holds,
    ),
    SearchType("news", "News", Post, "title", ("lede", "body")),
    # The snippet quotes the participant's words; who they are is the hit's meta line.
    SearchType("testimonials", "Testimonials", Testimonial, "person_name", ("quote",)),
)


@dataclass
class Hit:
    object: object
    title: str
    snippet: str
    url: str
    # How the hit matched: NAMED (its name is the words found), IN_NAME (its name holds
    # some of them), IN_TEXT (only its text or parts do), IN_ASIDE (only its
    # announcement does). See `name_rank`.
    rank: int = 1
    # True when the snippet is the hit's facts (found by its name: an edition's record,
    # a program's editions), which the page words from the object (`facts_line`).
    facts: bool = False


@dataclass
class Section:
    key: str
    label: str
    hits: list
    total: int
    # True when there may be more matches than were counted (see RANKED_CANDIDATES).
    is_capped: bool = False
    # The kind in "All 10 news results" (see NOUNS).
    noun: str = ""

    @property
    def is_partial(self):
        return self.total > len(self.hits)

    @property
    def rank(self):
        """The best match among the hits: kinds are listed by it (see `_sections`)."""
        return max((hit.rank for hit in self.hits), default=IN_TEXT)

    @property
    def shown_hits(self):
        """The hits shown among all kinds: the first SHOWN_PER_KIND results (an edition's
        program with its editions found is one result)."""
        if self.key != "editions":
            return self.hits[:SHOWN_PER_KIND]
        programs = list(dict.fromkeys(hit.object.program_id for hit in self.hits))
        shown = set(programs[:SHOWN_PER_KIND])
        return [hit for hit in self.hits if hit.object.program_id in shown]

    @property
    def is_folded(self):
        """True when some of the kind's results are a link away, among all kinds."""
        return self.total > len(self.shown_hits)

    def grouped(self, hits):
        """Edition hits as (program, hits), each program where its most relevant edition
        ranks, its editions in their order of relevance: a program's editions read as one
        result rather than several of the same name. The program is loaded with its hits."""
        groups = {}
        for hit in hits:
            groups.setdefault(hit.object.program_id, []).append(hit)
        return [(hits[0].object.program, hits) for hits in groups.values()]

    @property
    def by_program(self):
        return self.grouped(self.hits)

    @property
    def shown_by_program(self):
        return self.grouped(self.shown_hits)


@dataclass
class Results:
    query: str = ""
    raw_length: int = 0
    truncated: bool = False
    searched: bool = False
    only_left_out: bool = False
    sections: list = field(default_factory=list)
    # The one kind asked for (`?kind=news`), when it is among the sections found.
    kind: str = ""
    # The noun of a kind asked for that has no result ("news"): every kind is shown instead.
    kind_without_results: str = ""

    @property
    def shown_sections(self):
        return [s for s in self.sections if s.key == self.kind] if self.kind else self.sections

    @property
    def total(self):
        return sum(section.total for section in self.sections)

    @property
    def is_capped(self):
        return any(section.is_capped for section in self.sections)

    @property
    def max_length(self):
        return MAX_QUERY_LENGTH


def clean_query(raw):
    """The visitor's text made safe to search: no control or invisible characters, single
    spaces, at most MAX_QUERY_LENGTH characters. Returns (query, truncated)."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].strip(), truncated


# A query's parts as a web search engine reads them: an optional minus, then a phrase
# in quotation marks or a word.
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
# Words that join the others rather than being looked for ("or" and "and").
_OPERATORS = {"or", "and"}


def query_terms(query):
    """(terms to find, terms to leave out) of a query, lower case: a quoted phrase is one
    term, `-word` or `-"a phrase"` leaves it out, "or" and "and" are not looked for. Each
    term is letters and digits, a phrase's words single-spaced. Read as PostgreSQL's
    `websearch_to_tsquery` reads it, for the SQLite fallback and to tell whether there is
    anything to look for."""
    found, left_out = [], []
    for minus, phrase, word_minus, word in _QUERY_PART.findall(query):
        text = phrase if phrase or minus else word
        words = re.findall(r"\w+", text.lower())
        if not words or (not phrase and not minus and words[0] in _OPERATORS):
            continue
        if minus or word_minus:
            left_out.append(" ".join(words))
        elif phrase:
            found.append(" ".join(words))
        else:
            found.extend(words)
    return (
        list(dict.fromkeys(found))[:MAX_TERMS],
        list(dict.fromkeys(left_out))[:MAX_TERMS],
    )


def terms_of(query):
    """The terms a query looks for (see `query_terms`)."""
    return query_terms(query)[0]


# The kinds of result, as `?kind=` names them, each with its name in "All 10 news results".
NOUNS = {
    "programs": "program",
    "editions": "edition",
    "news": "news",
    "testimonials": "testimonial",
    "places": "city and organisation",
}
KINDS = tuple(NOUNS)


def run(raw_query, kind=""):
    """The results of a search; `kind`, one of KINDS, asks for that kind's results only
    (anything else is ignored: every kind is shown)."""
    query, truncated = clean_query(raw_query or "")
    results = Results(query=query, raw_length=len(raw_query or ""), truncated=truncated)
    terms, left_out = query_terms(query)
    if not terms:
        # Nothing to look for: the page invites a search instead (and says that a minus
        # only leaves words out, when that is all the query has).
        results.only_left_out = bool(left_out)
        return results
    results.searched = True
    results.sections = per_generation_each(
        "search-sections", query, lambda: _sections(query), SEARCHES_KEPT
    )
    if kind in KINDS:
        if any(section.key == kind for section in results.sections):
            results.kind = kind
        else:
            results.kind_without_results = NOUNS[kind]
    return results


def _sections(query):
    """The sections of results for a cleaned query, one per type with a match: first the
    kinds with a result found by its name (a search for a city's name puts the places
    first, that city at their top), in their usual order otherwise."""
    sections = []
    full_text = connection.vendor == "postgresql"
    search = _search_postgresql if full_text else _search_fallback
    for search_type in SEARCH_TYPES:
        hits, total = search(search_type, query)
        if total:
            capped = full_text and total >= RANKED_CANDIDATES
            sections.append(
                Section(
                    search_type.key,
                    search_type.label,
                    hits,
                    total,
                    is_capped=capped,
                    noun=NOUNS[search_type.key],
                )
            )
    hits, total = _search_places(query)
    if total:
        sections.append(
            Section("places", "Cities and organisations", hits, total, noun=NOUNS["places"])
        )
    return sorted(sections, key=lambda section: -section.rank)  # stable: kinds' order


# How a hit matched (`Hit.rank`), the larger the better: in an aside of its page only
# (a program's announcement), in its text, in its name, as its whole name.
IN_ASIDE, IN_TEXT, IN_NAME, NAMED = 0, 1, 2, 3


def name_rank(title):
    """How a hit with this title (the words found marked) matched: NAMED when the marked
    words are its whole name ("Seoul" for "seoul"), IN_NAME when its name holds some of
    them, IN_TEXT otherwise. The marks are the database's own (stemmed on PostgreSQL)."""
    if START not in title:
        return IN_TEXT
    marked = "".join(re.findall(f"{START}(.*?){STOP}", title))
    return NAMED if fold(marked.strip()) == fold(_strip_markers(title).strip()) else IN_NAME


def _search_places(query):
    """The public places whose name or country's name holds every word of the query.

    The places are a short list, read once per content generation and matched here, so
    a search pays no query for them."""
    terms, left_out = query_terms(query)
    places = per_generation("searchable-places", searchable_places)
    found = [
        (place, line)
        for text, place, line in places
        if all(fold(t) in text for t in terms) and not any(fold(t) in text for t in left_out)
    ]
    hits = []
    for place, line in found:
        title = _mark_terms(place.name, terms)
        hits.append(
            Hit(
                object=place,
                title=highlighted(title),
                snippet=highlighted(_mark_terms(line, terms)),
                url=place.get_absolute_url(),
                rank=name_rank(title),
            )
        )
    # Places named by the words first, then by name (those found by their country).
    hits.sort(key=lambda hit: -hit.rank)
    return hits[:RESULTS_PER_TYPE], len(found)


def searchable_places():
    """(folded name and country, place, line) of every public place, the line saying
    where it is and what it did ("In Korea · host of 1 edition", "In the Philippines ·
    took part in 1 edition"), so a hit says more than its country."""
    hosts = {place.pk: host_role(place) for place in host_places()}
    counts = {place.pk: place.edition_count for place in counted_places()}
    rows = []
    for place in public_places().select_related("country").order_by("name"):
        roles = [hosts[place.pk]] if hosts.get(place.pk) else []
        if counts.get(place.pk):
            count = counts[place.pk]
            roles.append(f"took part in {count} edition{'s' if count != 1 else ''}")
        line = " · ".join([f"In {place.country.name_in_sentence}", *roles])
        rows.append((fold(f"{place.name} {place.country.name}"), place, line))
    return rows


def highlighted(text):
    """Escaped text with the marked stretches in <mark>, neighbouring words as one
    phrase; stray markers are dropped."""
    pieces, marked = [], False
    for chunk in _MARKERS.split(_BETWEEN_MARKS.sub(r"\1", text)):
        if chunk in (START, STOP):
            marked = chunk == START
        elif chunk:
            pieces.append(format_html("<mark>{}</mark>", chunk) if marked else chunk)
    return format_html_join("", "{}", ((piece,) for piece in pieces))


# PostgreSQL: full-text search ---------------------------------------------------------


def _tsquery(query):
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _headline(expression, query, **options):
    return SearchHeadline(
        expression, _tsquery(query), config=SEARCH_CONFIG, start_sel=START, stop_sel=STOP, **options
    )


def _text_of(fields):
    """The fields as one text for a snippet."""
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts[:-1], output_field=TextField())


def _search_postgresql(search_type, query):
    tsquery = _tsquery(query)
    model = search_type.model
    matches = Q(search_document=tsquery)
    part_hits, matching_parts = {}, []
    snippet_options = {
        "max_words": SNIPPET_WORDS,
        "min_words": 12,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    fallback = {}
    if search_type.fallback_snippet:
        _label, fields = search_type.fallback_snippet
        fallback["fallback_hit"] = _headline(_text_of(fields), query, **snippet_options)
    for index, (_label, part_model, fields) in enumerate(search_type.parts):
        parts = part_model.objects.filter(search_document=tsquery)
        matching_parts.append(parts.order_by().values("edition_id"))
        part_hits[f"part_hit_{index}"] = Subquery(
            parts.filter(edition=OuterRef("pk"))
            .annotate(hit=_headline(_text_of(fields), query, highlight_all=True))
            .order_by("position")
            .values("hit")[:1]
        )
    if matching_parts:
        # One `id IN (… UNION …)` rather than `vector @@ query OR id IN (…)`: PostgreSQL
        # answers each branch from its own GIN index, where the OR scans every row.
        own = model.objects.filter(search_document=tsquery)
        matches = Q(pk__in=own.order_by().values("pk").union(*matching_parts))
    matching = search_type.queryset().filter(matches)
    # Only the first RANKED_CANDIDATES matches in the type's own order (the newest news
    # first) are counted and ranked: a word found in every row costs what a rare one
    # does, however large the archive grows.
    candidates = matching.order_by(*model._meta.ordering).values("pk")[:RANKED_CANDIDATES]
    objects = (
        search_type.queryset()
        .filter(pk__in=candidates)
        .annotate(
            rank=SearchRank(F("search_document"), tsquery),
            title_hit=_headline(F(search_type.title_field), query, highlight_all=True),
            snippet_hit=_headline(_text_of(search_type.snippet_fields), query, **snippet_options),
            total=Window(Count("pk")),
            **part_hits,
            **fallback,
        )
        .order_by("-rank", *model._meta.ordering)[:RESULTS_PER_TYPE]
    )
    hits = []
    terms = terms_of(query)
    for obj in objects:
        found = re.findall(f"{START}(.*?){STOP}", obj.snippet_hit)
        own = _sentence_snippet(obj, search_type.snippet_fields, found) or obj.snippet_hit

        def fallback(obj=obj):
            text = obj.fallback_hit
            found = re.findall(f"{START}(.*?){STOP}", text)
            text = _sentence_snippet(obj, search_type.fallback_snippet[1], found) or text
            return _fallback_snippet(search_type, obj, text)

        hits.append(
            _hit(
                search_type,
                obj,
                obj.title_hit,
                *_chosen_snippet(
                    search_type,
                    obj,
                    obj.title_hit,
                    own,
                    terms,
                    fallback if search_type.fallback_snippet else None,
                    lambda obj=obj: _part_snippet(search_type, obj),
                ),
            )
        )
    return _by_rank(hits), (objects[0].total if objects else 0)


def _chosen_snippet(search_type, obj, title, own, terms, fallback, part):
    """(snippet, facts, aside) of a hit, as `Hit` keeps them. A hit found by its name (its
    title, or an edition's venue) shows its facts where it records any: an edition always
    (its own text is what announced it), a program where its own text does not hold the
    words. Otherwise the sentence of its own text that holds them (an edition's labelled
    as its announcement, when its name does not hold them), else its announcement under
    its label (`fallback`, a function), else the part that holds them (`part`)."""
    named = START in title or bool(
        search_type.named_in_meta and search_type.named_in_meta(obj, terms)
    )
    shows_facts = named and search_type.has_facts and search_type.has_facts(obj)
    if shows_facts and (search_type.facts_first or START not in own):
        return "", True, False
    if START in own:
        if search_type.text_label and not named:
            return f"{search_type.text_label(obj)}: {own}", False, True
        return own, False, False
    if fallback and not named:
        announcement = fallback()
        if announcement:
            return announcement, False, True
    return part() or own, False, False


def _by_rank(hits):
    """Hits named by the words first, those found only in an aside (a program's
    announcement) last; the database's order otherwise."""
    return sorted(hits, key=lambda hit: -hit.rank)


def _fallback_snippet(search_type, obj, snippet):
    """The snippet of the fallback fields under their label, if the words are in it."""
    return f"{search_type.fallback_label(obj)}: {snippet}" if START in snippet else None


def _part_snippet(search_type, obj):
    for index, (label, _model, _fields) in enumerate(search_type.parts):
        hit = getattr(obj, f"part_hit_{index}", None)
        if hit:
            return f"{label}: {hit}"
    return None


# SQLite and others: a plain, case-insensitive match -------------------------------------


def _search_fallback(search_type, query):
    terms, left_out = query_terms(query)
    fields = searchable_fields(search_type.model)
    matches = ~_any_contains(fields, left_out) if left_out else Q()
    part_hits = {}
    for term in terms:
        term_matches = Q()
        for name in fields:
            term_matches |= Q(**{f"{name}__icontains": term})
        for _label, model, part_fields in search_type.parts:
            term_matches |= Q(
                pk__in=model.objects.filter(_any_contains(part_fields, [term])).values("edition_id")
            )
        matches &= term_matches
    for index, (_label, model, part_fields) in enumerate(search_type.parts):
        part_hits[f"part_hit_{index}"] = Subquery(
            model.objects.filter(_any_contains(part_fields, terms), edition=OuterRef("pk"))
            .annotate(hit=_text_of(part_fields))
            .order_by("position")
            .values("hit")[:1]
        )
    objects = list(
        search_type.queryset()
        .filter(matches)
        .annotate(total=Window(Count("pk")), **part_hits)[:RESULTS_PER_TYPE]
    )
    hits = []
    for obj in objects:
        title = _mark_terms(str(getattr(obj, search_type.title_field)), terms)
        own = _sentence_snippet(obj, search_type.snippet_fields, terms) or _cut_around_match(
            _joined(obj, search_type.snippet_fields), terms
        )

        def fallback(obj=obj):
            text = _sentence_snippet(obj, search_type.fallback_snippet[1], terms) or ""
            return _fallback_snippet(search_type, obj, text)

        def part(obj=obj):
            text = _part_snippet(search_type, obj)
            return _mark_terms(text, terms) if text else None

        hits.append(
            _hit(
                search_type,
                obj,
                title,
                *_chosen_snippet(
                    search_type,
                    obj,
                    title,
                    own,
                    terms,
                    fallback if search_type.fallback_snippet else None,
                    part,
                ),
            )
        )
    return _by_rank(hits), (objects[0].total if objects else 0)


# Where a sentence ends: after . ! or ? before a capital, a digit or an opening quote;
# and at every line's end (a Markdown paragraph, heading or list item).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“‘\"'(\[])|\s*\n\s*")


def _sentence_snippet(obj, fields, words):
    """The first sentence of the fields (the item's own text, as its page shows it) that
    holds one of the words found, the words marked; cut around the word if the sentence
    is long. None when no sentence holds them (found in the title or a part only).

    `words` are the words found as the text has them: the database's marked words on
    PostgreSQL (so "workshops" finds the sentence with "Workshop"), the terms elsewhere."""
    words = [word for word in dict.fromkeys(w.strip() for w in words) if word]
    if not words:
        return None
    has_word = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    for sentence in _SENTENCE_END.split(_strip_markers(_joined(obj, fields))):
        if has_word.search(sentence):
            if len(sentence.split()) > SNIPPET_WORDS:
                return _cut_around_match(sentence, [word.lower() for word in words])
            return _mark_terms(sentence, words)
    return None


def _joined(obj, fields):
    return " ".join(str(getattr(obj, name)) for name in fields if getattr(obj, name))


def _any_contains(fields, terms):
    condition = Q()
    for term in terms:
        for name in fields:
            condition |= Q(**{f"{name}__icontains": term})
    return condition


def _strip_markers(text):
    return text.replace(START, "").replace(STOP, "")


def _mark_terms(text, terms):
    text = _strip_markers(text)
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", text)


def _cut_around_match(text, terms):
    """About SNIPPET_WORDS words of text around the first matching word, matches marked."""
    words = _strip_markers(text).split()
    lowered = [word.lower() for word in words]
    first = next((i for i, word in enumerate(lowered) if any(term in word for term in terms)), None)
    start = 0 if first is None else max(0, first - SNIPPET_WORDS // 3)
    chosen = words[start : start + SNIPPET_WORDS]
    snippet = " ".join(chosen)
    if start > 0:
        snippet = "… " + snippet
    if start + SNIPPET_WORDS < len(words):
        snippet += " …"
    return _mark_terms(snippet, terms) if first is not None else snippet


def _shown_title(search_type, obj, title):
    """The title as pages show it (an edition's names its program), the words the search
    marked in the stored title marked in it again."""
    if search_type.shown_title is None:
        return title
    marked = [word for word in re.findall(f"{START}(.*?){STOP}", title) if word.strip()]
    return _mark_terms(search_type.shown_title(obj), marked)


def _hit(search_type, obj, title, snippet, facts=False, aside=False):
    """A hit; `aside` when only its announcement holds the words (it comes after those
    found in their own text), `facts` when its snippet is its facts (see `Hit.facts`)."""
    title = _shown_title(search_type, obj, title)
    if facts and search_type.key == "programs":
        with_latest_edition([obj])
    return Hit(
        object=obj,
        title=highlighted(title),
        rank=IN_ASIDE if aside and START not in title else name_rank(title),
        # Long texts are Markdown: a snippet shows their words, not their marks.
        snippet=highlighted(without_marks(snippet.strip())),
        url=obj.get_absolute_url(),
        facts=facts,
    )
