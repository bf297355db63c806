"""WSGI entry point, used by gunicorn (see gunicorn.conf.py).

Page-cache hits are answered by PageCacheFastPath before Django builds a request
(wego_site/pagecache/fastpath.py); everything else goes through Django as usual.

Loading this module also readies what Django would otherwise do on a process's first
requests (`ready_for_requests`): gunicorn loads it once before it forks the workers
(`preload_app`), so every worker, and one that replaces a worker that died, starts
ready instead of spending its first requests importing the views and compiling
templates.
"""

import logging
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego_site.settings")

django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - needs Django set up
from django.core.validators import URLValidator, validate_email  # noqa: E402
from django.forms.renderers import get_default_renderer  # noqa: E402
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines  # noqa: E402
from django.urls import URLResolver, get_resolver  # noqa: E402

from wego_site.pagecache.fastpath import PageCacheFastPath  # noqa: E402

logger = logging.getLogger(__name__)


def _populate(resolver):
    """Build a resolver's lookup tables (what `reverse()` and `resolve()` read), and
    those of every resolver included in it."""
    resolver._populate()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            _populate(pattern)


def _template_names(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def ready_for_requests():
    """Import every view (through the URLconf), build the URL resolvers, and compile
    the site's templates and the form widgets' templates, without touching the database
    (a connection opened here would be shared by the forked workers).

    Measured on the first request of a fresh process, the application form took 735 ms
    against 30 ms after (the URLconf's imports alone were about 400 ms of it), and the
    first application sent 70 ms more than the next (the address checks' expressions).
    """
    _populate(get_resolver())
    # Django compiles its address checks' expressions on their first use.
    validate_email("ready@example.org")
    URLValidator()("https://example.org/")
    loaders = [(engines["django"], folder) for folder in map(Path, settings.TEMPLATES[0]["DIRS"])]
    renderer = get_default_renderer()
    forms_folder = Path(__import__("django.forms").forms.__file__).parent / "templates"
    loaders.append((renderer, forms_folder))
    for loader, folder in loaders:
        for name in _template_names(folder):
            try:
                loader.get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError) as error:
                logger.debug("Not compiled ahead: %s (%s)", name, error)


ready_for_requests()

application = PageCacheFastPath(django_application)
