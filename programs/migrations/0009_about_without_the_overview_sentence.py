"""The seed's "About" text without its first sentence, which repeats the overview above it
word for word (docs/content.md). Only a text still as the seed gave it is changed: an
editor's own wording stays."""

from django.db import migrations

REPEATED = (
    "Capacity-building is a crucial component of WeGO programs for the advancement of "
    "digital capacity and bridging the digital divide. "
)
SEED_ABOUT = REPEATED + (
    "By organizing training programs, WeGO hopes to provide its members with rich learning "
    "opportunities, promote the use of ICT in public administration, and foster "
    "collaboration among cities. WeGO organizes several training programs per year, with "
    "different partners. However, often training programs are all composed of lectures, "
    "interactive sessions, and site visits to facilities. WeGO also organizes training "
    "programs with its regional offices."
)


def drop_repeated_sentence(apps, schema_editor):
    Introduction = apps.get_model("programs", "Introduction")
    Introduction.objects.filter(section="about", text=SEED_ABOUT).update(
        text=SEED_ABOUT.removeprefix(REPEATED)
    )


def restore_repeated_sentence(apps, schema_editor):
    Introduction = apps.get_model("programs", "Introduction")
    Introduction.objects.filter(section="about", text=SEED_ABOUT.removeprefix(REPEATED)).update(
        text=SEED_ABOUT
    )


class Migration(migrations.Migration):
    dependencies = [("programs", "0008_photographs")]

    operations = [migrations.RunPython(drop_repeated_sentence, restore_repeated_sentence)]
