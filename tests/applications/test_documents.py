"""Applicants' documents: real PDFs pass; anything a reviewer's reader would run or
unpack by itself is refused saying why; a damaged file is a refusal, never an error."""

import logging

import pytest

from applications.models import Application
from tests.applications.factories import form_data
from tests.applications.helpers import stored_documents
from tests.applications.pdfs import (
    PAGES,
    SAMPLES,
    page,
    pdf_from_objects,
    stream,
    upload,
)

pytestmark = pytest.mark.django_db

CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s>>"


def one_page(catalog=b"", page_extra=b"", more=()):
    return pdf_from_objects(
        [CATALOG % catalog, PAGES, page(page_extra), stream(b"BT /F1 12 Tf (Hello) Tj ET"), *more]
    )


def send(client, call, content, name="document.pdf"):
    data = {**form_data(), "document": upload(content, name=name)}
    return client.post(call.get_absolute_url(), data)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.pdf")), ids=lambda path: path.name)
def test_real_pdfs_are_accepted(client, call, private_root, sample):
    response = send(client, call, sample.read_bytes(), name=sample.name)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(stored_documents(private_root)) == 1


JS_ACTION = b"<< /S /JavaScript /JS (app.alert(1)) >>"
ACTIVE = {
    "javascript on open": (
        one_page(catalog=b"/OpenAction 5 0 R ", more=[JS_ACTION]),
        "runs JavaScript",
    ),
    "javascript name tree": (
        one_page(catalog=b"/Names << /JavaScript << /Names [(a) 5 0 R] >> >> ", more=[JS_ACTION]),
        "runs JavaScript",
    ),
    "javascript behind an escaped name": (
        one_page(catalog=b"/Names << /Java#53cript 5 0 R >> ", more=[b"<< /Names [] >>"]),
        "runs JavaScript",
    ),
    "open action opening a web page": (
        one_page(catalog=b"/OpenAction << /S /URI /URI (https://example.org/track) >> "),
        "starts an action when it is opened",
    ),
    "page actions": (
        one_page(page_extra=b"/AA << /O << /S /URI /URI (https://example.org) >> >> "),
        "starts actions by itself",
    ),
    "launch": (
        one_page(
            page_extra=b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] "
            b"/A << /S /Launch /F (calc.exe) >> >>] "
        ),
        "can start programs",
    ),
    "embedded exe": (
        one_page(
            catalog=b"/Names << /EmbeddedFiles << /Names [(setup.exe) 5 0 R] >> >> ",
            more=[b"<< /Type /Filespec /F (setup.exe) /EF << /F 6 0 R >> >>", stream(b"MZ")],
        ),
        "carries embedded files",
    ),
    "file attachment annotation": (
        one_page(page_extra=b"/Annots [<< /Subtype /FileAttachment /Rect [0 0 9 9] >>] "),
        "carries embedded files",
    ),
    "rich media": (
        one_page(page_extra=b"/Annots [<< /Subtype /RichMedia /Rect [0 0 9 9] >>] "),
        "rich media",
    ),
    "xfa": (
        one_page(catalog=b"/AcroForm << /Fields [] /XFA 5 0 R >> ", more=[stream(b"<xdp/>")]),
        "XFA form",
    ),
}


def test_opening_on_a_page_is_no_action(client, call):
    # Word processors write where the reader opens the file: a destination, or GoTo.
    for open_action in (b"[3 0 R /Fit]", b"<< /S /GoTo /D [3 0 R /XYZ null null 0] >>"):
        content = one_page(catalog=b"/OpenAction %s " % open_action)
        email = f"open{len(open_action)}@example.org"
        response = client.post(
            call.get_absolute_url(), {**form_data(email=email), "document": upload(content)}
        )
        assert response.status_code == 302


