"""The word-mark icons: drawn by a command, committed in static/, /favicon.ico served."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from tests.html import parse

ICONS = {
    "icons/favicon.ico": (48, 48),
    "icons/icon-32.png": (32, 32),
    "icons/icon-192.png": (192, 192),
    "icons/icon-512.png": (512, 512),
    "icons/apple-touch-icon.png": (180, 180),
    "cards/site.png": (1200, 630),
}


def test_the_committed_icons_have_their_sizes():
    for name, size in ICONS.items():
        with Image.open(settings.BASE_DIR / "static" / name) as image:
            assert image.size == size, name
    with Image.open(settings.BASE_DIR / "static" / "icons/favicon.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    svg = (settings.BASE_DIR / "static" / "icons" / "favicon.svg").read_text()
    assert svg.startswith("<svg") and ">WeGO</text>" in svg


def test_draw_icons_writes_the_whole_set(tmp_path):
    call_command("draw_icons", directory=tmp_path, stdout=io.StringIO())
    for name, size in ICONS.items():
        with Image.open(tmp_path / name) as image:
            assert image.size == size, name
    with Image.open(tmp_path / "icons/apple-touch-icon.png") as touch:
        assert touch.convert("RGBA").getpixel((0, 0))[3] == 255  # iOS: no transparent corners
    assert (tmp_path / "icons/favicon.svg").read_text() == (
        settings.BASE_DIR / "static/icons/favicon.svg"
    ).read_text()


@pytest.mark.django_db
def test_favicon_ico_is_served_and_cacheable(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "public" in response["Cache-Control"] and "max-age=604800" in response["Cache-Control"]
    assert response.content == (settings.BASE_DIR / "static/icons/favicon.ico").read_bytes()
    assert client.post("/favicon.ico").status_code == 405


def test_pages_declare_the_icons(client, seed):
    html = client.get("/").content.decode()
    page = parse(client.get("/"))
    assert page.links["apple-touch-icon"] == "/static/icons/apple-touch-icon.png"
    assert '<link rel="icon" href="/favicon.ico" sizes="48x48">' in html
    assert '<link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml">' in html
