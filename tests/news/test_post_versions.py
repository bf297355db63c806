"""A post's version holds its tags, cover and links: reverting brings all of them back."""

import io

import pytest
import reversion
from django.core.files.base import ContentFile
from PIL import Image
from reversion.models import Version
from taggit.models import Tag

from news.models import Post
from programs.models import Organisation, Program

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="first.png")


def test_revert_restores_tags_cover_and_related_programs(seed, media_root):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    organisation = Organisation.objects.first()
    with reversion.create_revision():
        post = Post.objects.create(
            title="Story", slug="story", lede="L.", cover_image=png(), cover_alt_text="Blue"
        )
        post.tags.add(Tag.objects.create(name="kept", slug="kept"))
        post.related_programs.add(program)
        post.organisations.add(organisation)
        post.save()  # the tag links and links are in the version
    first = Version.objects.get_for_object(post).get()
    cover = post.cover_image.name

    with reversion.create_revision():
        post.tags.set([Tag.objects.create(name="added", slug="added")])
        post.related_programs.clear()
        post.organisations.clear()
        post.cover_image = ""
        post.save()

    first.revision.revert(delete=True)
    post.refresh_from_db()
    assert [tag.name for tag in post.tags.all()] == ["kept"]
    assert list(post.related_programs.all()) == [program]
    assert list(post.organisations.all()) == [organisation]
    assert post.cover_image.name == cover
    assert (media_root / cover).exists()
    assert post.cover is not None
