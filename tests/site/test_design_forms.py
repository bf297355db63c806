"""The application form's column, measured in a browser: the error summary, the fields
and their error bars all keep the form's edges."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.engine_neutral]

FORM = "/programs/sample-program-demo/sample-edition/apply/"
# Fields whose answer is short by nature (a title, a phone number) may be narrower.
SHORT = {"honorific", "phone"}
FIELDS_JS = """
() => [...document.querySelectorAll('.application-form :is(input, select, textarea)')]
  .filter(e => e.type !== 'hidden' && e.type !== 'checkbox' && e.offsetParent !== null)
  .map(e => { const b = e.getBoundingClientRect(); return [e.name, b.left, b.right]; })
"""


def sent_empty(live_server, page, width):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + FORM)
    page.locator(".application-form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_error_summary_is_the_forms_width_and_on_its_edges(live_server, seed, page, width):
    sent_empty(live_server, page, width)
    form = page.locator(".application-form").bounding_box()
    summary = page.locator(".error-summary").bounding_box()
    assert summary["x"] == pytest.approx(form["x"], abs=0.5), (summary, form)
    assert summary["width"] == pytest.approx(form["width"], abs=0.5), (summary, form)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_fields_follow_one_width_rule_and_their_bars_stay_in_the_column(
    live_server, seed, page, width
):
    """Every field ends at the form's right edge, but for the answers short by nature,
    and starts on its left edge, the summary's; an errored field's red bar stands in the
    gutter before that edge (so no field moves when errors appear), inside the screen."""
    sent_empty(live_server, page, width)
    form = page.locator(".application-form").bounding_box()
    right = form["x"] + form["width"]
    fields = page.evaluate(FIELDS_JS)
    assert len(fields) == 11, fields
    for name, left, end in fields:
        assert left == pytest.approx(form["x"], abs=0.5), name
        if name not in SHORT or width < 640:
            assert end == pytest.approx(right, abs=0.5), (name, end, right)
    bars = page.locator(".field--error").evaluate_all(
        "fields => fields.map(f => f.getBoundingClientRect().x"
        " + parseFloat(getComputedStyle(f, '::before').left))"
    )
    assert len(bars) == 10 and len(set(bars)) == 1, bars
    assert 0 <= bars[0] <= form["x"] - 8, (bars, form)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_before_it_is_sent_the_fields_are_one_width_too(live_server, seed, page):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + FORM)
    form = page.locator(".application-form").bounding_box()
    widths = {name: end - left for name, left, end in page.evaluate(FIELDS_JS)}
    long_fields = {width for name, width in widths.items() if name not in SHORT}
    assert long_fields == {form["width"]}, widths
    assert all(widths[name] < form["width"] / 2 for name in SHORT), widths
