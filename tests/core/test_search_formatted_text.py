"""Search finds the words of a formatted text and shows them without Markdown's marks."""

import pytest

from tests import factories
from wego_site.core.formatted_text import without_marks

pytestmark = pytest.mark.django_db


def test_a_snippet_shows_words_not_marks(client):
    factories.PostFactory(
        slug="call",
        title="Call",
        body="## How to apply\n\nSend **your application** through [the portal](https://example.org/portal).",
    )
    response = client.get("/search/", {"q": "application"})
    html = response.content.decode()
    news = next(s for s in response.context["results"].sections if s.key == "news")
    snippet = str(news.hits[0].snippet)
    assert "application" in snippet
    assert "**" not in snippet
    assert "##" not in snippet
    assert "example.org" not in snippet
    assert "the portal" in snippet
    assert "**" not in html


def test_fragments_lose_their_marks():
    assert without_marks("al](https://x.org/a) then **bold** and *it*") == " then bold and it"
    assert without_marks("## Title\n> quote\n- item\n2. second") == "Title\nquote\nitem\nsecond"
    assert without_marks("5 * 3 and snake_case, C++ – fine") == "5 * 3 and snake_case, C++ – fine"
