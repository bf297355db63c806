"""`send_queued_mail` sends each queued email once, however many machines run it: on
PostgreSQL one sender at a time holds a lock in the shared database."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from post_office import mail as post_office
from post_office.models import Email

from wego_site.core.management.commands.send_queued_mail import sender_lock

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the lock is PostgreSQL's (SQLite: one machine)"
    ),
]


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_second_sender_leaves_the_queue_to_the_one_sending(tmp_path):
    post_office.send("applicant@example.org", subject="Queued", message="Hello.")
    lockfile = str(tmp_path / "sender")
    with sender_lock() as held:
        assert held
        call_command("send_queued_mail", "--lockfile", lockfile, "--log-level", "0")
        assert mail.outbox == []
        assert Email.objects.get().status != 0  # still queued
    call_command("send_queued_mail", "--lockfile", lockfile, "--log-level", "0")
    assert [message.subject for message in mail.outbox] == ["Queued"]
    assert Email.objects.get().status == 0  # sent
