"""A first text for each decision email, for the secretariat to adapt in the admin."""

from django.db import migrations

CLOSING = "\n\nFor any question, write to:\n{{ contacts }}\n\nWeGO Training Programs\n"
TEXTS = {
    "accepted": (
        "You are selected: {{ edition }} ({{ reference }})",
        "Dear {{ name }},\n\nWe are pleased to tell you that your application {{ reference }} "
        "to {{ edition }} ({{ edition_dates }}{% if venue %}, {{ venue }}{% endif %}) has been "
        "accepted.\n\nPlease confirm your participation by replying to this email. The "
        "secretariat will write to you with the program and the practical arrangements." + CLOSING,
    ),
    "waitlisted": (
        "Your application to {{ edition }}: waiting list ({{ reference }})",
        "Dear {{ name }},\n\nThank you for applying to {{ edition }}. All places are taken for "
        "now; your application {{ reference }} is on the waiting list, and we will write to "
        "you at once if a place becomes free." + CLOSING,
    ),
    "declined": (
        "Your application to {{ edition }} ({{ reference }})",
        "Dear {{ name }},\n\nThank you for applying to {{ edition }}. We received many more "
        "applications than there are places, and we are sorry that we cannot offer you one "
        "this time. We hope to see your application to a future program." + CLOSING,
    ),
}


def add_texts(apps, schema_editor):
    DecisionEmail = apps.get_model("applications", "DecisionEmail")
    present = set(DecisionEmail.objects.values_list("status", flat=True))
    # bulk_create sends no signal: no page depends on these texts.
    DecisionEmail.objects.bulk_create(
        DecisionEmail(status=status, subject=subject, body=body)
        for status, (subject, body) in TEXTS.items()
        if status not in present
    )


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(add_texts, migrations.RunPython.noop)]
