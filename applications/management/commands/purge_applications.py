"""`manage.py purge_applications`: anonymise applications kept long enough, and leave
nothing of applicants' files where it should not be.

An application is kept APPLICATION_RETENTION_MONTHS months (24 unless set) after its
edition ends; then its personal data, document and queued or sent emails are removed
(country, status and dates stay, for the figures). Every run also removes uploads that
a dead worker left half-written (wego_site/core/uploads.py) and documents kept for a
form nobody sent again within the hour, and makes the documents'
files and folders readable by the site's user only. Run it daily; docs/deployment.md.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from post_office.models import Email

from applications.documents import make_private_on_disk, sweep_kept_documents
from applications.models import Application
from wego_site.core.uploads import sweep_uploads


class Command(BaseCommand):
    help = "Anonymise the applications whose edition ended more than the retention period ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=None, help="Override APPLICATION_RETENTION_MONTHS."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, months=None, dry_run=False, **options):
        due = Application.objects.due_for_retention(months=months)
        if dry_run:
            self.stdout.write(f"{due.count()} application(s) would be anonymised.")
            return
        count = 0
        for application in due.iterator():
            with transaction.atomic():
                Email.objects.filter(to=application.email).delete()
                application.anonymise()
            count += 1
        self.stdout.write(f"{count} application(s) anonymised.")
        swept = sweep_uploads() + sweep_kept_documents()[0]
        if swept:
            self.stdout.write(f"{swept} abandoned upload(s) removed.")
        made_private = make_private_on_disk()
        if made_private:
            self.stdout.write(f"{made_private} document file(s) or folder(s) made private.")
