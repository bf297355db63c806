"""Every admin list fits a 1280-pixel-wide window: no sideways scrolling, in Chromium."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.admin_session import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engine_neutral,
    pytest.mark.django_db(transaction=True),
]

# The results table against the box it sits in, and the page against the window.
MEASURE = """() => {
  const table = document.querySelector("#result_list");
  const box = document.querySelector("#changelist .results") || table.parentElement;
  return {
    table: table.scrollWidth,
    box: box.clientWidth,
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  };
}"""


def changelists():
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    )


def test_every_admin_list_fits_1280_pixels(live_server, browser, superuser, seed):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, "chief", "pw-chief-1")
        too_wide = {}
        measured = 0
        for url in changelists():
            page.goto(live_server.url + url)
            if page.locator("#result_list").count() == 0:
                continue  # an empty list has no table
            measured += 1
            size = page.evaluate(MEASURE)
            if size["table"] > size["box"] or size["page"] > size["window"]:
                too_wide[url] = size
        assert measured >= 12
        assert too_wide == {}
    finally:
        context.close()
