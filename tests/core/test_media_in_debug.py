"""`make run` (debug on) serves uploaded media itself; with debug off nothing changes."""

import importlib

import pytest
from django.urls import Resolver404, clear_url_caches, resolve

import wego_site.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls_with_debug(settings):
    def load(debug):
        settings.DEBUG = debug
        importlib.reload(wego_site.urls)
        clear_url_caches()

    yield load
    load(False)


def test_debug_serves_uploads(urls_with_debug, client, media_root):
    (media_root / "news/covers").mkdir(parents=True)
    (media_root / "news/covers/cover.jpg").write_bytes(b"picture bytes")
    urls_with_debug(True)
    response = client.get("/media/news/covers/cover.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"picture bytes"
    assert client.get("/media/news/covers/missing.jpg").status_code == 404
    assert client.get("/media/../settings.py").status_code in {400, 404}  # never the file


def test_production_leaves_media_to_the_proxy(urls_with_debug):
    urls_with_debug(False)
    with pytest.raises(Resolver404):
        resolve("/media/news/covers/cover.jpg")
