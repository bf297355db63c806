"""Formatted text: Markdown in, only safe HTML out, whatever an editor (or an attacker
with an editor's password) writes."""

import re

import pytest

from wego_site.core.formatted_text import (
    MAX_MARKDOWN_CHARS,
    markdown_text,
    render_markdown,
    sanitise,
)
from wego_site.core.templatetags.wego import markdown

HOSTILE_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/svg+xml,<svg onload=alert(1)>)",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)\n\n[x]",
]


def test_paragraphs_headings_links_lists_emphasis_and_quotes():
    html = render_markdown(
        "First paragraph with *emphasis* and **strong** words.\n\n"
        "## A heading\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "> A quotation.\n\n"
        "[Our news](/news/)"
    )
    assert (
        "<p>First paragraph with <em>emphasis</em> and <strong>strong</strong> words.</p>" in html
    )
    assert "<h2>A heading</h2>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<blockquote>\n<p>A quotation.</p>\n</blockquote>" in html
    assert '<a href="/news/">Our news</a>' in html  # a link on the site is not external


def test_a_single_hash_is_not_a_second_page_title():
    assert render_markdown("# Title") == "<h2>Title</h2>"


def test_external_links_are_marked():
    html = render_markdown("[World Bank](https://www.worldbank.org/)")
    assert html == (
        '<p><a href="https://www.worldbank.org/" rel="external noopener" class="external">'
        'World Bank<span class="visually-hidden"> (external link)</span></a></p>'
    )


def test_links_to_the_site_itself_are_not_external(settings):
    settings.ALLOWED_HOSTS = ["training.we-gov.org"]
    html = render_markdown("[Programs](https://training.we-gov.org/programs/)")
    assert "external" not in html


@pytest.mark.parametrize("source", HOSTILE_LINKS)
def test_no_script_link_survives(source):
    html = render_markdown(source)
    # Shown as text at most: no link, and no element but the paragraph.
    assert "<a" not in html
    assert set(re.findall(r"<(\w+)", html)) <= {"p"}


def test_raw_html_is_shown_as_text():
    html = render_markdown(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        '<a href="javascript:alert(1)">x</a> <b onclick="alert(1)">b</b>\n\n<style>*{}</style>'
    )
    assert "<script" not in html
    assert "<img" not in html
    assert "<b " not in html
    assert "<style" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror" in html  # as text, escaped, inside a paragraph
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_images_are_not_formatted():
    html = render_markdown("![a picture](https://example.org/a.png)")
    assert "<img" not in html


def test_the_sanitiser_drops_what_the_parser_could_never_make():
    html = sanitise(
        '<p onclick="x()">a</p><iframe src="https://x"></iframe><a href="javascript:x()">b</a>'
        '<a href="https://x.org" rel="nofollow" class="evil" style="color:red">c</a>'
    )
    assert html == '<p>a</p><a>b</a><a href="https://x.org">c</a>'


def test_hostile_inputs_render_bounded_and_sanitised():
    """Deep nesting stops at markdown-it's nesting limit and over-long texts are not
    parsed at all, so the work is bounded by the text's length (timed by the bench, not
    here)."""
    hostile = [
        "[" * 50_000 + "a" + "](" * 20_000,
        ">" * 50_000 + " deep",
        "*" * 90_000,
        "- " * 40_000,
        "a" * (MAX_MARKDOWN_CHARS + 10) + "\n\n<script>x</script>",
        "`" * 60_000 + "x",
    ]
    for source in hostile:
        html = render_markdown(source)
        assert "<script" not in html
        assert html.count("<blockquote>") <= 20 and html.count("<ul>") <= 20, source[:20]
    assert render_markdown(">" * 50_000 + " deep").count("<blockquote>") == 20


def test_over_the_limit_the_text_is_shown_as_plain_paragraphs():
    source = "**not bold** " * (MAX_MARKDOWN_CHARS // 10)
    html = render_markdown(source)
    assert html.startswith("<p>**not bold**")
    assert "<strong>" not in html


def test_empty_texts_render_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n ") == ""
    assert markdown(None) == ""


def test_plain_words_for_snippets_and_descriptions():
    assert markdown_text("## Call\n\nApply **now** at [the portal](https://example.org).") == (
        "Call Apply now at the portal."
    )
    assert markdown_text("A & B <b>") == "A & B <b>"


def test_rendering_is_memoised():
    render_markdown.cache_clear()
    render_markdown("Same *text*")
    render_markdown("Same *text*")
    assert render_markdown.cache_info().hits == 1


def test_a_bare_email_address_becomes_a_mailto_link_outside_links_and_code():
    html = render_markdown(
        "Write to andrew@we-gov.org or foo.bar+x@sub.example.co.uk.\n\n"
        "[Ask](mailto:a@example.org), [a@example.org](https://example.org), `c@example.org`, e@f"
    )
    assert html == (
        '<p>Write to <a href="mailto:andrew@we-gov.org">andrew@we-gov.org</a> or '
        '<a href="mailto:foo.bar+x@sub.example.co.uk">foo.bar+x@sub.example.co.uk</a>.</p>\n'
        '<p><a href="mailto:a@example.org">Ask</a>, <a href="https://example.org" '
        'rel="external noopener" class="external">a@example.org<span class="visually-hidden">'
        " (external link)</span></a>, <code>c@example.org</code>, e@f</p>"
    )


def test_an_address_that_tries_to_break_out_stays_text():
    html = render_markdown('x"onmouseover=alert(1)"@example.org <b>@example.org</b>')
    assert "onmouseover=" not in html.split('href="')[-1].split('"')[0]
    assert "<b>" not in html and "alert(1)" in html
