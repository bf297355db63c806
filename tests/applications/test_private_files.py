"""Applicants' files on disk: readable by the site's user only, never left behind, and a
body too large refused before it is read."""

import os
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.http.multipartparser import MultiPartParser
from django.test import Client

from applications.documents import make_private_on_disk, private_storage
from applications.models import Application
from tests.applications.factories import form_data
from tests.applications.helpers import stored_documents
from tests.applications.pdfs import SAMPLES, upload
from wego_site.core import uploads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def mode(path):
    return path.stat().st_mode & 0o777


def apply(client, call, **overrides):
    data = {**form_data(), "document": upload(), **overrides}
    return client.post(call.get_absolute_url(), data)


def test_documents_are_0600_in_folders_0700(client, call, private_root):
    assert apply(client, call).status_code == 302
    (document,) = stored_documents(private_root)
    assert mode(document) == 0o600
    assert mode(document.parent) == 0o700 and mode(private_root) == 0o700


def test_documents_stored_before_are_made_private(private_root, upload_root):
    folder = private_root / "applications"
    folder.mkdir(parents=True, mode=0o755)
    (folder / "old.pdf").write_bytes(b"%PDF-")
    (folder / "old.pdf").chmod(0o644)
    call_command("purge_applications", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert mode(folder / "old.pdf") == 0o600 and mode(folder) == 0o700
    assert make_private_on_disk(private_storage()) == 0  # nothing left to change


def test_a_large_upload_goes_to_a_private_folder_and_is_gone_after_the_request(
    client, call, settings, upload_root, monkeypatch
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000  # every document goes to disk
    seen = {}
    real_init = uploads.PrivateTemporaryUploadedFile.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        path = self.temporary_file_path()
        seen["file"], seen["folder"] = mode_of(path), mode_of(os.path.dirname(path))
        seen["path"] = path

    def mode_of(path):
        return os.stat(path).st_mode & 0o777

    monkeypatch.setattr(uploads.PrivateTemporaryUploadedFile, "__init__", spy)
    sample = (SAMPLES / "cv-chromium.pdf").read_bytes()
    for email in ("ok@example.org", "not an address"):  # one stored, one refused
        apply(client, call, email=email, document=upload(sample))
    assert seen["file"] == 0o600 and seen["folder"] == 0o700
    assert seen["path"].startswith(str(upload_root))
    assert not [p for p in upload_root.rglob("*") if p.is_file()]
    assert Application.objects.count() == 1


def test_what_a_dead_worker_left_is_swept(upload_root):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_folder = uploads.process_folder(int(dead.stdout))
    (dead_folder / "partial.upload").write_bytes(b"%PDF- half")
    live_folder = uploads.process_folder()
    (live_folder / "current.upload").write_bytes(b"%PDF- in progress")
    (live_folder / "stale.upload").write_bytes(b"%PDF- old")
    an_hour_ago = time.time() - 2 * uploads.ABANDONED_AFTER_SECONDS
    os.utime(live_folder / "stale.upload", (an_hour_ago, an_hour_ago))

    call_command("purge_applications", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not dead_folder.exists()
    assert (live_folder / "current.upload").exists()
    assert not (live_folder / "stale.upload").exists()


def test_a_body_too_large_is_refused_from_its_length_before_it_is_read(
    call, settings, monkeypatch, private_root
):
    settings.APPLICATION_DOCUMENT_MAX_BYTES = 1000
    settings.APPLICATION_FORM_MAX_EXTRA_BYTES = 1000
    parsed = []
    real_parse = MultiPartParser.parse
    monkeypatch.setattr(MultiPartParser, "parse", lambda self: parsed.append(1) or real_parse(self))
    client = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check reads the body
    client.get(call.get_absolute_url())
    data = {**form_data(), "document": upload(b"%PDF-" + b"x" * 5000)}
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    response = client.post(call.get_absolute_url(), data)
    html = response.content.decode()
    assert response.status_code == 413
    assert "larger than 0 MB" not in html and "too large" in html
    assert "reviewer@example.org" in html  # whom to write to
    assert parsed == []  # the body was never read
    assert not Application.objects.exists() and not stored_documents(private_root)


def test_the_csrf_check_still_guards_the_form(call):
    client = Client(enforce_csrf_checks=True)
    response = client.post(call.get_absolute_url(), {**form_data(), "document": upload()})
    assert response.status_code == 403
    assert not Application.objects.exists()
    # The site's own page, saying what to do next; not Django's.
    page = response.content.decode()
    assert "Your form could not be accepted" in page
    assert "Back button" in page and "allow cookies" in page
    assert "CSRF verification failed" not in page
