"""The decision texts move into django-post-office's own email templates (one table for
every email text): each `DecisionEmail` row becomes the template `decision-<status>`,
and `DecisionEmail` becomes a proxy of post_office's `EmailTemplate`. The old rows'
versions are dropped: they describe a table that no longer exists."""

from django.db import migrations

PREFIX = "decision-"


def rows_to_templates(apps, schema_editor):
    DecisionEmail = apps.get_model("applications", "DecisionEmail")
    EmailTemplate = apps.get_model("post_office", "EmailTemplate")
    for row in DecisionEmail.objects.all():
        EmailTemplate.objects.update_or_create(
            name=PREFIX + row.status,
            language="",
            default_template=None,
            defaults={
                "subject": row.subject,
                "content": row.body,
                "description": f"Decision email for applications marked {row.status}.",
            },
        )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="applications", model="decisionemail")
    Version.objects.filter(content_type__in=content_type).delete()


def templates_to_rows(apps, schema_editor):
    DecisionEmail = apps.get_model("applications", "DecisionEmail")
    EmailTemplate = apps.get_model("post_office", "EmailTemplate")
    for template in EmailTemplate.objects.filter(name__startswith=PREFIX, default_template=None):
        DecisionEmail.objects.update_or_create(
            status=template.name.removeprefix(PREFIX),
            defaults={"subject": template.subject, "body": template.content},
        )
        template.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_documents_storage_from_settings"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(rows_to_templates, templates_to_rows),
        migrations.DeleteModel(name="DecisionEmail"),
        migrations.CreateModel(
            name="DecisionEmail",
            fields=[],
            options={
                "verbose_name": "decision email",
                "ordering": ["name"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("post_office.emailtemplate",),
        ),
    ]
