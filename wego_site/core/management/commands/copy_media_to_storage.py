"""`manage.py copy_media_to_storage`: move a one-machine site's files into its buckets.

Copies every file under MEDIA_ROOT (covers, renditions, social cards, program documents)
into the media storage, and every file under PRIVATE_MEDIA_ROOT (applicants' documents)
into the private storage, under the same names, so the rows that name them need no
change. Run it with the S3 settings (docs/deployment.md); a file already in the bucket
with the same size is skipped, so it is safe to run again. The local folders are left
as they are: remove them once the site works from the buckets.
"""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Copy MEDIA_ROOT and PRIVATE_MEDIA_ROOT into the configured (S3) storages."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the files.")

    def handle(self, *args, dry_run=False, **options):
        for folder, alias in [
            (Path(settings.MEDIA_ROOT), "default"),
            (Path(settings.PRIVATE_MEDIA_ROOT), "private"),
        ]:
            storage = storages[alias]
            if (
                isinstance(storage, FileSystemStorage)
                and Path(storage.location) == folder.resolve()
            ):
                raise CommandError(
                    f"STORAGES[{alias!r}] is the folder {folder} itself: set "
                    "DJANGO_MEDIA_STORAGE=s3 and the buckets first (docs/deployment.md)."
                )
            copied = skipped = 0
            files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
            for path in files:
                name = path.relative_to(folder).as_posix()
                if storage.exists(name) and storage.size(name) == path.stat().st_size:
                    skipped += 1
                    continue
                if not dry_run:
                    if storage.exists(name):
                        storage.delete(name)
                    with path.open("rb") as content:
                        stored = storage.save(name, File(content, name=name))
                    if stored != name:
                        raise CommandError(f"{name} was stored as {stored}; nothing else changed.")
                copied += 1
            verb = "would copy" if dry_run else "copied"
            self.stdout.write(
                f"{folder}: {verb} {copied} file(s) to STORAGES[{alias!r}], "
                f"{skipped} already there."
            )
