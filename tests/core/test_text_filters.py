"""The template filters that shorten text at a sentence's end and group editions."""

import datetime as dt
from types import SimpleNamespace

from wego_site.core.templatetags.wego import (
    sentences_within,
    spans_years,
    whole_sentences_within,
)

QUOTE = (
    "On behalf of the City Council and especially of Mrs. Mestre, I would like to thank "
    "the Secretariat for the hospitality we received. Mrs. Mestre had nothing but good "
    "things to say about the event. It was a fine week"
)


def test_a_title_does_not_end_a_sentence():
    assert whole_sentences_within(QUOTE, 5).endswith("the hospitality we received.")


def test_a_quote_is_shortened_at_a_sentences_end_never_mid_sentence():
    """The first sentence is kept whole however long; then sentences while they fit."""
    first = whole_sentences_within(QUOTE, 5)
    assert first.startswith("On behalf") and "…" not in first
    assert whole_sentences_within(QUOTE, 35) == QUOTE.rsplit(" It was", 1)[0]
    assert whole_sentences_within(QUOTE, 100) == QUOTE


def test_a_summary_still_cuts_a_long_first_sentence_with_an_ellipsis():
    assert sentences_within(QUOTE, 5).endswith(" …")


def test_editions_span_years_only_when_their_years_differ():
    def edition(year):
        return SimpleNamespace(year=dt.date(year, 5, 1).year)

    assert spans_years([edition(2012), edition(2012)]) is False
    assert spans_years([edition(2012), edition(2013)]) is True
    assert spans_years([]) is False
