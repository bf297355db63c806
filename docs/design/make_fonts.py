"""Make the site's web fonts: Source Sans 3, subset to the Latin the content needs.

The committed files in static/fonts/ were made with this script; run it again only to
change the faces or the characters. It needs the font release and fontTools, neither of
which the site itself uses, so both stay outside the project's dependencies:

    npm pack source-sans@3.52.0 && tar xzf source-sans-3.52.0.tgz   # Adobe's release
    python3 -m venv /tmp/fonttools && /tmp/fonttools/bin/pip install fonttools==4.69.1 brotli==1.2.1
    /tmp/fonttools/bin/python docs/design/make_fonts.py package/TTF

Each face keeps Basic Latin, Latin-1, Latin Extended-A, the Romanian comma letters and
the punctuation, arrows and signs the pages use (‑ – — ‘ ’ “ ” … · × → ≤ ≥ €), with
kerning, ligatures and tabular figures, and no hinting (modern browsers do not need it).

The SIL Open Font License reserves the name "Source" for Adobe's own files, and a
subset is a modified version, so the subsets are renamed "WeGO Sans"; Adobe's copyright
notice and the licence (static/fonts/OFL.txt) stay with them.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "WeGO Sans"
OUT = Path(__file__).resolve().parents[2] / "static" / "fonts"
# file in Adobe's release → (file name here, style name)
FACES = {
    "SourceSans3-Regular.ttf": ("wego-sans-400.woff2", "Regular"),
    "SourceSans3-It.ttf": ("wego-sans-400-italic.woff2", "Italic"),
    "SourceSans3-Semibold.ttf": ("wego-sans-600.woff2", "Semibold"),
    "SourceSans3-Bold.ttf": ("wego-sans-700.woff2", "Bold"),
}
UNICODES = (
    "U+0000-00FF, U+0100-017F, U+0218-021B, U+02BB-02BC, U+02C6, U+02DA, U+02DC, "
    "U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212, U+2264-2265"
)
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "tnum", "lnum", "case"]


def rename(font, style):
    """Name the subset "WeGO Sans <style>", keeping the copyright and licence records."""
    full = f"{FAMILY} {style}"
    family, subfamily = (
        (FAMILY, style) if style in ("Regular", "Italic", "Bold") else (full, "Regular")
    )
    names = {
        1: family,
        2: subfamily,
        3: f"{full.replace(' ', '')};subset of Source Sans 3 by Adobe",
        4: full,
        6: full.replace(" ", "-"),
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in names]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)


def main(source_folder):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]
    unicodes = subset.parse_unicodes(UNICODES)
    for source, (target, style) in FACES.items():
        font = TTFont(Path(source_folder) / source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        rename(font, style)
        font.flavor = "woff2"
        font.save(OUT / target)
        print(f"{target}: {(OUT / target).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
