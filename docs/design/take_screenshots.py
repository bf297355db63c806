"""Screenshots of every page shape at 1280 and 375 px, for docs/design.md.

Run against a seeded site (`make run` in another shell):

    .venv/bin/python docs/design/take_screenshots.py http://127.0.0.1:8000

Each page is shot full length, then kept small: the 1280 px shot halved to 640 px wide,
the 375 px shot cut at 3,000 px, both reduced to a 64-colour palette.
"""

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

OUT = Path(__file__).parent
SHAPES = {
    "landing": "/",
    "programs": "/programs/",
    "program-kind": "/programs/kind/regional/",
    "program": "/programs/wego-shrdc-training-program/",
    "program-no-information": "/programs/chengdu-smart-city-e-government-training-program/",
    "edition": "/programs/joint-workshop-smart-sustainable-cities-e-government/2018/",
    "edition-compact": "/programs/wego-shrdc-training-program/2016-05/",
    "archive": "/programs/archive/",
    "news": "/news/",
    "news-tag": "/news/tag/webinar/",
    "post": "/news/2020/g20-and-japanese-smart-city-association-become-latest-partners-of-wego/",
    "testimonials": "/testimonials/",
    "search-results": "/search/?q=Jeju",
    "search-no-results": "/search/?q=Jejy",
    "not-found": "/no-such-page/",
}
PHONE_CROP = 3000


def small(png, width):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if width == 1280:
        image = image.resize((640, round(image.height * 640 / image.width)), Image.LANCZOS)
    else:
        image = image.crop((0, 0, image.width, min(image.height, PHONE_CROP)))
    return image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)


def main(base):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for width in (1280, 375):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in SHAPES.items():
                page.goto(base.rstrip("/") + path)
                height = page.evaluate("document.documentElement.scrollHeight")
                small(page.screenshot(full_page=True), width).save(
                    OUT / f"{name}-{width}.png", optimize=True
                )
                print(f"{name:24} {width:>5} px wide: {height:>6} px tall")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
