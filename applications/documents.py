"""Applicants' documents: checked by their content, kept where no URL reaches them.

Files are kept in STORAGES["private"], with random names: on one machine a folder
(settings.PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT) whose storage has no base URL, so
nothing can build a public link to them, and whose files only the site's user can read
(0600 in folders 0700); past one machine a private bucket of their own
(docs/deployment.md). Staff read them only through the admin's download view, which
checks the permission and answers with `document_response`.
"""

import datetime as dt
import logging
import math
import secrets
from pathlib import Path
from urllib.parse import quote

import pypdf

# Loaded with the app (before gunicorn forks its workers), not by the first document read.
import pypdf.filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponse
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from pypdf.errors import LimitReachedError
from pypdf.generic import IndirectObject, StreamObject

from wego_site.core.uploads import size_text

logger = logging.getLogger(__name__)

MAX_PAGES = 100
# Where the form keeps a valid document while the applicant corrects the rest, and how
# long (seconds): each new one sweeps those past their time (as purge_applications does),
# and they stay under settings.APPLICATION_KEPT_DOCUMENTS_MAX_BYTES in all.
KEPT_FOLDER = "kept"
KEPT_SECONDS = 3600


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at PRIVATE_MEDIA_ROOT (read at use, so tests can
    move it), without any URL, whose files and folders only the site's user can read."""

    def __init__(self):
        super().__init__(
            base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700
        )

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT.resolve())

    def url(self, name):
        raise ValueError("Applicants' documents have no public address.")


def private_storage():
    """Where documents are kept: STORAGES["private"] (PrivateStorage, or a private S3
    bucket). A callable, so the model field and its migration name no deployment's choice."""
    return storages["private"]


def make_private_on_disk(storage=None):
    """Files 0600 and folders 0700 under a file system storage's root (files stored
    before those modes were set included); other storages keep their own access rules.
    Returns how many modes were changed."""
    storage = storage or private_storage()
    if not isinstance(storage, FileSystemStorage):
        return 0
    root = Path(storage.location)
    if not root.is_dir():
        return 0
    changed = 0
    for path in [root, *root.rglob("*")]:
        mode = 0o700 if path.is_dir() else 0o600
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
            changed += 1
    return changed


# The most documents kept at once, whatever their size: what one keep may list and sweep.
KEPT_MAX_FILES = 1000


