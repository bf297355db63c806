"""Builders for calls, applications and the PDFs applicants send."""

import datetime as dt
import io
import zlib

import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from post_office.mail import send_queued

from applications.models import Application, Call
from programs.models import Contact, Country
from tests.factories import EditionFactory, ProgramFactory
from wego_site.core.publishing import PublicationStatus


def pdf_bytes(pages=1):
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb_pdf_bytes(decoded_size):
    """A valid one-page PDF whose content stream inflates to `decoded_size` bytes."""
    stream = zlib.compress(b" " * decoded_size, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
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
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def upload(content=None, name="nomination.pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


def make_call(edition=None, opens=None, closes=None, contacts=(), **fields):
    now = timezone.now()
    if edition is None:
        edition = EditionFactory(
            program=ProgramFactory(title="Program with a call"),
            start_date=timezone.localdate() + dt.timedelta(days=60),
            title="Edition with a call",
        )
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("published_at", now - dt.timedelta(days=1))
    call = Call.objects.create(
        edition=edition,
        opens_at=opens or now - dt.timedelta(days=1),
        closes_at=closes or now + dt.timedelta(days=30),
        time_zone="Asia/Seoul",
        eligibility="City officials working on e-government.",
        places=25,
        languages="English",
        costs="WeGO covers the stay; the city covers travel.",
        **fields,
    )
    call.contacts.set(contacts)
    return call


def make_contact(**fields):
    fields.setdefault("name", "Secretariat Reviewer")
    fields.setdefault("email", "reviewer@example.org")
    return Contact.objects.create(honorific="Ms.", **fields)


def form_data(country, **overrides):
    data = {
        "honorific": "Dr.",
        "name": "Applicant Person",
        "position": "Director of Digital Policy",
        "organisation": "Test City Government",
        "city": "Test City",
        "country": str(country.pk),
        "email": "applicant@example.org",
        "phone": "",
        "motivation": "To learn how other cities run e-government services.",
        "plans": "A plan for our city's online services.",
        "consent": "on",
        "website_address": "",
    }
    data.update(overrides)
    return data


def make_application(call, country=None, **fields):
    country = country or Country.objects.get_or_create(name="Testland")[0]
    fields.setdefault("name", "Stored Applicant")
    fields.setdefault("email", f"stored-{Application.objects.count()}@example.org")
    return Application.objects.create(
        call=call,
        country=country,
        position="Officer",
        organisation=fields.pop("organisation", "Stored City Hall"),
        city="Stored City",
        motivation="Motivation.",
        plans="Plans.",
        consented_at=timezone.now(),
        document=fields.pop("document", upload()),
        **fields,
    )


def stored_documents(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def send_the_queue():
    """What `manage.py send_queued_mail` does, without closing the database connection
    after each batch (which would end a test's transaction on PostgreSQL)."""
    send_queued(log_level=0)
