"""The email queue against a real SMTP server (aiosmtpd): sent through Django's SMTP
backend and read back from the server's mailbox; kept and retried while it is down.

.ci/run starts a standalone sink and names it in SMTP_SINK (host:port) and
SMTP_SINK_MAILDIR; without them the test starts one in this process. The outage test
always runs its own, to stop and start it."""

import datetime as dt
import mailbox
import os
import socket
import time
import uuid

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from django.core.management import call_command
from post_office.models import STATUS, Email

from applications.models import Application
from tests.applications.factories import form_data
from tests.applications.pdfs import upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def own_sink_port():
    """A loopback port nothing listens on, for a sink this test starts itself (several
    test runs may share the machine)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 5
    settings.POST_OFFICE = {**settings.POST_OFFICE, "RETRY_INTERVAL": dt.timedelta(seconds=1)}
    return settings


def start_own_sink(maildir, port):
    assert free(port), f"port {port} is in use"
    controller = Controller(Mailbox(str(maildir)), hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.fixture
def sink(smtp_settings, tmp_path, own_sink_port):
    """(maildir path) of a running SMTP sink the settings point at."""
    external = os.environ.get("SMTP_SINK")
    if external:
        host, port = external.rsplit(":", 1)
        smtp_settings.EMAIL_HOST, smtp_settings.EMAIL_PORT = host, int(port)
        yield os.environ["SMTP_SINK_MAILDIR"]
        return
    maildir = tmp_path / "maildir"
    controller = start_own_sink(maildir, own_sink_port)
    smtp_settings.EMAIL_HOST, smtp_settings.EMAIL_PORT = "127.0.0.1", own_sink_port
    yield str(maildir)
    controller.stop()


def apply(client, call, country, email):
    data = form_data(country, email=email)
    data["document"] = upload()
    response = client.post(call.get_absolute_url(), data)
    assert response.status_code == 302
    return Application.objects.get(email=email)


def messages_to(maildir, address):
    return [m for m in mailbox.Maildir(maildir, create=False) if address in m["To"]]


def test_the_confirmation_goes_through_smtp(client, call, country, sink):
    # The sink's mailbox outlives this run (CI runs the suite on SQLite, then PostgreSQL):
    # an address of this run's own finds only this run's message.
    address = f"smtp-reader-{uuid.uuid4().hex[:12]}@example.org"
    application = apply(client, call, country, address)
    call_command("send_queued_mail", "--log-level=0")
    (message,) = messages_to(sink, address)
    assert application.reference in message["Subject"]
    assert application.reference in message.get_payload(decode=True).decode()
    assert Email.objects.get().status == STATUS.sent


def test_with_the_server_down_the_application_is_kept_and_the_email_waits(
    client, call, country, smtp_settings, tmp_path, own_sink_port
):
    smtp_settings.EMAIL_HOST, smtp_settings.EMAIL_PORT = "127.0.0.1", own_sink_port
    assert free(own_sink_port)
    application = apply(client, call, country, "patient@example.org")
    call_command("send_queued_mail", "--log-level=0")
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert Application.objects.filter(pk=application.pk).exists()

    maildir = tmp_path / "maildir"
    controller = start_own_sink(maildir, own_sink_port)
    time.sleep(1.1)  # the retry interval
    try:
        call_command("send_queued_mail", "--log-level=0")
        (message,) = messages_to(str(maildir), "patient@example.org")
        assert application.reference in message["Subject"]
    finally:
        controller.stop()
    email.refresh_from_db()
    assert email.status == STATUS.sent
