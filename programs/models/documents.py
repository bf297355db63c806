"""Checks for the documents editors attach to an edition."""

from django.core.exceptions import ValidationError

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_pdf_upload(file):
    """A new upload must be a PDF (by its content, not only its name) of at most 20 MB."""
    if getattr(file, "_committed", False):
        return
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            "This file is larger than 20 MB. Upload a smaller PDF.", code="file_too_large"
        )
    position = file.tell()
    file.seek(0)
    header = file.read(5)
    file.seek(position)
    if not file.name.lower().endswith(".pdf") or header != b"%PDF-":
        raise ValidationError(
            "This file is not a PDF. Upload the program as a PDF.", code="not_pdf"
        )
