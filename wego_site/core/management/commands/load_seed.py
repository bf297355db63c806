from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wego_site.core.models import SeedLoad
from wego_site.pagecache.generation import bump_generation


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (fixtures/*.json, in name order). Each file is loaded once: "
        "a file already loaded is skipped, and a row that already exists is never overwritten, "
        "so running this again keeps every editor's change. Then every content row without "
        "a version gets its first one, so an editor's first change can be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Folder holding the fixture files (default: the project's fixtures/).",
        )

    def handle(self, *args, directory, **options):
        paths = sorted(directory.glob("*.json"))
        if not paths:
            self.stderr.write(f"No fixture files in {directory}.")
            return
        for path in paths:
            if SeedLoad.objects.filter(fixture=path.name).exists():
                self.stdout.write(f"{path.name}: loaded before, skipped.")
                continue
            created, existing = self.load_missing_rows(path)
            self.stdout.write(
                self.style.SUCCESS(f"{path.name}: {created} rows added, {existing} already there.")
            )
        record_first_versions()
        self.stdout.write("Every content row has a first version in its history.")
        # Fixture rows are saved raw, without signals: retire any cached page here.
        bump_generation()

    @transaction.atomic
    def load_missing_rows(self, path):
        """Save the fixture's rows whose natural key is not in the database yet."""
        created = existing = 0
        with_forward_references = []
        with path.open(encoding="utf-8") as fixture:
            for row in serializers.deserialize("json", fixture, handle_forward_references=True):
                if row.object.pk is not None:
                    existing += 1
                    continue
                row.save()
                created += 1
                if row.deferred_fields:
                    with_forward_references.append(row)
        for row in with_forward_references:
            row.save_deferred_fields()
        SeedLoad.objects.create(fixture=path.name)
        return created, existing


FIRST_VERSION_COMMENT = "First recorded version."


def record_first_versions():
    """A first version for every content row that has none (django-reversion's command
    skips rows that have one, so running it again changes nothing)."""
    call_command("createinitialrevisions", comment=FIRST_VERSION_COMMENT, verbosity=0)
