"""The default "accepted" email promised "Details of the program and the practical
arrangements follow." and nothing followed: the text, where it is still the default as
migration 0002 first wrote it, now says the secretariat will write with them (0002 writes
the new text in a new database). A text an editor changed is left as it is."""

from django.db import migrations

NAME = "decision-accepted"
OLD_SENTENCE = "Details of the program and the practical arrangements follow."
NEW_SENTENCE = "The secretariat will write to you with the program and the practical arrangements."
OLD_CONTENT = (
    "Dear {{ name }},\n\nWe are pleased to tell you that your application {{ reference }} "
    "to {{ edition }} ({{ edition_dates }}{% if venue %}, {{ venue }}{% endif %}) has been "
    "accepted.\n\nPlease confirm your participation by replying to this email. Details of "
    "the program and the practical arrangements follow."
    "\n\nFor any question, write to:\n{{ contacts }}\n\nWeGO Training Programs\n"
)
NEW_CONTENT = OLD_CONTENT.replace(OLD_SENTENCE, NEW_SENTENCE)


def replace_default(apps, before, after):
    EmailTemplate = apps.get_model("post_office", "EmailTemplate")
    EmailTemplate.objects.filter(
        name=NAME, language="", default_template=None, content=before
    ).update(content=after)


def forwards(apps, schema_editor):
    replace_default(apps, OLD_CONTENT, NEW_CONTENT)


def backwards(apps, schema_editor):
    replace_default(apps, NEW_CONTENT, OLD_CONTENT)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_email_help_text_in_plain_words"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
