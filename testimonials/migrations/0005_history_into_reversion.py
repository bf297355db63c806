"""The content history moves from django-simple-history to django-reversion.

Every historical row becomes a version (see wego_site.core.history_migration), then the
historical tables go. Rows that never had a historical row (the seed's) get their first
version from `manage.py createinitialrevisions`, which `load_seed` and the deploy run.
"""

from django.db import migrations

from wego_site.core.history_migration import copy_history

MODELS = [
    "testimonials.Testimonial",
]


def move_history(apps, schema_editor):
    copy_history(apps, schema_editor, "testimonials", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("testimonials", "0004_stored_search_document"),
    ]

    operations = [
        # Versions keep the history; nothing to undo when migrating back.
        migrations.RunPython(move_history, migrations.RunPython.noop),
        migrations.DeleteModel(
            name="HistoricalTestimonial",
        ),
    ]
