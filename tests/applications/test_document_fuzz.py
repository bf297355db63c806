"""A seeded mutation fuzz test of the document check: thousands of damaged variants of
real PDFs, each either accepted or refused with a message, never an error; and a sample
of them sent through the form, never a server error."""

import random
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.documents import validate_application_pdf
from tests.applications.factories import form_data
from tests.applications.pdfs import SAMPLES, upload

CASES_PER_SAMPLE = 1200
SEED = 20261206

TOKENS = [
    b"/FlateDecode",
    b"/LZWDecode",
    b"/ASCII85Decode",
    b"/ASCIIHexDecode",
    b"/RunLengthDecode",
    b"/DCTDecode",
    b"/JBIG2Decode",
    b"/CCITTFaxDecode",
    b"/Crypt",
    b"/NoSuchFilter",
    b"/Length 999999999",
    b"/Length -1",
    b"/Length 0",
    b"/DecodeParms << /Predictor 15 /Columns 99999 >>",
    b"/Encrypt << /V 9 /R 9 /Filter /Standard >>",
    b"/Type /ObjStm /N 999999 /First 0",
    b"/Count 99999999",
    b"/Kids [1 0 R]",
    b"/Parent 3 0 R",
    b"/Width 99999 /Height 99999",
    b"[[[[[[[[[[",
    b"<<<<<<<<",
    b">>",
    b"]",
    b"(",
    b")",
    b"<",
    b"\\",
    b"%",
    b"endstream",
    b"stream\r\n",
    b"endobj",
    b"obj",
    b"xref",
    b"trailer",
    b"startxref",
    b"%%EOF",
    b"R",
    b"0 0 R",
    b"99999999 0 R",
    b"-0",
    b"1e308",
    b"NaN",
    b"\x00",
    b"\xff\xfe",
    b"#",
    b"/#00",
]


def mutate(data, rng, other):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(8)
        at = rng.randrange(len(data) or 1)
        if choice == 0:
            for _ in range(rng.randint(1, 12)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif choice == 1:
            data[at:at] = rng.choice(TOKENS)
        elif choice == 2:
            del data[at : at + rng.randint(1, 400)]
        elif choice == 3:
            length = rng.randint(1, 400)
            data[at:at] = data[at : at + length] * rng.randint(1, 4)
        elif choice == 4:
            del data[rng.randint(5, max(len(data), 6)) :]
        elif choice == 5:
            numbers = [m.span() for m in re.finditer(rb"\d+", bytes(data))]
            if numbers:
                start, end = rng.choice(numbers)
                data[start:end] = rng.choice([b"0", b"-1", b"2147483648", b"99999999999", b"1.5"])
        elif choice == 6:
            names = [m.span() for m in re.finditer(rb"/[A-Za-z]+", bytes(data))]
            if names:
                start, end = rng.choice(names)
                data[start:end] = rng.choice([t for t in TOKENS if t.startswith(b"/")])
        else:
            start = rng.randrange(len(other))
            data[at:at] = other[start : start + rng.randint(1, 2000)]
    return bytes(data)


def samples():
    return sorted(SAMPLES.glob("*.pdf"))


@pytest.mark.parametrize("sample", samples(), ids=lambda path: path.name)
def test_no_damaged_variant_of_a_real_pdf_is_an_error(sample):
    rng = random.Random(f"{SEED}-{sample.name}")  # noqa: S311 - seeded, for repeatable cases
    original = sample.read_bytes()
    others = [path.read_bytes() for path in samples()]
    errors = []
    for case in range(CASES_PER_SAMPLE):
        content = mutate(original, rng, rng.choice(others))
        try:
            validate_application_pdf(SimpleUploadedFile("fuzz.pdf", content))
        except ValidationError:
            pass
        except Exception as error:  # every other exception is a finding
            errors.append(f"case {case}: {type(error).__name__}: {error}"[:200])
    assert not errors, f"{len(errors)} of {CASES_PER_SAMPLE} variants raised:\n" + "\n".join(
        errors[:20]
    )


@pytest.mark.django_db
def test_damaged_pdfs_sent_through_the_form_are_never_a_server_error(client, call):
    client.raise_request_exception = False
    rng = random.Random(SEED)  # noqa: S311 - seeded, for repeatable cases
    others = [path.read_bytes() for path in samples()]
    statuses = []
    for _ in range(30):
        content = mutate(rng.choice(others), rng, rng.choice(others))
        data = {**form_data(email=f"fuzz{len(statuses)}@example.org"), "document": upload(content)}
        statuses.append(client.post(call.get_absolute_url(), data).status_code)
    assert set(statuses) <= {200, 302}, statuses
