"""Settings for the WeGO training programs site (DJANGO_SETTINGS_MODULE=wego_site.settings).

Everything that differs between a laptop, CI and production comes from the
environment; `.env.example` lists each variable with its meaning. A missing or
malformed value stops the process at start-up with one line saying what to set.
Production values are the default whenever debug is off; each one that a laptop or the
test suite needs to relax has its own variable. docs/deployment.md explains the set-up.

Each module of this package holds one part; this module reads them all, and its names
are what Django reads. Each part takes what it needs of `base` (DEBUG, BASE_DIR, SITE_NAME)
by name. They are read in the order below, base first; of two malformed values, the one in
the earlier part is reported.
"""

# isort: off
from wego_site.settings.base import *  # noqa: F403
from wego_site.settings.sign_in import *  # noqa: F403
from wego_site.settings.security import *  # noqa: F403
from wego_site.settings.caches import *  # noqa: F403
from wego_site.settings.storage import *  # noqa: F403
from wego_site.settings.email import *  # noqa: F403
from wego_site.settings.applications import *  # noqa: F403
from wego_site.settings.opendata import *  # noqa: F403
from wego_site.settings.logging import *  # noqa: F403