def sweep_kept_documents(now=None):
    """Remove the documents kept for forms nobody sent again within KEPT_SECONDS;
    returns (how many were removed, how many remain, their bytes)."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(KEPT_FOLDER)
    except FileNotFoundError:
        return 0, 0, 0
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=KEPT_SECONDS)
    removed = remaining = size = 0
    for name in names:
        path = f"{KEPT_FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
            else:
                size += storage.size(path)
                remaining += 1
        except FileNotFoundError:  # used or removed meanwhile by another request
            continue
    return removed, remaining, size


def room_to_keep(size):
    """Whether a document of `size` bytes may be kept now: the expired ones are removed
    first, and those still in their time, with it, must stay under
    APPLICATION_KEPT_DOCUMENTS_MAX_BYTES and KEPT_MAX_FILES. The folder holds at most
    that many files, so this work is bounded."""
    _removed, count, kept_bytes = sweep_kept_documents()
    return (
        count < KEPT_MAX_FILES
        and kept_bytes + size <= settings.APPLICATION_KEPT_DOCUMENTS_MAX_BYTES
    )


def readable_size(number_of_bytes):
    """A file's size for its sender: whole kilobytes, rounded up (a 431-byte file is
    "1 KB"), from a megabyte megabytes to one decimal ("1.2 MB")."""
    if number_of_bytes < 1024 * 1024:
        return f"{max(1, math.ceil(number_of_bytes / 1024))} KB"
    return f"{number_of_bytes / (1024 * 1024):.1f} MB"


def document_recap(document):
    """How the confirmation names a stored document: "Your PDF, 1 page, 12 KB". Its
    original file name is not kept (it is stored under a random name), so it is named by
    what it is; the pages are left out if the file cannot be read again, the whole line is
    None if the file is gone."""
    if not document:
        return None
    try:
        size = document.size
    except OSError:
        return None
    parts = ["Your PDF"]
    try:
        with document.open("rb") as file:
            pages = len(pypdf.PdfReader(file).pages)
        parts.append(f"{pages} page{pluralize(pages)}")
    except Exception:  # a stored file that no longer reads is the site's, not the sender's
        logger.info("A stored application document could not be read again.")
    parts.append(readable_size(size))
    return ", ".join(parts)


def random_document_name(instance, filename):
    """A name that says nothing of the applicant and cannot be guessed."""
    return f"applications/{secrets.token_hex(16)}.pdf"


def document_response(document, filename):
    """A stored document as a download named `filename`, never cached. From a folder with
    PRIVATE_MEDIA_ACCEL_PREFIX set, the answer is empty and tells nginx which file to send
    (X-Accel-Redirect), so no worker waits while a slow connection reads it; otherwise
    (a private bucket included) Django streams the file."""
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix and isinstance(document.storage, FileSystemStorage):
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(document.name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            document.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/pdf",
        )
    response["Cache-Control"] = "private, no-store"
    return response


def _refuse(message, code):
    raise ValidationError(message, code=code)


# Image codecs are measured by their pixels, never decoded here (JBIG2 would even start
# a program).
IMAGE_CODECS = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}
# A PDF with more objects than this is refused before they are read.
MAX_OBJECTS = 100_000
# What reviewers' PDF readers would run or unpack on their own machines, by the key or
# the value that gives it away, with the words that say why a file is refused.
ACTIVE_KEYS = {
    "/JS": "runs JavaScript",
    "/JavaScript": "runs JavaScript",
    "/AA": "starts actions by itself",
    "/EmbeddedFiles": "carries embedded files",
    "/EmbeddedFile": "carries embedded files",
    "/EF": "carries embedded files",
    "/RichMedia": "carries rich media (Flash or video)",
    "/RichMediaContent": "carries rich media (Flash or video)",
    "/XFA": "is an XFA form (a form that runs scripts)",
}
ACTIVE_VALUES = {
    "/JavaScript": "runs JavaScript",
    "/Launch": "can start programs on the reader's computer",
    "/EmbeddedFile": "carries embedded files",
    "/FileAttachment": "carries embedded files",
    "/RichMedia": "carries rich media (Flash or video)",
}


class ActiveContent(Exception):
    def __init__(self, reasons):
        super().__init__(reasons)
        self.reasons = reasons

    @property
    def why(self):
        reasons = sorted(self.reasons)
        return ", ".join(reasons[:-1]) + " and " + reasons[-1] if len(reasons) > 1 else reasons[0]


class TooLarge(Exception):
    pass


def _names(value):
    """The name (or names, for an array of filters) in `value`."""
    if isinstance(value, list):
        return {str(item) for item in value}
    return {str(value)} if value is not None else set()


def _opens_on_a_page(value):
    """Whether an /OpenAction only shows a page (a destination, or a GoTo action), as
    many word processors write it; anything else acts when the file is opened."""
    if isinstance(value, IndirectObject):
        value = value.get_object()
    if isinstance(value, dict):
        return str(value.get("/S")) == "/GoTo"
    return True  # a destination: an array, a name or a string


def _active_content(dictionary):
    """What in `dictionary` a reader would run or unpack by itself, in words."""
    for key, value in dictionary.items():
        if key in ACTIVE_KEYS:
            yield ACTIVE_KEYS[key]
        if key == "/OpenAction" and not _opens_on_a_page(value):
            yield "starts an action when it is opened"
        if key in ("/S", "/Subtype", "/Type") and str(value) in ACTIVE_VALUES:
            yield ACTIVE_VALUES[str(value)]


def _walk(value):
    """Every dictionary inside `value`, without following references to other objects
    (each indirect object is visited on its own), however deeply nested."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            continue
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _decoded_size(stream):
    filters = _names(stream.get("/Filter"))
    if filters & IMAGE_CODECS:
        width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
        return max(width, 0) * max(height, 0) * 4
    return len(stream.get_data())


