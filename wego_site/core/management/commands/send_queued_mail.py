"""`manage.py send_queued_mail`: django-post-office's sender, one at a time across every
machine.

post_office's own lock is a file, so it keeps two senders on one machine apart but not
two machines, which would then send the same queued email twice. On PostgreSQL this
command (which takes the place of post_office's, this app being listed before it) first
takes an advisory lock in the database every machine shares; a sender that finds it
taken stops at once, and the next run (a minute later from cron) sends what is left.
The lock is held by a connection of its own, as post_office closes the default
connection between batches, and it ends with that connection even if the process dies.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from post_office.management.commands.send_queued_mail import Command as PostOfficeCommand

# pg_try_advisory_lock's key: any number no other part of the site uses.
SENDER_LOCK = 7_305_101


@contextmanager
def sender_lock():
    """True while this process holds the site-wide sender lock (always, off PostgreSQL:
    SQLite serves one machine, where post_office's file lock is enough)."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        yield True
        return
    lock_connection = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with lock_connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [SENDER_LOCK])
            acquired = cursor.fetchone()[0]
        yield acquired
    finally:
        lock_connection.close()  # releases the lock with the session


class Command(PostOfficeCommand):
    help = "Send queued emails (django-post-office), one sender at a time across every machine."

    def handle(self, *args, **options):
        with sender_lock() as acquired:
            if not acquired:
                if options["verbosity"] > 1:
                    self.stdout.write("Another machine is sending the queue; nothing to do.")
                return
            super().handle(*args, **options)
