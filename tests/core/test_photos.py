"""Photographs of programs, editions and posts: alt text required, caption and credit
shown, renditions cut around the focal point, pages complete without one."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from programs.models import Edition, Program
from tests.html import text_of
from wego_site.core.images import rendition_name

pytestmark = pytest.mark.django_db

MAIN = "/programs/wego-shrdc-training-program/"


def picture(name="photo.png"):
    """A 1200 × 400 picture, red on its left third, blue on the rest."""
    image = Image.new("RGB", (1200, 400), "blue")
    image.paste("red", (0, 0, 400, 400))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def test_a_photograph_needs_its_alt_text(seed):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    program.photo = picture()
    with pytest.raises(ValidationError) as refusal:
        program.full_clean()
    assert "photo_alt_text" in refusal.value.message_dict


def test_renditions_are_cut_around_the_focal_point(seed, media_root):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    program.photo = picture()
    program.photo_alt_text = "Participants in a lecture hall"
    program.photo_focus = "left"
    program.save()
    rendition = rendition_name(program.photo.name, (570, 380), "jpg")
    with Image.open(media_root / rendition) as image:
        # The 3:2 crop of a 3:1 picture keeps its left part: red shows at the left edge.
        red, _green, blue = image.convert("RGB").getpixel((5, 190))
    assert red > 200 and blue < 60
    program.photo_focus = "right"
    program.save()
    with Image.open(media_root / rendition) as image:
        red, _green, blue = image.convert("RGB").getpixel((5, 190))
    assert blue > 200 and red < 60, "a new focal point cuts the renditions again"


def test_a_program_page_shows_the_photograph_with_caption_and_credit(client, seed, media_root):
    program = Program.objects.get(slug="wego-shrdc-training-program")
    program.photo = picture()
    program.photo_alt_text = "Participants in a lecture hall"
    program.photo_caption = "A lecture at the Seoul Human Resource Development Center"
    program.photo_credit = "WeGO"
    program.photo_focus = "top"
    program.save()
    response = client.get(MAIN)
    html = response.content.decode()
    assert 'alt="Participants in a lecture hall"' in html
    assert 'class="focus-top"' in html
    assert "A lecture at the Seoul Human Resource Development Center Photo: WeGO" in text_of(
        response
    )


def test_pages_without_a_photograph_show_no_picture(client, seed):
    for url in [MAIN, Edition.objects.get(slug="2018").get_absolute_url(), "/news/", "/"]:
        html = client.get(url).content.decode()
        main = html[html.index('<main id="main-content"') : html.index("</main>")]
        assert "<img" not in main and '<figure class="photo' not in main, url
