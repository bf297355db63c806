"""Checks over the templates' source that no rendered page would reveal on its own."""

from pathlib import Path

import pytest
from django.conf import settings

TEMPLATE_FILES = sorted(
    path
    for folder in [Path(settings.BASE_DIR)]
    for path in folder.glob("**/templates/**/*.html")
    if ".venv" not in path.parts
)


def test_the_templates_are_found():
    assert len(TEMPLATE_FILES) > 50


@pytest.mark.parametrize(
    "path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_a_comment_tag_closes_on_its_own_line(path):
    """Django's `{# … #}` is one line only: one left open is printed on the page as text."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        assert line.count("{#") == line.count("#}"), (
            f"{path.name}:{number} opens a comment it does not close (use {{% comment %}})"
        )
