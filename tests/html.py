"""Reading rendered pages in tests: headings, <title>, meta and links, with the stdlib parser."""

import html as html_lib
import json
import re
from html.parser import HTMLParser


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings = []  # (level, text)
        self.title = ""
        self.meta = {}
        self.links = {}
        self.times = []
        self.scripts = []
        self._open_heading = None
        self._in_title = False
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._open_heading = [int(tag[1]), ""]
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")
        elif tag == "time":
            self.times.append(attrs.get("datetime"))
        elif tag == "script":
            self._in_script = [attrs.get("type"), ""]

    def handle_endtag(self, tag):
        if self._open_heading and tag == f"h{self._open_heading[0]}":
            self.headings.append((self._open_heading[0], " ".join(self._open_heading[1].split())))
            self._open_heading = None
        elif tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_script:
            self.scripts.append(tuple(self._in_script))
            self._in_script = None

    def handle_data(self, data):
        if self._open_heading:
            self._open_heading[1] += data
        if self._in_title:
            self.title += data
        if self._in_script:
            self._in_script[1] += data


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def text_of(response):
    """The visible text of a page, tags stripped and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|head)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(time|span|a|strong|em|abbr|wbr)\b[^>]*>", "", html)
    return html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def json_ld_blocks(response):
    """Every JSON-LD block of a page, by its @type (each page has at most one of a type)."""
    blocks = {}
    for kind, body in parse(response).scripts:
        if kind == "application/ld+json":
            data = json.loads(body)
            assert data["@type"] not in blocks, f"two {data['@type']} blocks"
            blocks[data["@type"]] = data
    return blocks