def _indirect_objects(reader):
    numbers = [(n, generation) for generation, entries in reader.xref.items() for n in entries]
    numbers += [(n, 0) for n in getattr(reader, "xref_objStm", {})]
    if len(numbers) > MAX_OBJECTS:
        raise TooLarge
    for number, generation in numbers:
        yield reader.get_object(IndirectObject(number, generation, reader))


def _inspect(reader, decoded_limit):
    """Refuses active content anywhere in the file and measures what every stream
    (pages, images, fonts, embedded files, object streams) unpacks to, in all."""
    decoded = 0
    reasons = set()
    for obj in [reader.trailer, *_indirect_objects(reader)]:
        for dictionary in _walk(obj):
            reasons.update(_active_content(dictionary))
        if isinstance(obj, StreamObject):
            decoded += _decoded_size(obj)
            if decoded > decoded_limit:
                raise LimitReachedError("streams decode beyond the limit")
    if reasons:
        raise ActiveContent(reasons)


def validate_application_pdf(file):
    """A real PDF, at most APPLICATION_DOCUMENT_MAX_BYTES, without anything a reader
    would run or unpack by itself (JavaScript, automatic actions, programs to launch,
    embedded files, rich media, XFA), whose streams decode within
    APPLICATION_PDF_MAX_DECODED_BYTES in all (a small file that inflates to gigabytes is
    refused, not unpacked). Anything that goes wrong while reading it is a refusal with a
    message, never an error of the site; pypdf's own log stays out of the site's
    (settings.LOGGING): it can quote the document."""
    if getattr(file, "_committed", False):
        return
    limit = settings.APPLICATION_DOCUMENT_MAX_BYTES
    if file.size > limit:
        _refuse(
            f"This file is larger than {size_text(limit)}. Send a smaller PDF.",
            "file_too_large",
        )
    file.seek(0)
    if file.read(5) != b"%PDF-":
        _refuse("This file is not a PDF. Save your document as PDF and send it again.", "not_pdf")
    file.seek(0)
    decoded_limit = settings.APPLICATION_PDF_MAX_DECODED_BYTES
    try:
        with pypdf.apply_configuration(
            zlib_maximum_output_length=decoded_limit,
            lzw_maximum_output_length=decoded_limit,
            run_length_maximum_output_length=decoded_limit,
            brotli_maximum_output_length=decoded_limit,
            array_based_stream_maximum_output_length=decoded_limit,
            stream_decoding_work_maximum_length=decoded_limit,
            image_maximum_buffer_size=decoded_limit,
        ):
            reader = pypdf.PdfReader(file)
            if reader.is_encrypted:
                _refuse(
                    "This PDF is protected by a password. Send it without the password.",
                    "encrypted_pdf",
                )
            if not 0 < len(reader.pages) <= MAX_PAGES:
                _refuse(f"A PDF of 1 to {MAX_PAGES} pages is expected.", "page_count")
            _inspect(reader, decoded_limit)
    except ValidationError:
        raise
    except ActiveContent as active:
        _refuse(
            f"This PDF {active.why}, which reviewers' computers would run or unpack when "
            "they open it. Send a plain PDF export of your document (“Save as PDF” or "
            "“Print to PDF”).",
            "active_pdf",
        )
    except (LimitReachedError, TooLarge, MemoryError):
        _refuse(
            "This PDF unpacks to far more than its size. Send a plain PDF export of your document.",
            "pdf_bomb",
        )
    except Exception as error:  # any failure to read it is the file's, never the site's
        logger.info("An uploaded PDF could not be read (%s).", type(error).__name__)
        _refuse(
            "This file is damaged or not a real PDF. Save your document as PDF and send it again.",
            "broken_pdf",
        )
    finally:
        file.seek(0)
