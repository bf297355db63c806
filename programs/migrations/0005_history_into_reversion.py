"""The content history moves from django-simple-history to django-reversion.

Every historical row becomes a version (see wego_site.core.history_migration), then the
historical tables go. Rows that never had a historical row (the seed's) get their first
version from `manage.py createinitialrevisions`, which `load_seed` and the deploy run.
"""

from django.db import migrations

from wego_site.core.history_migration import copy_history

MODELS = [
    "programs.Country",
    "programs.Organisation",
    "programs.Contact",
    "programs.RegionalOffice",
    "programs.Introduction",
    "programs.Program",
    "programs.Edition",
    "programs.Topic",
    "programs.SiteVisit",
    "programs.Participant",
]


def move_history(apps, schema_editor):
    copy_history(apps, schema_editor, "programs", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programs", "0004_stored_search_documents"),
    ]

    operations = [
        # Versions keep the history; nothing to undo when migrating back.
        migrations.RunPython(move_history, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalcountry",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaledition",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaledition",
            name="program",
        ),
        migrations.RemoveField(
            model_name="historicaledition",
            name="venue_country",
        ),
        migrations.RemoveField(
            model_name="historicalintroduction",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalorganisation",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalparticipant",
            name="country",
        ),
        migrations.RemoveField(
            model_name="historicalparticipant",
            name="edition",
        ),
        migrations.RemoveField(
            model_name="historicalparticipant",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalprogram",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalprogram",
            name="regional_office",
        ),
        migrations.RemoveField(
            model_name="historicalregionaloffice",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalsitevisit",
            name="edition",
        ),
        migrations.RemoveField(
            model_name="historicalsitevisit",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaltopic",
            name="edition",
        ),
        migrations.RemoveField(
            model_name="historicaltopic",
            name="history_user",
        ),
        migrations.DeleteModel(
            name="HistoricalContact",
        ),
        migrations.DeleteModel(
            name="HistoricalCountry",
        ),
        migrations.DeleteModel(
            name="HistoricalEdition",
        ),
        migrations.DeleteModel(
            name="HistoricalIntroduction",
        ),
        migrations.DeleteModel(
            name="HistoricalOrganisation",
        ),
        migrations.DeleteModel(
            name="HistoricalParticipant",
        ),
        migrations.DeleteModel(
            name="HistoricalProgram",
        ),
        migrations.DeleteModel(
            name="HistoricalRegionalOffice",
        ),
        migrations.DeleteModel(
            name="HistoricalSiteVisit",
        ),
        migrations.DeleteModel(
            name="HistoricalTopic",
        ),
    ]
