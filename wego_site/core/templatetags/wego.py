"""Template helpers shared by every section: dates and moments, canonical URLs, JSON-LD,
formatted text, cards."""

import datetime as dt
import json
import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe

from wego_site.core.cards import HasSocialCard, site_card
from wego_site.core.date_text import (
    date_range_parts,
    date_range_text,
    moment_html,
    moment_text,
    range_separator,
)
from wego_site.core.formatted_text import render_markdown
from wego_site.core.linked_data import WEGO_URL, absolute, breadcrumb_list, collection_page
from wego_site.pagecache.generation import per_generation_each

register = template.Library()

ISO = "Y-m-d"

# The characters that could end a <script> element or open a comment, escaped the way
# django.utils.html.json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def date_range(start, end=None):
    """A date range as it reads in English, each date in its own <time datetime>, the
    range in a `.date-range` span that the stylesheet keeps on one line.

    Usage: ``{{ edition.start_date|date_range:edition.end_date }}``.
    """
    if not isinstance(start, dt.date):
        return ""
    first, last = date_range_parts(start, end)
    if last is None:
        return format_html('<time datetime="{}">{}</time>', format_date(start, ISO), first)
    return format_html(
        '<span class="date-range"><time datetime="{}">{}</time>{}<time datetime="{}">{}</time></span>',
        format_date(start, ISO),
        first,
        range_separator(start, end),
        format_date(end, ISO),
        last,
    )


# A one-letter prefix joined by a hyphen, starting a word: “e-Government”, “m-Health”;
# or a name joined to its number: “COVID-19”, “G-20” (not inside an address or a link:
# the word follows a space, a quote, a bracket or the start).
_WORD_START = r"(?<![^\s“‘\"'(])"
_PREFIX_HYPHEN = re.compile(_WORD_START + r"([A-Za-z]|[A-Z][A-Za-z]*(?=-\d))-(?=[A-Za-z\d])")
# A range of numbers written with a hyphen, “July 9-12”, “2011-2017”: not a date written
# 2011-09-05, nor part of an address.
_NUMBER_RANGE = re.compile(_WORD_START + r"(\d{1,4})-(\d{1,4})(?![\d\w-])")


