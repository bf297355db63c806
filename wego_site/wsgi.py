"""WSGI entry point, used by gunicorn (see gunicorn.conf.py).

Page-cache hits are answered by PageCacheFastPath before Django builds a request
(wego_site/pagecache/fastpath.py); everything else goes through Django as usual.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego_site.settings")

django_application = get_wsgi_application()

from wego_site.pagecache.fastpath import PageCacheFastPath  # noqa: E402 - needs Django set up

application = PageCacheFastPath(django_application)
