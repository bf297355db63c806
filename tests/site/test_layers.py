"""Which way the code reaches: what import-linter cannot see.

The import contracts (pyproject.toml) keep programs from importing the apps above it, but
a relation that another app points at programs gives programs' rows a way up that needs
no import: `program.posts`, `edition.testimonials`, `edition.call`. Pages that show those
are composed in pages/, so programs' code and templates never name them.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

PROGRAMS = Path(apps.get_app_config("programs").path)
PROGRAMS_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "programs"


def upward_relation_names():
    """The names by which a programs row reaches a row of an app above it: the accessor
    and the query name of every relation another app points at a programs model."""
    names = set()
    for model in apps.get_app_config("programs").get_models():
        for relation in model._meta.related_objects:
            if relation.related_model._meta.app_label != "programs":
                names |= {relation.get_accessor_name(), relation.name}
    return names


def programs_sources():
    code = [p for p in PROGRAMS.rglob("*.py") if "migrations" not in p.parts]
    return [*code, *PROGRAMS_TEMPLATES.rglob("*.html")]


def test_the_apps_above_programs_point_at_it():
    """The check below looks for real names: the relations the other apps define."""
    assert {"posts", "testimonials", "call"} <= upward_relation_names()


def test_programs_code_and_templates_never_reach_up_through_a_relation():
    names = "|".join(sorted(map(re.escape, upward_relation_names())))
    # `edition.call`, `"call"` or `"call__contacts"` in select_related, `call__status=`.
    upward = re.compile(rf"\.({names})\b|[\"']({names})(__\w+)?[\"']|\b({names})__\w")
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}"
        for path in programs_sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if upward.search(line)
    ]
    assert not found, "programs reaches an app above it (compose the page in pages/):\n" + (
        "\n".join(found)
    )