# Where one sentence ends and the next begins (not after a title: “Mrs. Mestre”).
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bProf\.)\s+(?=[A-Z“\"(])"
)


@register.filter
def whole_sentences_within(text, words):
    """The text's first sentences that fit in `words` words, the first one always whole
    however long: a quote shortened this way ends where a sentence of it ends, never
    mid-sentence."""
    words = int(words)
    kept, count = [], 0
    for sentence in _SENTENCE_END.split(str(text).strip()):
        length = len(sentence.split())
        if kept and count + length > words:
            break
        kept.append(sentence)
        count += length
    return " ".join(kept)


@register.filter
def sentences_within(text, words):
    """The text's first sentences that fit in `words` words (at least the first one),
    so a shortened summary ends at a sentence's end; a first sentence longer than that
    is cut at a word, with an ellipsis."""
    words = int(words)
    kept = whole_sentences_within(text, words)
    if len(kept.split()) > words * 1.5:
        return " ".join(kept.split()[:words]) + " …"
    return kept


@register.filter
def first_sentence(text):
    """The text's first sentence: a page head's lede when the rest goes to the body."""
    return _SENTENCE_END.split(str(text).strip(), maxsplit=1)[0]


LEDE_WORDS = 40


@register.filter
def fits_lede(text):
    """Whether the text is short enough to be set as a lede (the large type under a page's
    heading): at most `LEDE_WORDS` words, about three lines; a longer summary is set at the
    body's size, as its first paragraph."""
    return len(str(text).split()) <= LEDE_WORDS


@register.filter
def whole_sentences(text, words):
    """The text whole when it is within half as many words again as `words`, else its
    first sentences that fit in `words` words, the first one whole however long: a news
    card's lede ends at a sentence's end, never cut with an ellipsis (a post's lede is one
    short paragraph, so most are shown whole)."""
    words = int(words)
    text = str(text).strip()
    if len(text.split()) <= words * 1.5:
        return text
    return whole_sentences_within(text, words)


@register.filter
def partition(text, part):
    """(before, part, after): the text split around the first occurrence of part, as
    str.partition does, for a template that sets part of a name apart."""
    return str(text).partition(str(part))


@register.filter(is_safe=True)
def nobreak(text):
    """Text set for a page: “e-Government” and “COVID-19” with a non-breaking hyphen
    (U+2011), so a line never ends inside them, and a range of numbers with an en dash
    held to its numbers by word joiners (“9–12”), as the site writes its own dates.

    For text shown on pages (headings, links, quotes before their Markdown is rendered);
    the stored text, titles, feeds and data keep the plain hyphen.
    """
    if not text:
        return text
    text = _PREFIX_HYPHEN.sub("\\1\u2011", str(text))
    return _NUMBER_RANGE.sub("\\1\u2060\u2013\u2060\\2", text)


@register.filter
def break_after(text, marks="."):
    """Code, escaped, with a chance to break after each of the marks given: a field's
    name after its dots (“participating_countries[].<wbr>participating_bodies”), an
    address after its slashes. Code is never broken inside a word; a long one still
    fits a phone. An address's scheme keeps its two slashes together ("https://")."""
    escaped = str(conditional_escape(text))
    for mark in marks:
        escaped = escaped.replace(mark, f"{mark}<wbr>")
    escaped = escaped.replace(":/<wbr>/", "://")
    return mark_safe(escaped)  # noqa: S308


_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _unbroken(text, pattern):
    """Text, escaped, with each match of `pattern` in a span that never breaks across
    lines; markup already made safe is written as it is."""
    if isinstance(text, SafeData):
        return text
    text = str(text)
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts += [
            text[end : match.start()],
            format_html('<span class="nowrap">{}</span>', match[0]),
        ]
        end = match.end()
    parts.append(text[end:])
    return format_html_join("", "{}", ((part,) for part in parts))


@register.filter
def unbroken_addresses(text):
    """Text, escaped, with each email address in a span that never breaks across lines
    (a line would otherwise end at its hyphen: "andrew@we-" / "gov.org"). The address
    itself is unchanged, so it copies as written. Markup already made safe (a message
    with its own links) is written as it is."""
    return _unbroken(text, _EMAIL_ADDRESS)


# Words joined by an en dash with no space, “WeGO–SHRDC”: a line may end after an en
# dash, and a name is never split there.
_JOINED_WORDS = re.compile(r"(?<![\w\u2011-])[^\W\d_]+(?:\u2013[^\W\d_]+)+(?![\w\u2011-])")


@register.filter
def unbroken_names(text):
    """Text, escaped, with each pair of words joined by an en dash (“WeGO–SHRDC”) in a
    span that never breaks across lines (“WeGO–” / “SHRDC” otherwise, on a phone). The
    text itself is unchanged, so it copies and is found as written. For text after
    `nobreak`, in headings, links and ledes; markup already made safe is written as it is."""
    return _unbroken(text, _JOINED_WORDS)


@register.filter
def last_words_together(text):
    """Text with its last two words joined by a no-break space, so a heading that wraps
    never leaves its last word alone on a line ("September 2011" stays one piece). For
    text before `unbroken_names`; one word is left as it is."""
    if not text:
        return text
    head, space, last = str(text).rpartition(" ")
    return f"{head}\u00a0{last}" if space and head else str(text)


@register.filter
def tags_of(links, but=None):
    """The tags of a post's tag links (`post.tag_links`), for `includes/tag_list.html`;
    but the tag whose pk is `but`: on a tag's page each post is there for that tag, so
    its card does not name it again."""
    return [link.tag for link in links if not but or link.tag_id != but]


@register.filter
def all_among(items, others):
    """Whether there are `items` and every one of them is among `others`: whom a page names
    (`people`) are all the footer's contacts, say."""
    items, others = list(items or []), list(others or [])
    return bool(items) and all(item in others for item in items)


@register.filter
def date_range_plain(start, end=None):
    """The same range as plain text, for titles and descriptions."""
    if not isinstance(start, dt.date):
        return ""
    return date_range_text(start, end)


@register.filter
def moment(value):
    """A moment (date and time) in the site's one format, with its time zone named.

    Usage: ``{{ post.published_at|moment }}``; the admin uses `moment_text` directly.
    """
    return moment_html(value)


@register.filter
def moment_plain(value):
    """The same moment as plain text, for labels and titles."""
    return moment_text(value)


def count_text(number, singular, plural=None):
    """“1 city”, “2 cities”: a number with its noun in the right form."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


@register.filter
def counted(number, forms):
    """`{{ n|counted:"city,cities" }}` (or `"country,countries"`; one form adds an s)."""
    singular, _, plural = forms.partition(",")
    return count_text(number, singular, plural or None)


@register.filter
def spans_years(editions):
    """Whether a list of editions falls in more than one year: a table of them then
    groups its rows under their years."""
    return len({edition.year for edition in editions}) > 1


@register.filter
def in_common(editions):
    """What every row of a table of editions shares, where there are two rows or more:
    `program`, the one program of them all, and `venue`, the one venue they were all held
    in (none online). The table says it once, above its rows, instead of on each of them."""
    editions = list(editions)
    if len(editions) < 2:
        return {"program": None, "venue": ""}
    first = editions[0]
    same_program = all(edition.program_id == first.program_id for edition in editions)
    same_venue = all(
        edition.venue == first.venue and edition.attendance != "online" for edition in editions
    )
    return {
        "program": first.program if same_program else None,
        "venue": first.venue if same_venue else "",
    }


@register.filter
def markdown(text):
    """An editor's Markdown as sanitised HTML (wego_site/core/formatted_text.py)."""
    return render_markdown(text or "")


@register.filter
def json_ld(data):
    """A dict as a JSON-LD <script>; <, > and & are escaped so no text can close the tag."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    payload = payload.translate(_JSON_SCRIPT_ESCAPES)
    # The payload is JSON whose markup-significant characters are escaped above, which
    # is exactly how django.utils.html.json_script makes its output safe.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def site_name():
    """The site's name, ``settings.SITE_NAME``, for titles, Open Graph and feed links.

    A tag rather than a context processor so that templates rendered without a request
    context (500.html) read it too.
    """
    return settings.SITE_NAME


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's absolute URL without query string, except a page number above one."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL for a site path, built from the request (for JSON-LD and Open Graph)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


@register.simple_tag(takes_context=True)
def aria_current(context, url, exclude=None, also=None):
    """``aria-current="page"`` on the link to this page, ``"true"`` on its section's link.

    ``exclude`` names a sub-section with a link of its own (the archive under programs);
    ``also`` the name of a URL outside the section's address that belongs to it (a
    country's page, under Cities). A page not found (Django's 404 handler gives its
    template `request_path`) belongs to no section, whatever its address begins with.
    """
    request = context.get("request")
    if request is None or (exclude and request.path.startswith(exclude)):
        return ""
    if "request_path" in context:
        return ""
    if request.path == url:
        return format_html('aria-current="{}"', "page")
    if url != "/" and request.path.startswith(url):
        return format_html('aria-current="{}"', "true")
    match = getattr(request, "resolver_match", None)
    if also and match is not None and match.view_name == also:
        return format_html('aria-current="{}"', "true")
    return ""


@register.simple_tag(takes_context=True)
def page_json_ld(context):
    """The page's BreadcrumbList (below the landing page) and a list page's CollectionPage.

    From the view's `breadcrumbs` (the last crumb is the page itself, given its canonical
    URL here) and `collection` (see wego_site.core.linked_data.collection).
    """
    page_url = canonical_url(context)
    crumbs = list(context.get("breadcrumbs") or [])
    parts = []
    if len(crumbs) > 1 and page_url:
        crumbs[-1] = crumbs[-1]._replace(url=page_url)
        parts.append(json_ld(breadcrumb_list(crumbs, page_url)))
    shown = context.get("collection")
    if shown and page_url:
        parts.append(json_ld(collection_page(shown["name"], shown["items"], page_url)))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag(takes_context=True)
def page_card(context):
    """The page's social card with absolute URLs: its object's own, or the site card."""
    shown = context.get("object")
    card = dict(shown.card if isinstance(shown, HasSocialCard) else site_card())
    base = canonical_url(context) or "/"
    card["absolute_url"] = absolute(base, card["url"])
    return card


@register.simple_tag
def wego_url():
    """WeGO's own website (the footer links to it)."""
    return WEGO_URL


