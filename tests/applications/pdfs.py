"""PDFs as applicants send them: blank ones made with pypdf, a decompression bomb, and the
real documents in tests/applications/sample_pdfs/."""

import io
import zlib
from pathlib import Path

import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile

SAMPLES = Path(__file__).parent / "sample_pdfs"


def pdf_bytes(pages=1):
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_from_objects(objects, trailer=b""):
    """A PDF of the numbered `objects` (object 1 the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer, xref)
    )
    return out.getvalue()


def stream(data, filter_name=b"/FlateDecode", extra=b""):
    body = zlib.compress(data, 9) if filter_name == b"/FlateDecode" else data
    return (
        b"<< /Length %d /Filter %s %s>>\nstream\n" % (len(body), filter_name, extra)
        + body
        + b"\nendstream"
    )


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def page(extra=b"", contents=b"4 0 R"):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %s %s>>" % (
        contents,
        extra,
    )


def bomb_pdf_bytes(decoded_size):
    """A valid one-page PDF whose content stream inflates to `decoded_size` bytes."""
    return pdf_from_objects(
        [b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, page(), stream(b" " * decoded_size)]
    )


def upload(content=None, name="nomination.pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")
