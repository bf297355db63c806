"""Moves the history django-simple-history kept into django-reversion's versions.

Used by one data migration per content app, with the migration's historical models
only (never the live ones), so the migrations keep working whatever the models become.
Every historical row becomes a revision (when, who, and what was done) holding one
version of the row as it was, serialised the way django-reversion serialises it; a
deletion becomes the version of the row as it was deleted, so it can be recovered.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.encoding import is_protected_type

ACTIONS = {"+": "Added.", "~": "Changed.", "-": "Deleted."}
# Derived columns the versions do not keep (see the models' reversion registrations).
EXCLUDED_FIELDS = {"search_document"}


def serialised_row(model, row):
    """The JSON `serializers.serialize("json", [obj])` gives for `row` as a `model`."""
    fields = {}
    for field in model._meta.local_fields:
        if field.primary_key or field.name in EXCLUDED_FIELDS:
            continue
        if field.remote_field is not None:
            fields[field.name] = getattr(row, field.attname)
            continue
        value = field.value_from_object(row)
        fields[field.name] = value if is_protected_type(value) else field.value_to_string(row)
    data = [{"model": model._meta.label_lower, "pk": row.id, "fields": fields}]
    return json.dumps(data, cls=DjangoJSONEncoder)


def object_label(row):
    """A readable name for the version list (the models' own __str__ is not available)."""
    for name in ("title", "name", "person_name", "heading", "section"):
        value = getattr(row, name, "")
        if value:
            return str(value)[:200]
    return f"#{row.id}"


def copy_history(apps, schema_editor, history_app, model_labels):
    """Turn the historical rows of each model in `model_labels` ("programs.Edition")
    into versions; the historical models ("HistoricalEdition") live in `history_app`."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    database = schema_editor.connection.alias
    for label in model_labels:
        model = apps.get_model(label)
        history = apps.get_model(history_app, f"Historical{model._meta.object_name}")
        content_type, _created = ContentType.objects.db_manager(database).get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        rows = history.objects.using(database).order_by("history_date", "history_id")
        for row in rows.iterator():
            reason = (row.history_change_reason or "").strip()
            revision = Revision.objects.using(database).create(
                date_created=row.history_date,
                user_id=row.history_user_id,
                comment=reason or ACTIONS.get(row.history_type, "Changed."),
            )
            Version.objects.using(database).create(
                revision=revision,
                object_id=str(row.id),
                content_type=content_type,
                db=database,
                format="json",
                serialized_data=serialised_row(model, row),
                object_repr=object_label(row),
            )
