"""`manage.py write_error_pages`: the web server's error pages, from the site's templates.

Run after `collectstatic` (make serve does both): writes 400, 403, 404, 413, 429, 500, 502,
503 and 504 `.html` into STATIC_ROOT/error-pages/ (or the folder given), each in the site's design with
the stylesheet inlined, for deploy/nginx.conf's `error_page` to show when gunicorn cannot
answer or nginx refuses a request itself.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError
from django.utils.safestring import mark_safe

from wego_site.core.error_pages import write_web_server_pages


class Command(BaseCommand):
    help = (
        "Write the web server's error pages (400, 403, 404, 413, 429, 500-504) from the templates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            type=Path,
            help="Where to write them (default: STATIC_ROOT/error-pages).",
        )

    def handle(self, *args, folder=None, **options):
        folder = folder or Path(settings.STATIC_ROOT) / "error-pages"
        stylesheet = finders.find("css/site.css")
        if stylesheet is None:
            raise CommandError("static/css/site.css was not found.")
        # The site's own stylesheet: no visitor's text reaches it.
        css = mark_safe(Path(stylesheet).read_text())  # noqa: S308
        for path in write_web_server_pages(folder, css):
            if options["verbosity"] > 1:
                self.stdout.write(f"Wrote {path}")
        if options["verbosity"]:
            self.stdout.write(f"Error pages written to {folder}/")
