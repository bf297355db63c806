"""`manage.py load_demo`: a clearly marked sample call to try the whole journey.

Adds a sample program (titled as a sample, never a real one) with an edition starting
in about two months and its call, open until 17:00 Seoul time on the day 30 days from
now (an office's deadline, not the minute the command ran). Running it again changes
nothing: everything is looked up by its slug first. Nothing is written to fixtures/.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from applications.models import Call
from programs.models import AttendanceMode, Edition, Program, ProgramKind
from wego_site.core.publishing import PublicationStatus

PROGRAM_SLUG = "sample-program-demo"
EDITION_SLUG = "sample-edition"
PROGRAM_TITLE = "Sample program (not a real program)"
# The edition's title follows the program's on every page ("Sample program (not a real
# program): Edition with an open call"), so it says what it is without saying "sample" again.
EDITION_TITLE = "Edition with an open call"
# The titles earlier versions of this command gave, put right when it runs again.
OLD_TITLES = {"Sample program (demo, not a real program)", "Sample edition (demo)"}
CALL_ZONE = "Asia/Seoul"
NOTE = "A sample added to try the site out; it is not a real program."


def office_deadline(moment, days):
    """17:00 in the call's zone on the day `days` after `moment`'s day there."""
    zone = ZoneInfo(CALL_ZONE)
    day = timezone.localtime(moment, zone).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(17), tzinfo=zone)


class Command(BaseCommand):
    help = "Add a sample program with an open call for applications (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now().replace(second=0, microsecond=0)
        program, created = Program.objects.get_or_create(
            slug=PROGRAM_SLUG,
            defaults={
                "title": PROGRAM_TITLE,
                "kind": ProgramKind.MAIN,
                "summary": NOTE,
                "status": PublicationStatus.PUBLISHED,
                "published_at": now,
                "position": 99,
                "is_sample": True,
            },
        )
        if not program.is_sample:  # made by an earlier version of this command
            program.is_sample = True
            program.save(update_fields=["is_sample"])
        start = timezone.localdate() + dt.timedelta(days=60)
        edition, _ = Edition.objects.get_or_create(
            program=program,
            slug=EDITION_SLUG,
            defaults={
                "title": EDITION_TITLE,
                "start_date": start,
                "end_date": start + dt.timedelta(days=4),
                "summary": NOTE,
                "attendance": AttendanceMode.MIXED,
                "status": PublicationStatus.PUBLISHED,
                "published_at": now,
            },
        )
        for record, title in [(program, PROGRAM_TITLE), (edition, EDITION_TITLE)]:
            if record.title in OLD_TITLES:
                record.title = title
                record.save(update_fields=["title"])
        call, call_created = Call.objects.get_or_create(
            edition=edition,
            defaults={
                "opens_at": now,
                "closes_at": office_deadline(now, days=30),
                "time_zone": CALL_ZONE,
                "eligibility": "Anyone trying the demo. (A real call says who may apply.)",
                "places": 20,
                "languages": "English",
                "costs": "Nothing: this is a sample. (A real call says what WeGO or the partner covers.)",
                "status": PublicationStatus.PUBLISHED,
                "published_at": now,
            },
        )
        if created or call_created:
            self.stdout.write(
                f"Sample call added: {call.get_absolute_url()} ({call.state_text()})."
            )
        else:
            self.stdout.write(f"The sample call is there already: {call.get_absolute_url()}.")
