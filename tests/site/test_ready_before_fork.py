"""gunicorn loads the WSGI module once before it forks the workers (`preload_app`): a
worker, and one started to replace a worker that died, answers its first request
without importing the views or compiling templates first, and no database connection is
shared between them."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PROBE = """
import json, sys
import wego_site.wsgi
from django.db import connections
from django.template import engines
from django.forms.renderers import get_default_renderer
from django.urls import get_resolver
cached = engines["django"].engine.template_loaders[0].get_template_cache
form_cached = get_default_renderer().engine.engine.template_loaders[0].get_template_cache
resolver = get_resolver()
print(json.dumps({
    "views": "opendata.api" in sys.modules and "applications.views" in sys.modules,
    "populated": resolver._populated,
    "templates": sorted(cached),
    "form_templates": sorted(form_cached),
    "connected": any(c.connection is not None for c in connections.all(initialized_only=True)),
}))
"""


def test_the_app_is_preloaded_by_gunicorn():
    config = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(), config)  # noqa: S102 - our own config
    assert config["preload_app"] is True
    assert config["wsgi_app"] == "wego_site.wsgi:application"


def test_loading_the_wsgi_module_readies_views_and_templates_without_a_connection():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(  # noqa: S603 - our own probe with fixed arguments
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env={**env, "DJANGO_DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ready = json.loads(result.stdout.strip().splitlines()[-1])
    assert ready["views"]
    assert ready["populated"]
    for name in ["base.html", "applications/apply.html", "programs/program_detail.html"]:
        assert name in ready["templates"], name
    assert "django/forms/widgets/select.html" in ready["form_templates"]
    assert not ready["connected"]
