"""The old history (django-simple-history's rows) becomes versions django-reversion can
read, revert and recover (wego_site/core/history_migration.py)."""

import json

import pytest
from django.core import serializers

from programs.models import Edition, Program
from wego_site.core.history_migration import object_label, serialised_row

pytestmark = pytest.mark.django_db


def reversion_serialisation(obj):
    fields = [
        field.name
        for field in obj._meta.local_fields
        if not field.primary_key and field.name != "search_document"
    ]
    return json.loads(serializers.serialize("json", [obj], fields=fields))


@pytest.mark.parametrize(
    ("model", "key"), [(Program, "wego-shrdc-training-program"), (Edition, "2018")]
)
def test_a_row_is_serialised_as_reversion_would(seed, model, key):
    obj = model.objects.get(slug=key)
    assert json.loads(serialised_row(model, obj)) == reversion_serialisation(obj)


def test_a_serialised_row_can_be_restored(seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    data = serialised_row(Program, program)
    program.title = "Changed"
    program.save()
    restored = next(serializers.deserialize("json", data))
    restored.save()
    program.refresh_from_db()
    assert program.title == "WeGO–SHRDC Training Program"


def test_versions_are_named_readably(seed):
    assert object_label(Program.objects.get(slug="wego-shrdc-training-program")) == (
        "WeGO–SHRDC Training Program"
    )