@pytest.mark.parametrize(("content", "why"), ACTIVE.values(), ids=ACTIVE.keys())
def test_active_content_is_refused_saying_why(client, call, private_root, content, why):
    response = send(client, call, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert why in html
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def bomb_in(kind, size):
    data = b"\0" * size
    if kind == "image":
        image = stream(data, extra=b"/Type /XObject /Subtype /Image /Width 1000 /Height 1000 ")
        return one_page(page_extra=b"/Resources << /XObject << /Im1 5 0 R >> >> ", more=[image])
    if kind == "unreferenced stream":
        return one_page(more=[stream(data)])
    # Many small streams, each far under the limit, unpacking beyond it together.
    parts = [stream(b"\0" * (size // 20)) for _ in range(20)]
    return one_page(more=parts)


@pytest.mark.parametrize("kind", ["image", "unreferenced stream", "many streams"])
def test_a_decompression_bomb_in_any_stream_is_refused(client, call, settings, kind):
    settings.APPLICATION_PDF_MAX_DECODED_BYTES = 1_000_000
    content = bomb_in(kind, 3_000_000)
    assert len(content) < 100_000
    response = send(client, call, content)
    assert "unpacks to far more than its size" in response.content.decode()
    assert not Application.objects.exists()


def test_a_huge_jpeg_is_measured_by_its_pixels(client, call, settings):
    settings.APPLICATION_PDF_MAX_DECODED_BYTES = 1_000_000
    image = stream(
        b"\xff\xd8\xff\xd9",
        filter_name=b"/DCTDecode",
        extra=b"/Type /XObject /Subtype /Image /Width 60000 /Height 60000 ",
    )
    response = send(client, call, one_page(more=[image]))
    assert "unpacks to far more than its size" in response.content.decode()


BROKEN = {
    "unknown filter": one_page(more=[stream(b"abc", filter_name=b"/NoSuchDecode")]),
    "unknown encryption": pdf_from_objects(
        [CATALOG % b"", PAGES, page(), stream(b""), b"<< /Filter /Standard /V 9 /R 9 >>"],
        trailer=b"/Encrypt 5 0 R /ID [<00> <00>] ",
    ),
    "deep nesting": one_page(catalog=b"/Deep " + b"[" * 50_000 + b"]" * 50_000 + b" "),
    "no pages": pdf_from_objects([CATALOG % b"", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
    "truncated": one_page()[:300],
    "header only": b"%PDF-1.7\n",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_a_damaged_pdf_is_refused_with_a_message(client, call, private_root, content):
    response = send(client, call, content)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def test_pypdfs_warnings_never_reach_the_log(client, call, caplog, capfd):
    secret = b"amina.secret@example.org"
    info = b"<< /Author 1.2.3.4." + secret + b" >>"
    content = pdf_from_objects(
        [CATALOG % b"", PAGES, page(), stream(b""), info], trailer=b"/Info 5 0 R "
    )
    with caplog.at_level(logging.DEBUG):
        send(client, call, content)
    assert secret.decode() not in caplog.text
    assert secret.decode() not in "".join(capfd.readouterr())


@pytest.mark.parametrize(
    ("size", "text"),
    [(431, "1 KB"), (1024, "1 KB"), (12_800, "13 KB"), (1_258_291, "1.2 MB")],
)
def test_a_documents_size_reads_in_kilobytes_or_megabytes(size, text):
    from applications.documents import readable_size

    assert readable_size(size) == text


def test_the_confirmation_names_a_document_by_its_pages_and_size(tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    from applications.documents import document_recap
    from tests.applications.pdfs import pdf_bytes

    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("stored.pdf", ContentFile(pdf_bytes(pages=3)))
    field = Application._meta.get_field("document")
    document = FieldFile(None, field, name)
    document.storage = storage
    assert document_recap(document) == "Your PDF, 3 pages, 1 KB"
    storage.save("broken.pdf", ContentFile(b"%PDF-not really"))
    broken = FieldFile(None, field, "broken.pdf")
    broken.storage = storage
    assert document_recap(broken) == "Your PDF, 1 KB"
    assert document_recap(FieldFile(None, field, "")) is None
