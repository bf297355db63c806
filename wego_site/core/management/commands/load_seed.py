import json
from pathlib import Path

import reversion
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from reversion.models import Version

from wego_site.core.models import SeedLoad
from wego_site.pagecache.generation import bump_generation


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (fixtures/*.json, in name order). A file's rows are added "
        "once: a file loaded before adds none (a row an editor deleted stays deleted). A row "
        "that already exists is brought up to date with the fixture only while nobody has "
        "changed it since the seed recorded it; an editor's change is never overwritten. "
        "Then every content row without a version gets its first one, so an editor's first "
        "change can be undone."
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
        loaded = set(SeedLoad.objects.values_list("fixture", flat=True))
        for path in paths:
            if path.name in loaded:
                updated = self.update_untouched_rows(path)
                self.stdout.write(f"{path.name}: loaded before, skipped{updated_text(updated)}.")
                continue
            created, existing, updated = self.load_missing_rows(path)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path.name}: {created} rows added, {existing} already there"
                    f"{updated_text(updated)}."
                )
            )
        record_first_versions()
        self.stdout.write("Every content row has a first version in its history.")
        # Fixture rows are saved raw, without signals: retire any cached page here.
        bump_generation()

    @transaction.atomic
    def load_missing_rows(self, path):
        """Save the fixture's rows whose natural key is not in the database yet; bring
        the others up to date while they are still as the seed left them."""
        created = existing = updated = 0
        with_forward_references = []
        for entry, row in fixture_rows(path):
            if row.object.pk is not None:
                existing += 1
                updated += bring_up_to_date(entry, row)
                continue
            row.save()
            created += 1
            if row.deferred_fields:
                with_forward_references.append(row)
        for row in with_forward_references:
            row.save_deferred_fields()
        SeedLoad.objects.create(fixture=path.name)
        return created, existing, updated

    @transaction.atomic
    def update_untouched_rows(self, path):
        """Bring the rows of a fixture loaded before up to date (see bring_up_to_date)."""
        return sum(
            bring_up_to_date(entry, row) for entry, row in fixture_rows(path) if row.object.pk
        )


def updated_text(count):
    return f", {count} brought up to date" if count else ""


def fixture_rows(path):
    """(the fixture's JSON entry, its deserialized row) for each row of the file."""
    text = path.read_text(encoding="utf-8")
    rows = serializers.deserialize("json", text, handle_forward_references=True)
    return zip(json.loads(text), rows, strict=True)


SEED_UPDATE_COMMENT = "Brought up to date with the seed."


def bring_up_to_date(entry, row):
    """Give an existing row the values its fixture `entry` names, when they differ and
    nobody has changed the row since the seed recorded it (see `untouched_since_seed`).
    The change is recorded in the row's history. True when the row was changed."""
    model = type(row.object)
    current = model._default_manager.filter(pk=row.object.pk).first()
    if current is None:
        return False
    changes, relations, wanted = {}, {}, {}
    fixture_fields = json.loads(serializers.serialize("json", [row.object]))[0]["fields"]
    for name in entry.get("fields", {}):
        field = model._meta.get_field(name)
        if field in row.deferred_fields or getattr(field, "auto_now", False):
            continue  # names a row not in the database (an editor deleted it), or a save time
        if field.many_to_many:
            wanted[name] = pks = sorted(int(pk) for pk in row.m2m_data.get(name, ()))
            if set(pks) != set(getattr(current, name).values_list("pk", flat=True)):
                relations[name] = pks
        else:
            wanted[name] = fixture_fields[name]
            value = getattr(row.object, field.attname)
            if value != getattr(current, field.attname):
                changes[field.attname] = value
    if not (changes or relations) or not untouched_since_seed(current, wanted):
        return False
    with reversion.create_revision():
        reversion.set_comment(SEED_UPDATE_COMMENT)
        for attname, value in changes.items():
            setattr(current, attname, value)
        current.save()
        for name, pks in relations.items():
            getattr(current, name).set(pks)
    return True


def untouched_since_seed(obj, wanted):
    """True when nobody has changed `obj` since the seed recorded it: every version of it
    is the seed's (its first version, or a seed update), and each of its fields holds
    what the first version recorded or what the fixture wants (`wanted`, serialized).

    The first version is the yardstick, not the latest: a seed update of a row records
    the rows its history follows too (an edition's participants), which must not make a
    change made to them around the history look like the seed's.
    """
    versions = list(Version.objects.get_for_object(obj).select_related("revision"))
    comments = {version.revision.comment for version in versions}
    if not comments or not comments <= {FIRST_VERSION_COMMENT, SEED_UPDATE_COMMENT}:
        return False
    first = json.loads(versions[-1].serialized_data)[0]["fields"]
    now = json.loads(serializers.serialize(versions[-1].format, [obj]))[0]["fields"]
    for name, value in now.items():
        if name not in first and name not in wanted:
            continue  # neither recorded nor wanted: not the seed's to judge
        seed_values = [comparable(values[name]) for values in (first, wanted) if name in values]
        if name not in first:
            seed_values += [None, ""]  # a field added since the first version: empty
        if comparable(value) not in seed_values:
            return False
    return True


def comparable(value):
    """A serialized value as compared: the order of a relation's ids does not count."""
    return sorted(value) if isinstance(value, list) else value


FIRST_VERSION_COMMENT = "First recorded version."


def record_first_versions():
    """A first version for every content row that has none (django-reversion's command
    skips rows that have one, so running it again changes nothing)."""
    call_command("createinitialrevisions", comment=FIRST_VERSION_COMMENT, verbosity=0)
