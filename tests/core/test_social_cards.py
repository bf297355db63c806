"""Social cards: drawn from a page's facts in the site's palette, made once per change of
those facts after the save commits, stored in media, shown in the news list."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image, ImageColor

from news.models import Post
from programs.models import Edition, Program
from tests.factories import make_edition, make_post, make_program
from tests.html import parse
from wego_site.core.card_drawing import CARD_SIZE, CardText, draw_card, palette
from wego_site.core.cards import card_renditions

pytestmark = pytest.mark.django_db


def stored(name):
    with default_storage.open(name, "rb") as file, Image.open(file) as image:
        image.load()
        return image


def test_palette_is_read_from_the_stylesheet(settings, tmp_path):
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert f"--brand-deep: {palette()['brand-deep']};" in css
    assert f"--accent: {palette()['accent']};" in css


def test_a_card_is_1200_by_630_on_the_palette():
    image = draw_card(CardText(title="A title", eyebrow="News", details=("1 May 2020",)))
    assert image.size == CARD_SIZE == (1200, 630)
    assert image.getpixel((5, 300)) != image.getpixel((5, 629))  # the accent bar below
    assert image.getpixel((5, 629)) == ImageColor.getrgb(palette()["accent"])
    # The background is the stylesheet's deep blue, under a faint grid.
    assert (
        max(
            abs(a - b)
            for a, b in zip(
                image.getpixel((20, 200)), ImageColor.getrgb(palette()["brand-deep"]), strict=True
            )
        )
        <= 20
    )


def test_the_drawn_text_depends_on_the_facts():
    one = draw_card(CardText(title="Joint Workshop 2018", details=("9–12 July 2018",)))
    other = draw_card(CardText(title="Joint Workshop 2019", details=("9–12 July 2018",)))
    assert one.tobytes() != other.tobytes()
    very_long = draw_card(CardText(title="word " * 200))  # cut, never drawn off the card
    assert very_long.size == CARD_SIZE


def test_an_editions_card_is_made_after_commit_and_only_when_its_facts_change(
    django_capture_on_commit_callbacks,
):
    program = make_program(title="Joint Workshop")
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition(program, title="Workshop 2031", venue_city="Jeju Island")
    edition.refresh_from_db()
    first = edition.social_card.name
    assert first.startswith("cards/editions/") and first.endswith(".png")
    assert stored(first).size == CARD_SIZE
    for name in card_renditions(first):
        assert default_storage.exists(name)
    assert stored(card_renditions(first)[0]).size == (600, 315)

    with django_capture_on_commit_callbacks(execute=True):
        edition.body = "A body the card does not show."
        edition.save()
    edition.refresh_from_db()
    assert edition.social_card.name == first
    assert edition.refresh_card() is False  # same facts: not drawn again

    with django_capture_on_commit_callbacks(execute=True):
        edition.venue_city = "Seoul"
        edition.save()
    edition.refresh_from_db()
    assert edition.social_card.name != first
    assert not default_storage.exists(first)
    assert not any(default_storage.exists(name) for name in card_renditions(first))


def test_no_card_is_drawn_before_the_save_commits():
    edition = make_edition(make_program())
    edition.refresh_from_db()
    assert not edition.social_card
    assert edition.card["url"].endswith("/cards/site.png")  # the site card until then


def test_renaming_a_program_or_changing_its_kind_remakes_its_editions_cards(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        program = make_program()
        edition = make_edition(program)
    before = Edition.objects.get(pk=edition.pk).social_card.name
    with django_capture_on_commit_callbacks(execute=True):
        program.kind = "joint-workshop"
        program.save()
    assert Edition.objects.get(pk=edition.pk).social_card.name != before
    assert Program.objects.get(pk=program.pk).social_card.name


def test_a_post_with_a_cover_uses_its_1200_by_630_crop(django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 30, 30)).save(buffer, "JPEG")
    cover = default_storage.save("news/covers/red.jpg", io.BytesIO(buffer.getvalue()))
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(cover_image=cover, cover_alt_text="A red square")
    post.refresh_from_db()
    card = stored(post.social_card.name)
    assert post.social_card.name.endswith(".jpg")
    assert card.size == CARD_SIZE
    red, green, blue = card.getpixel((600, 315))
    assert red > 180 and green < 60 and blue < 60  # the photo, no text drawn on it
    assert post.card["alt"] == "A red square"


def test_make_cards_fills_in_rows_loaded_without_signals(seed):
    assert not Post.objects.exclude(social_card="").exists()  # fixtures are saved raw
    call_command("make_cards", stdout=io.StringIO())
    assert not Post.objects.filter(social_card="").exists()
    assert not Edition.objects.filter(social_card="").exists()
    assert not Program.objects.filter(social_card="").exists()
    out = io.StringIO()
    call_command("make_cards", stdout=out)
    assert "Social cards made: 0." in out.getvalue()  # nothing changed, nothing drawn


def test_news_cards_are_text_and_the_drawn_cards_only_for_sharing(client, seed_cards):
    html = client.get("/news/").content.decode()
    posts = list(Post.objects.published()[:10])
    for post in posts:
        assert post.card["jpg"] not in html, "no card shows its headline drawn a second time"
    assert "<img" not in html
    page = parse(client.get("/news/"))
    assert page.meta["og:image"].endswith("/static/cards/site.png")
    post_page = parse(client.get(posts[0].get_absolute_url()))
    assert post_page.meta["og:image"].endswith(posts[0].social_card.url)


def test_post_page_og_image_is_its_card(client, seed_cards):
    post = Post.objects.published().first()
    page = parse(client.get(post.get_absolute_url()))
    assert page.meta["og:image"] == f"http://testserver{post.social_card.url}"
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")
    assert post.title in page.meta["og:image:alt"]
    assert page.meta["twitter:card"] == "summary_large_image"


def test_moving_a_regional_office_remakes_its_programs_cards(django_capture_on_commit_callbacks):
    from programs.models import RegionalOffice

    office = RegionalOffice.objects.create(name="Office", slug="office", region="Asia", city="A")
    with django_capture_on_commit_callbacks(execute=True):
        program = make_program(kind="regional", regional_office=office)
    before = Program.objects.get(pk=program.pk).social_card.name
    with django_capture_on_commit_callbacks(execute=True):
        office.city = "Chengdu"
        office.save()
    after = Program.objects.get(pk=program.pk)
    assert after.social_card.name != before
    assert "Chengdu" in after.card["alt"]


def test_a_card_already_stored_under_its_name_is_used_not_drawn_again(seed, monkeypatch):
    call_command("make_cards", stdout=io.StringIO())
    post = Post.objects.published().first()
    drawn = post.social_card.name
    Post.objects.filter(pk=post.pk).update(social_card="")  # e.g. the rows loaded again
    post.refresh_from_db()

    def no_drawing(*args, **kwargs):
        raise AssertionError("the card was drawn again")

    monkeypatch.setattr("wego_site.core.cards.draw_card", no_drawing)
    assert post.refresh_card() is True
    assert Post.objects.get(pk=post.pk).social_card.name == drawn
    assert default_storage.exists(drawn)