@register.simple_tag
def wego_host():
    return urlsplit(WEGO_URL).hostname


# How many fragments of one name a process keeps for one content generation; past it,
# they are rendered without being kept, so memory stays bounded however large the
# archive, and one kind of fragment (a search's results, say) cannot crowd out another.
FRAGMENT_LIMIT = 1000


def _fragment_key_part(value):
    """A vary-on value as part of a hashable key: a row by its model and primary key."""
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    return value


class PerGenerationNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        key = tuple(_fragment_key_part(v.resolve(context)) for v in self.vary_on)
        return per_generation_each(
            f"template-fragments:{self.name}",
            key,
            lambda: self.nodelist.render(context),
            FRAGMENT_LIMIT,
        )


@register.tag("per_generation")
def per_generation_tag(parser, token):
    """Render the enclosed markup once per content generation for each set of values.

    Usage: ``{% per_generation "news-item" post.pk compact %}...{% endper_generation %}``.
    The name and the values must say everything the markup depends on: only content (a
    content change starts a new generation, and the next render is fresh), never the
    request, the user, the time or a form's token. The fragments are kept in this
    process's memory with the other `per_generation` memos, at most FRAGMENT_LIMIT of
    each name.

    Not Django's ``{% cache %}``: that stores each fragment pickled in a cache backend
    until a timeout, so every key would have to name the generation, and past fragments
    would stay until they expire; these go with the generation, unserialised.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("per_generation needs a name.")
    nodelist = parser.parse(("endper_generation",))
    parser.delete_first_token()
    return PerGenerationNode(
        bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
