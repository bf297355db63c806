"""Editors' formatted texts are sanitised where the public sees them: on the rendered pages
of posts, programs, editions and testimonials. wego_site/core/formatted_text.py is
tested alone in tests/core/test_markdown.py; here, its work on the real pages."""

from html.parser import HTMLParser

import pytest

from programs.models import Edition, Program
from tests.factories import PostFactory, TestimonialFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

# What an attacker with an editor's password (or a careless paste) could write: raw HTML,
# script links, and links to schemes a page must not offer.
HOSTILE = (
    "Read [the files](ftp://files.example.org/x) or [call us](tel:+82212345678) today.\n\n"
    "<script>alert('script')</script>\n\n"
    "<img src=x onerror=alert('img')>\n\n"
    "[click](javascript:alert('link')) and <a href=\"javascript:alert('raw')\">raw</a>"
)
ALLOWED_SCHEMES = ("http://", "https://", "mailto:", "/", "#", "?")


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts."""

    def __init__(self, html):
        super().__init__()
        self.elements, self.scripts, self._script = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = ""

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None


def assert_shown_safely(response):
    assert response.status_code == 200
    page = Elements(response.content.decode())
    assert "Read the files or call us today." in text_of(response), "the words are kept"
    assert not any("alert(" in script for script in page.scripts), "no script of the text runs"
    handlers = [(tag, name) for tag, attrs in page.elements for name in attrs if name[:2] == "on"]
    assert handlers == []
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in page.elements)
    hrefs = [attrs["href"] or "" for tag, attrs in page.elements if "href" in attrs]
    assert [href for href in hrefs if not href.startswith(ALLOWED_SCHEMES)] == []


def test_a_post_body(client):
    post = PostFactory(body=HOSTILE)
    assert_shown_safely(client.get(post.get_absolute_url()))


def test_a_program_body_and_announcement(client, seed):
    program = Program.objects.get(slug="joint-workshop-smart-sustainable-cities-e-government")
    Program.objects.filter(pk=program.pk).update(body=HOSTILE, announcement=HOSTILE)
    response = client.get(program.get_absolute_url())
    assert_shown_safely(response)
    assert text_of(response).count("Read the files or call us today.") == 2


def test_an_edition_body_and_its_testimonials(client, seed):
    edition = Edition.objects.get(slug="2018")
    Edition.objects.filter(pk=edition.pk).update(body=HOSTILE)
    assert_shown_safely(client.get(edition.get_absolute_url()))


@pytest.mark.parametrize("page", ["edition", "testimonials"])
def test_a_testimonial_quote(client, seed, page):
    edition = Edition.objects.get(slug="2018")
    TestimonialFactory(quote=HOSTILE, edition=edition, year=2018)
    url = edition.get_absolute_url() if page == "edition" else "/testimonials/2018/"
    assert_shown_safely(client.get(url))
