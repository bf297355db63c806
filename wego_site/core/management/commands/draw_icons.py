"""Draw the word-mark icons and the site card into static/ (their output is committed)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from wego_site.core.card_drawing import CardText, draw_card, draw_icon, icon_svg
from wego_site.core.cards import SITE_CARD

# name in static/ → (size in pixels, rounded corners)
PNG_ICONS = {
    "icons/icon-32.png": (32, True),
    "icons/icon-192.png": (192, True),
    "icons/icon-512.png": (512, True),
    # iOS rounds the corners itself and shows transparency as black: full bleed.
    "icons/apple-touch-icon.png": (180, False),
}
FAVICON_ICO = "icons/favicon.ico"
FAVICON_SVG = "icons/favicon.svg"
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]
# The landing page's own words: its eyebrow and heading.
SITE_CARD_TEXT = CardText(
    title="Training Programs", eyebrow="World Smart Sustainable Cities Organization"
)


class Command(BaseCommand):
    help = (
        "Draw the icons (favicon.svg, favicon.ico, PNG and touch icons) and the site's "
        "social card from the stylesheet's palette into static/. Run it after changing "
        "the palette or the drawing, and commit the files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "static",
            help="Where to write (default: the project's static/).",
        )

    def handle(self, *args, directory, **options):
        for folder in {Path(name).parent for name in [*PNG_ICONS, SITE_CARD]}:
            (directory / folder).mkdir(parents=True, exist_ok=True)
        for name, (size, rounded) in PNG_ICONS.items():
            draw_icon(size, rounded=rounded).save(directory / name, optimize=True)
        draw_icon(48).save(directory / FAVICON_ICO, sizes=ICO_SIZES)
        (directory / FAVICON_SVG).write_text(icon_svg(), encoding="utf-8")
        draw_card(SITE_CARD_TEXT).save(directory / SITE_CARD, optimize=True)
        self.stdout.write(self.style.SUCCESS(f"Icons and the site card written to {directory}."))
