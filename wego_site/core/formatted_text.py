"""Formatted long texts: Markdown written by editors, rendered to safe HTML on the server.

markdown-it-py parses CommonMark with raw HTML off (any tag an editor types is shown as
text) and images off (pictures come only through the site's checked uploads); nh3, a
well-kept HTML sanitiser, then keeps only the tags and link schemes listed below, so
nothing else reaches a page whatever the parser does. Headings start at <h2> (`#` too): the
page's title is its one <h1>. Links to other sites are marked as such: `rel="external
noopener"`, the class "external" and a visually hidden “(external link)”.

Rendering is memoised by text (`functools.lru_cache`): pages render the same texts again
and again until an editor changes one, and the page cache keeps the result with the page.
"""

import functools
import html as html_entities
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Beyond this many characters a text is not parsed but shown as plain paragraphs: no
# editor writes that much, and it bounds the work a hostile text can cause.
MAX_MARKDOWN_CHARS = 100_000
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "ul", "ol", "li",
    "blockquote", "code", "pre", "hr", "span",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_REL = "external noopener"
EXTERNAL_NOTE = '<span class="visually-hidden"> (external link)</span>'


def site_hosts():
    """Host names of this site: a link to one of them is not external."""
    return {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}


def is_external(href):
    parts = urlsplit(href)
    return parts.scheme in {"http", "https"} and (parts.hostname or "") not in site_hosts()


def _no_page_titles(state):
    """`#` gives an <h2> like `##`: the page's title is its one <h1>."""
    for token in state.tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"


def _render_link_open(self, tokens, index, options, env):
    token = tokens[index]
    if is_external(token.attrGet("href") or ""):
        token.attrSet("rel", EXTERNAL_REL)
        token.attrSet("class", "external")
        env["external_links"] = env.get("external_links", 0) + 1
        token.meta["external"] = True
    return self.renderToken(tokens, index, options, env)


def _render_link_close(self, tokens, index, options, env):
    # The matching opening token is the nearest earlier link_open at the same level.
    level = tokens[index].level
    for opening in reversed(tokens[:index]):
        if opening.type == "link_open" and opening.level == level:
            if opening.meta.get("external"):
                return EXTERNAL_NOTE + self.renderToken(tokens, index, options, env)
            break
    return self.renderToken(tokens, index, options, env)


# A bare email address in a text becomes a mailto: link (its domain ends in letters, so a
# sentence's full stop after it stays outside).
EMAIL_ADDRESS = re.compile(
    r"(?<![\w.+@-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)


def _link_email_addresses(state):
    """Bare email addresses in running text (not in a link or code) as mailto: links."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, in_link = [], 0
        for token in block.children:
            in_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type != "text" or in_link or "@" not in token.content:
                children.append(token)
                continue
            text, start = token.content, 0
            for match in EMAIL_ADDRESS.finditer(text):
                if match.start() > start:
                    children.append(Token("text", "", 0, content=text[start : match.start()]))
                link = Token("link_open", "a", 1, level=token.level)
                link.attrSet("href", "mailto:" + match.group(0))
                children.append(link)
                children.append(Token("text", "", 0, content=match.group(0), level=token.level + 1))
                children.append(Token("link_close", "a", -1, level=token.level))
                start = match.end()
            if start < len(text):
                children.append(Token("text", "", 0, content=text[start:], level=token.level))
        block.children = children


@functools.cache
def _parser():
    parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    parser.disable(["image", "html_block", "html_inline"])
    parser.core.ruler.push("no_page_titles", _no_page_titles)
    parser.core.ruler.push("link_email_addresses", _link_email_addresses)
    parser.add_render_rule("link_open", _render_link_open)
    parser.add_render_rule("link_close", _render_link_close)
    return parser


def sanitise(html):
    """Only the tags, attributes and link schemes formatted text may use."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        tag_attribute_values={
            "a": {"rel": {EXTERNAL_REL}, "class": {"external"}},
            "span": {"class": {"visually-hidden"}},
        },
        url_schemes=URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
    )


@functools.lru_cache(maxsize=2048)
def render_markdown(text):
    """Markdown source to sanitised HTML (a SafeString); "" for an empty text."""
    if not text or not text.strip():
        return SafeString("")
    if len(text) > MAX_MARKDOWN_CHARS:
        return SafeString(sanitise(linebreaks(escape(text))))
    html = _parser().render(text)
    # nh3 returns only the allowed markup, so the result is safe to put in a page.
    return mark_safe(sanitise(html).strip())  # noqa: S308


@functools.lru_cache(maxsize=2048)
def markdown_text(text):
    """The words of a Markdown text without its markup (for snippets and descriptions)."""
    if not text:
        return ""
    rendered = render_markdown(text).replace(EXTERNAL_NOTE, "")
    plain = nh3.clean(rendered.replace("</p>", "</p> ").replace("<br>", " "), tags=set())
    # nh3 escapes the text it keeps; plain text wants the characters themselves.
    return " ".join(html_entities.unescape(plain).split())


# Markdown's marks in a piece of a text (a search snippet may cut a link in two).
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)?")
_LINK_TAIL = re.compile(r"^[^\s\[]*\]\([^)\s]*\)?")
_BLOCK_MARK = re.compile(r"(^|\n)[ \t]*(?:#{1,6}|>+|[-+*]|\d{1,9}[.)])[ \t]+")
# Snippets join lines with spaces: a heading's marks may sit mid-line there.
_HEADING_MARK = re.compile(r"(^|\s)#{1,6}[ \t]+")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+)(?=\S)|(?<=\S)(\*{1,3}|_{2,3}|`+)")


def without_marks(fragment):
    """A piece of Markdown source with its marks taken out, for search snippets: the
    words of links stay, their addresses go; headings, quotes, list markers and emphasis
    marks go."""
    text = _LINK_TAIL.sub("", fragment)
    text = _LINK.sub(lambda match: match.group(1), text)
    text = _BLOCK_MARK.sub(lambda match: match.group(1), text)
    text = _HEADING_MARK.sub(lambda match: match.group(1), text)
    return _EMPHASIS.sub("", text)
