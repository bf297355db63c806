"""Makes the real PDFs the document tests and the fuzz test start from, the way applicants
make theirs: a CV printed to PDF by Chromium (fonts, text, a link, two pages), a scanned
letter saved as PDF by Pillow (a JPEG image), and a form-like file by pypdf (an outline,
link annotations, metadata). Run it again only to change them:

    .venv/bin/python tests/applications/sample_pdfs/make_samples.py
"""

import io
from pathlib import Path

import pypdf
from PIL import Image, ImageDraw
from playwright.sync_api import sync_playwright
from pypdf.annotations import Link

HERE = Path(__file__).parent

CV = (
    """<!doctype html><html lang="en"><meta charset="utf-8"><title>CV</title>
<style>body{font:11pt serif;margin:2cm}h1{font-size:18pt}td{padding:2pt 8pt}</style>
<h1>Curriculum vitae: Amina Wanjiru</h1>
<p>Head of Smart City Policy, Nairobi City County, Kenya. <a href="https://example.org/">example.org</a></p>
<h2>Experience</h2>
<table><tr><td>2019–2026</td><td>Head of Smart City Policy</td></tr>
<tr><td>2014–2019</td><td>E-government officer — online services, open data, GIS</td></tr></table>
<h2>Languages</h2><p>English, Kiswahili, Français, 한국어 (basic)</p>
<div style="page-break-before:always"><h2>Motivation</h2>
<p>"""
    + "To learn how other cities run e-government services. " * 30
    + "</p></div></html>"
)


def chromium_cv():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.set_content(CV)
        data = page.pdf(format="A4")
        browser.close()
    return data


def scanned_letter():
    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), "City of Test — Nomination letter", fill="black")
    for line in range(20):
        draw.line((60, 120 + line * 30, 560, 120 + line * 30), fill=(90, 90, 90), width=2)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=72, quality=60)
    return out.getvalue()


def form_like():
    writer = pypdf.PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    for number in range(3):
        writer.add_outline_item(title=f"Section {number + 1}", page_number=number)
    writer.add_annotation(
        0,
        Link(rect=(50, 50, 200, 80), target_page_index=2),
    )
    writer.add_metadata({"/Title": "Nomination form", "/Author": "City of Test"})
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "cv-chromium.pdf").write_bytes(chromium_cv())
    (HERE / "letter-pillow.pdf").write_bytes(scanned_letter())
    (HERE / "form-pypdf.pdf").write_bytes(form_like())
