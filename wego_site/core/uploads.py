"""Uploads in progress, kept private and never left behind.

A file larger than FILE_UPLOAD_MAX_MEMORY_SIZE is written to disk while its request is
read. Here it goes to FILE_UPLOAD_TEMP_DIR, one folder per process (0700, the files
0600), instead of the system's shared /tmp. Django removes the file when its request
ends, whatever the answer; a process that dies mid-upload (a killed worker) leaves its
folder, which `sweep_uploads()` removes: gunicorn's master calls it when a worker exits
and when it starts (gunicorn.conf.py), and `purge_applications` runs it every day.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat

MEGABYTE = 1024 * 1024


def size_text(number_of_bytes):
    """A size as the site writes it, limits and files alike: "5 MB" for a whole number of
    megabytes (not Django's "5.0 MB"), otherwise as Django writes it ("7.2 MB", "1000
    bytes"), with a plain space as in the form's "At most 5 MB"."""
    if number_of_bytes and number_of_bytes % MEGABYTE == 0:
        return f"{number_of_bytes // MEGABYTE} MB"
    return filesizeformat(number_of_bytes).replace("\xa0", " ")


# A file older than this belongs to no request still running (gunicorn's timeout is 30 s).
ABANDONED_AFTER_SECONDS = 3600


def uploads_root():
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


def make_uploads_root():
    root = uploads_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    if root.stat().st_mode & 0o777 != 0o700:
        root.chmod(0o700)
    return root


def process_folder(pid=None):
    """This process's folder for uploads in progress, made private if missing."""
    folder = make_uploads_root() / str(pid or os.getpid())
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


class PrivateTemporaryUploadedFile(TemporaryUploadedFile):
    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        # The name the visitor sent never becomes part of a path.
        file = tempfile.NamedTemporaryFile(suffix=".upload", dir=process_folder())  # noqa: SIM115 - closed with its request
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class PrivateTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for large uploads, writing to this process's private folder."""

    def new_file(self, *args, **kwargs):
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = PrivateTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )


def _is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running
        return True
    return True


def remove_process_folder(pid):
    shutil.rmtree(uploads_root() / str(pid), ignore_errors=True)


def sweep_uploads(now=None):
    """Remove what dead processes left, and any upload older than an hour; returns how
    many files were removed."""
    root = uploads_root()
    if not root.is_dir():
        return 0
    now = now or time.time()
    removed = 0
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        pid = int(folder.name) if folder.name.isdigit() else None
        dead = pid is None or not _is_running(pid)
        for path in folder.iterdir():
            try:
                if dead or now - path.stat().st_mtime > ABANDONED_AFTER_SECONDS:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # its request ended meanwhile
                pass
        if dead:
            shutil.rmtree(folder, ignore_errors=True)
    return removed
