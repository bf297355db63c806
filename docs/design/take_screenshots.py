"""Screenshots of every page shape at 1280 and 375 px, for docs/design.md.

Run against a seeded site with the demo call (`make run`, then `make demo`, in another
shell):

    .venv/bin/python docs/design/take_screenshots.py http://127.0.0.1:8000

Names of shapes after the address shoot only those (e.g. `... cities city country`).

Each page is shot full length with JavaScript off, then kept small: the 1280 px shot
halved to 640 px wide, the 375 px shot cut at 3,000 px, both reduced to a 64-colour
palette. The application form is shot empty, sent empty (every error) and sent filled
in (the confirmation; this stores one sample application in the demo call). Heights
and where the open call's Apply ends are printed.
"""

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from pypdf import PdfWriter

OUT = Path(__file__).parent
DEMO = "/programs/sample-program-demo/sample-edition/"
SHAPES = {
    "landing": "/",
    "programs": "/programs/",
    "program-kind": "/programs/kind/regional/",
    "program": "/programs/wego-shrdc-training-program/",
    "program-name-only": "/programs/chengdu-smart-city-e-government-training-program/",
    "program-lead": "/programs/joint-workshop-smart-sustainable-cities-e-government/",
    "program-partner": "/programs/world-bank-institute-smart-cities-webinar-series/",
    "edition": "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
    "edition-compact": "/programs/wego-shrdc-training-program/2016-05/",
    "edition-call": DEMO,
    "apply": DEMO + "apply/",
    "privacy": "/privacy/applications/",
    "archive": "/programs/archive/",
    "cities": "/cities/",
    "city": "/cities/baguio/",
    "country": "/countries/ph/",
    "archive-year": "/programs/archive/2012/",
    "news": "/news/",
    "news-tag": "/news/tag/webinar/",
    "post": "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/",
    "testimonials": "/testimonials/",
    "data": "/data/",
    "search-results": "/search/?q=Jeju",
    "search-no-results": "/search/?q=Jejy",
    "not-found": "/no-such-page/",
    "admin-sign-in": "/admin/login/",
}
PHONE_CROP = 3000
APPLY_JS = """
() => { const a = [...document.querySelectorAll('main a')].find(a => /^\\s*Apply\\b/.test(a.textContent));
        return a ? Math.round(a.getBoundingClientRect().bottom + scrollY) : null; }
"""


def small(png, width):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if width == 1280:
        image = image.resize((640, round(image.height * 640 / image.width)), Image.LANCZOS)
    else:
        image = image.crop((0, 0, image.width, min(image.height, PHONE_CROP)))
    return image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)


def shoot(page, name, width):
    height = page.evaluate("document.documentElement.scrollHeight")
    apply = page.evaluate(APPLY_JS)
    small(page.screenshot(full_page=True), width).save(OUT / f"{name}-{width}.png", optimize=True)
    where = f", Apply ends at {apply} px" if apply else ""
    print(f"{name:24} {width:>5} px wide: {height:>6} px tall{where}")


def fill_in(page, document):
    page.get_by_label("Full name").fill("Sample Applicant")
    page.get_by_label("Position").fill("Sample position")
    page.get_by_label("Email").fill(f"sample-{page.viewport_size['width']}@example.org")
    page.get_by_label("Organisation").fill("Sample City Hall")
    page.get_by_label("City", exact=True).fill("Sample City")
    page.get_by_label("Country").select_option(index=1)
    page.get_by_label("Why do you want to take part?").fill("A sample answer.")
    page.get_by_label("How will your city use what you learn?").fill("A sample answer.")
    page.get_by_label("Nomination letter or CV (PDF)").set_input_files(str(document))
    page.get_by_label("I have read the privacy notice").check()


def main(base, only=()):
    base = base.rstrip("/")
    shapes = {name: path for name, path in SHAPES.items() if not only or name in only}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        document = Path(folder) / "nomination.pdf"
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        writer.write(document)
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for width, height in ((1280, 800), (375, 812)):
            context = browser.new_context(
                viewport={"width": width, "height": height}, java_script_enabled=False
            )
            page = context.new_page()
            for name, path in shapes.items():
                page.goto(base + path)
                shoot(page, name, width)
            if only:
                context.close()
                continue
            page.goto(base + DEMO + "apply/")
            page.locator(".application-form button[type=submit]").click()
            page.wait_for_load_state()
            shoot(page, "apply-errors", width)
            fill_in(page, document)
            page.locator(".application-form button[type=submit]").click()
            page.wait_for_load_state()
            shoot(page, "apply-sent", width)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.argv[2:])
