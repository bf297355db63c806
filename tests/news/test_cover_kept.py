"""A cover chosen in a post form that fails is kept for the next save (news/cover_upload.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Post

pytestmark = pytest.mark.django_db


def picture(name="harbour.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(**overrides):
    data = {
        "title": "Harbour visit",
        "slug": "harbour-visit",
        "status": "draft",
        "published_at_0": "2026-05-01",
        "published_at_1": "10:00:00",
        "lede": "Participants visited the harbour.",
    }
    data.update(overrides)
    return data


def test_the_kept_cover_is_used_by_the_next_save(editor_client, media_root):
    add_url = reverse("admin:news_post_add")
    response = editor_client.post(add_url, form_data(cover_image=picture()))
    assert response.status_code == 200
    form = response.context["adminform"].form
    token = form["pending_cover"].value()
    assert token
    assert "“harbour.png”, is kept" in response.content.decode()

    response = editor_client.post(
        add_url, form_data(pending_cover=token, cover_alt_text="The harbour at dawn")
    )
    assert response.status_code == 302
    post = Post.objects.get(slug="harbour-visit")
    assert post.cover_image.name == "news/covers/harbour.png"
    assert (media_root / "news/covers/harbour.png").exists()
    assert not list((media_root / "news/covers/pending").rglob("*.png"))


def test_a_forged_reference_is_ignored(editor_client, media_root):
    (media_root / "private").mkdir(parents=True)
    (media_root / "private/secret.png").write_bytes(b"not yours")
    response = editor_client.post(
        reverse("admin:news_post_add"),
        form_data(pending_cover="private/secret.png", cover_alt_text="x"),
    )
    assert response.status_code == 302
    assert not Post.objects.get(slug="harbour-visit").cover_image


def test_a_new_choice_replaces_the_kept_one(editor_client, media_root):
    add_url = reverse("admin:news_post_add")
    first = editor_client.post(add_url, form_data(cover_image=picture("first.png")))
    token = first.context["adminform"].form["pending_cover"].value()
    editor_client.post(
        add_url,
        form_data(pending_cover=token, cover_image=picture("second.png"), cover_alt_text="A"),
    )
    assert Post.objects.get(slug="harbour-visit").cover_image.name == "news/covers/second.png"
