"""The test settings' guard: a test reaches only a database pytest-django made for it."""

from types import SimpleNamespace

import pytest

from tests.settings import refuse_a_database_not_made_for_tests


def connection_to(name):
    return SimpleNamespace(settings_dict={"NAME": name}, close=lambda: None)


@pytest.mark.parametrize(
    "name",
    [
        "file:memorydb_default?mode=memory&cache=shared",
        ":memory:",
        "test_wego",
        "test_wego_gw1",
        None,  # the server connection that creates and drops test databases
    ],
)
def test_test_databases_are_allowed(name):
    refuse_a_database_not_made_for_tests(None, connection_to(name))


@pytest.mark.parametrize("name", ["/home/dev/wego/db.sqlite3", "wego", "wego_test"])
def test_any_other_database_stops_the_test(name):
    with pytest.raises(RuntimeError, match="not a test database"):
        refuse_a_database_not_made_for_tests(None, connection_to(name))
