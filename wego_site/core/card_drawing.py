"""Drawing the site's pictures with Pillow: social cards (1200 × 630) and the word-mark icons.

Everything drawn comes from the site itself: the colours are the custom properties of
static/css/site.css, the letters are Source Sans Pro (SIL Open Font License, shipped by
the `font-source-sans-pro` package), and the text is what the page says. The shapes are
the ones the stylesheet draws on cover placeholders: a fine grid and two soft circles.
"""

import functools
import re
from dataclasses import dataclass, field

import font_source_sans_pro
from django.conf import settings
from PIL import Image, ImageColor, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
WORD_MARK = "WeGO"
SITE_NAME = "Training Programs"
# The palette names a drawing uses; each must be a custom property in site.css.
PALETTE_NAMES = ("brand", "brand-deep", "brand-ink", "accent", "on-dark-muted", "ink")
_CUSTOM_PROPERTY = re.compile(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{3,8})\s*;")


@functools.cache
def palette():
    """The stylesheet's colour custom properties, e.g. {"brand": "#0b4a7a", ...}."""
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    root = css[css.index(":root") : css.index("}", css.index(":root"))]
    colours = {name: value.lower() for name, value in _CUSTOM_PROPERTY.findall(root)}
    missing = [name for name in PALETTE_NAMES if name not in colours]
    if missing:
        raise LookupError(f"static/css/site.css defines no --{', --'.join(missing)}")
    return {name: colours[name] for name in PALETTE_NAMES}


def _rgb(name, alpha=255):
    return (*ImageColor.getrgb(palette()[name])[:3], alpha)


@functools.cache
def font(size, weight="Bold"):
    """Source Sans Pro at `size` pixels; weight "Bold", "Semibold" or "" (regular)."""
    return ImageFont.truetype(font_source_sans_pro.font_files_ttf[f"SourceSansPro{weight}"], size)


@dataclass(frozen=True)
class CardText:
    """What a card says: a small line above (the kind of page), the title, lines below."""

    title: str
    eyebrow: str = ""
    details: tuple = field(default_factory=tuple)

    def as_facts(self):
        return {"eyebrow": self.eyebrow, "title": self.title, "details": list(self.details)}


def _wrap(draw, text, typeface, width, max_lines):
    """Break `text` into at most `max_lines` lines no wider than `width`; None if it cannot."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width:
            line = candidate
            continue
        if not line or len(lines) + 1 == max_lines:
            return None
        lines.append(line)
        line = word
    lines.append(line)
    return lines


def _fit_title(draw, title, width, max_lines=4, sizes=(72, 64, 56, 50, 44)):
    """The largest size at which the title fits; at the smallest, cut with an ellipsis."""
    for size in sizes:
        lines = _wrap(draw, title, font(size), width, max_lines)
        if lines is not None:
            return font(size), lines
    typeface, words, lines, line = font(sizes[-1]), title.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate + " …", font=typeface) > width and line:
            lines.append(line)
            line = word
            if len(lines) == max_lines:
                lines[-1] += " …"
                return typeface, lines
        else:
            line = candidate
    return typeface, [*lines, line][:max_lines]


def _shapes(image):
    """The placeholder's grid and circles, drawn translucent on the dark background."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    width, height = image.size
    step = max(width // 32, 6)
    for x in range(0, width, step):
        draw.line([(x, 0), (x, height)], fill=(255, 255, 255, 14))
    for y in range(0, height, step):
        draw.line([(0, y), (width, y)], fill=(255, 255, 255, 14))
    radius = height * 0.62
    centre = (width * 0.93, height * 1.02)
    draw.ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
        fill=_rgb("accent", 120),
    )
    radius = height * 0.3
    centre = (width * 0.84, height * 0.12)
    draw.ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
        fill=(255, 255, 255, 22),
    )
    image.alpha_composite(layer)


def word_mark(draw, origin, size):
    """The header's mark: "WeGO" in white on a WeGO-blue rounded box. Returns its width."""
    typeface = font(size)
    left, top = origin
    text_width = draw.textlength(WORD_MARK, font=typeface)
    pad_x, pad_y = size * 0.45, size * 0.18
    box = [left, top, left + text_width + 2 * pad_x, top + size + 2 * pad_y]
    draw.rounded_rectangle(box, radius=size * 0.35, fill=_rgb("brand"))
    draw.text((left + pad_x, top + pad_y + size * 0.5), WORD_MARK, font=typeface, anchor="lm")
    return box[2] - box[0]


def draw_card(text):
    """A 1200 × 630 RGB social card saying `text` (a CardText)."""
    image = Image.new("RGBA", CARD_SIZE, _rgb("brand-deep"))
    _shapes(image)
    draw = ImageDraw.Draw(image)
    margin = 80
    width = CARD_SIZE[0] - 2 * margin
    mark_width = word_mark(draw, (margin, 64), 44)
    draw.text(
        (margin + mark_width + 22, 64 + 44 * 0.68),
        SITE_NAME,
        font=font(34, "Semibold"),
        fill=_rgb("brand-ink"),
        anchor="lm",
    )
    typeface, lines = _fit_title(draw, text.title, width)
    line_height = round(typeface.size * 1.12)
    details = [line for line in text.details if line][:2]
    details_height = len(details) * 44
    block = (36 + 18 if text.eyebrow else 0) + line_height * len(lines)
    top = 190 + max(0, (CARD_SIZE[1] - 190 - 70 - details_height - block) // 2)
    if text.eyebrow:
        draw.text(
            (margin, top),
            text.eyebrow.upper(),
            font=font(28, "Semibold"),
            fill=_rgb("on-dark-muted"),
        )
        top += 36 + 18
    for line in lines:
        draw.text((margin, top), line, font=typeface, fill=_rgb("brand-ink"))
        top += line_height
    bottom = CARD_SIZE[1] - 70 - details_height
    for line in details:
        draw.text((margin, bottom), line, font=font(32, ""), fill=_rgb("on-dark-muted"))
        bottom += 44
    draw.rectangle([0, CARD_SIZE[1] - 14, CARD_SIZE[0], CARD_SIZE[1]], fill=_rgb("accent"))
    return image.convert("RGB")


def draw_icon(size, rounded=True):
    """The word mark on its own, square: for favicons, touch icons and the logo."""
    scale = 4  # drawn large and scaled down, so small icons stay smooth
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = big * 0.18 if rounded else 0
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=radius, fill=_rgb("brand"))
    text_size = big // 2
    typeface = font(text_size)
    while draw.textlength(WORD_MARK, font=typeface) > big * 0.84 and text_size > 4:
        text_size -= 1
        typeface = font(text_size)
    draw.text((big / 2, big / 2), WORD_MARK, font=typeface, fill=_rgb("brand-ink"), anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def icon_svg():
    """The same mark as a scalable favicon (the reader's own bold sans-serif letters)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="11.5" fill="{palette()["brand"]}"/>'
        f'<text x="32" y="33" fill="{palette()["brand-ink"]}" font-family="Source Sans Pro, '
        'system-ui, sans-serif" font-weight="700" font-size="25" text-anchor="middle" '
        f'dominant-baseline="central" textLength="53" lengthAdjust="spacingAndGlyphs">{WORD_MARK}'
        "</text></svg>\n"
    )
