"""Applicants' documents: checked by their content, kept where no URL reaches them.

Files are kept in STORAGES["private"], with random names: on one machine a folder
(settings.PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT) whose storage has no base URL, so
nothing can build a public link to them; past one machine a private bucket of their own
(docs/deployment.md). Staff read them only through the admin's download view, which
checks the permission and answers with `document_response`.
"""

import secrets
from urllib.parse import quote

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from pypdf.errors import LimitReachedError, PyPdfError

MAX_PAGES = 100


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at PRIVATE_MEDIA_ROOT (read at use, so tests can
    move it) and without any URL."""

    def __init__(self):
        super().__init__(base_url=None)

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


def validate_application_pdf(file):
    """A real PDF, at most APPLICATION_DOCUMENT_MAX_BYTES, whose streams decode within
    APPLICATION_PDF_MAX_DECODED_BYTES (a small file that inflates to gigabytes is
    refused, not unpacked). pypdf reads it under those limits."""
    if getattr(file, "_committed", False):
        return
    limit = settings.APPLICATION_DOCUMENT_MAX_BYTES
    if file.size > limit:
        _refuse(
            f"This file is larger than {limit // (1024 * 1024)} MB. Send a smaller PDF.",
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
            pages = reader.pages
            if not 0 < len(pages) <= MAX_PAGES:
                _refuse(f"A PDF of 1 to {MAX_PAGES} pages is expected.", "page_count")
            decoded = 0
            for page in pages:
                contents = page.get_contents()
                decoded += len(contents.get_data()) if contents is not None else 0
                if decoded > decoded_limit:
                    raise LimitReachedError("pages decode beyond the limit")
    except LimitReachedError:
        _refuse(
            "This PDF unpacks to far more than its size. Send a plain PDF export of your document.",
            "pdf_bomb",
        )
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        _refuse(
            "This file is damaged or not a real PDF. Save your document as PDF and send it again.",
            "broken_pdf",
        )
    finally:
        file.seek(0)
