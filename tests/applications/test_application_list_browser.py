"""The applications' list in the admin fits a 1280-pixel screen and names each call's
program."""

import pytest

from tests import factories
from tests.admin_session import sign_in
from tests.applications.factories import ApplicationFactory, CallFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engine_neutral,
    pytest.mark.django_db(transaction=True),
]


def test_the_application_list_fits_1280_pixels_and_names_the_program(live_server, page, editor):
    for program_title in ("WeGO–SHRDC Training Program", "WeGO–KOICA Training Program"):
        edition = factories.EditionFactory(
            program=factories.ProgramFactory(title=program_title),
            title="Training Program, March 2017",
        )
        call = CallFactory(edition=edition)
        for _ in range(2):
            application = ApplicationFactory(
                call=call,
                organisation="Intendencia de Montevideo, Departamento de Gobierno",
                name="Maximiliana Hernández-Villavicencio",
            )
            application.change_status("accepted")
            application.make_participant()
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/applications/application/")
    sticking_out = page.evaluate(
        """() => {
            const box = document.querySelector('#changelist .results').getBoundingClientRect();
            return [...document.querySelectorAll('#result_list th, #result_list td')]
                .map(cell => cell.getBoundingClientRect().right - box.right)
                .filter(beyond => beyond > 0.5).length;
        }"""
    )
    assert sticking_out == 0, f"{sticking_out} cells stick out of the results box"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    calls = page.locator("#result_list td.field-applied_to").all_inner_texts()
    assert "WeGO–SHRDC Training Program, March 2017" in calls
    assert "WeGO–KOICA Training Program, March 2017" in calls
