"""An editor signs in, writes a news post with a cover and tags, publishes it, and sees it."""

import re

import pytest
from PIL import Image
from taggit.models import Tag

from news.models import Post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engine_neutral,
    pytest.mark.django_db(transaction=True),
]


def test_editor_publishes_a_post_with_cover_and_tags(
    live_server, empty_site, page, editor, media_root, tmp_path
):
    Tag.objects.create(name="webinar", slug="webinar")
    cover = tmp_path / "cover.png"
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(cover, "PNG")

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Posts").first.click()
    page.get_by_role("link", name="Add post").click()

    page.get_by_label("Title").fill("Smart city webinar for secretariat testing")
    page.get_by_label("Title").press("Tab")  # the slug fills itself in from the title
    assert page.get_by_label("Slug").input_value() == "smart-city-webinar-for-secretariat-testing"
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Cover image").set_input_files(str(cover))
    page.get_by_label("Cover alt text").fill("A blue test picture")
    page.get_by_label("Dateline").fill("SEOUL")
    page.get_by_label("Lede").fill("WeGO held a webinar on smart cities.")
    # Pick an existing tag with the autocomplete, and add a new one.
    page.locator(".field-tags .select2-search__field").fill("webi")
    page.get_by_role("option", name="webinar").click()
    page.get_by_label("New tags").fill("smart cities")
    page.get_by_role("button", name="Save", exact=True).click()

    assert "was added successfully" in page.locator(".messagelist").inner_text()
    post = Post.objects.get(slug="smart-city-webinar-for-secretariat-testing")
    assert sorted(tag.name for tag in post.tags.all()) == ["smart cities", "webinar"]
    assert post.is_published
    assert (media_root / "news/covers/renditions/cover-570x380.webp").exists()

    page.goto(live_server.url + "/news/")
    page.get_by_role("link", name="Smart city webinar for secretariat testing").click()
    assert page.locator("h1").inner_text() == "Smart city webinar for secretariat testing"
    assert "WeGO held a webinar on smart cities." in page.locator("main").inner_text()


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(float(v)) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_a_focused_button_on_the_title_bar_shows_its_ring(live_server, empty_site, page, editor):
    """The theme switch on the dark title bar of the admin's pages: focused, a ring the bar
    does not swallow (the browser's own near-black one was 1.5:1 against it)."""
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()
    toggle = page.locator("#header .theme-toggle")
    toggle.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused from the keyboard, so :focus-visible applies
    ring, bar = toggle.evaluate(
        "t => [getComputedStyle(t).outlineColor, getComputedStyle(t.closest('#header'))"
        ".backgroundColor]"
    )
    numbers = [re.findall(r"\d+", colour)[:3] for colour in (ring, bar)]
    assert _contrast(*numbers) >= 3, (ring, bar)


def test_the_sign_in_cards_controls_take_the_sites_focus_ring(live_server, empty_site, page):
    """Focused, a field, the button and the link back to the site on the sign-in card
    show the public site's ring (yellow inside ink), not the browser's black outline."""
    page.goto(live_server.url + "/admin/login/")
    look = "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).boxShadow]"
    ring = "rgb(255, 191, 71) 0px 0px 0px 3px, rgb(23, 33, 43) 0px 0px 0px 5px"
    username = page.get_by_label("Username")
    username.focus()
    assert username.evaluate(look) == ["none", ring]
    button = page.get_by_role("button", name="Sign in")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused from the keyboard, so :focus-visible applies
    assert button.evaluate("e => e === document.activeElement")
    assert button.evaluate(look) == ["none", ring]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_sign_in_card_keeps_its_word_mark_centred_a_title_and_a_readable_message(
    live_server, empty_site, page, settings, width
):
    settings.STAFF_TWO_FACTOR = True  # the code field too, as in production
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(live_server.url + "/admin/login/")
    card = page.locator("#container").bounding_box()
    brand = page.locator("#header .admin-brand").bounding_box()
    middle = card["x"] + card["width"] / 2
    assert abs(brand["x"] + brand["width"] / 2 - middle) < 2, (card, brand)
    # The word mark itself (its glyph and "WeGO") centred too, whatever the switch beside it.
    mark = page.locator("#header .admin-brand__mark").bounding_box()
    go = page.locator("#header .admin-brand__go").bounding_box()
    assert abs((mark["x"] + go["x"] + go["width"]) / 2 - middle) < 2, (card, mark, go)
    # A visible title, and every field's label in one weight.
    assert page.get_by_role("heading", name="Sign in", level=1).is_visible()
    weights = page.locator("#login-form label").evaluate_all(
        "labels => labels.map(l => getComputedStyle(l).fontWeight)"
    )
    assert len(weights) == 3 and len(set(weights)) == 1, weights
    # On a phone at least 20 px of the page beside the card.
    assert card["x"] >= 20 and width - card["x"] - card["width"] >= 20, card
    # No theme switch on the card: an unlabelled icon in its title bar (the admin's pages
    # have it once signed in).
    assert page.locator(".theme-toggle").count() == 0
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password", exact=True).fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    size, weight, padding = page.locator(".errornote").first.evaluate(
        "n => [getComputedStyle(n).fontSize, getComputedStyle(n).fontWeight,"
        " parseFloat(getComputedStyle(n).paddingLeft)]"
    )
    assert (size, weight) == ("15px", "400") and padding >= 16
    # In the site's colours, not Django's greys: the ink for the title and the message (on
    # the light red panel with the red bar down its side), field borders a field's 3:1.
    ink = "rgb(23, 33, 43)"
    assert page.locator("h1").evaluate("h => getComputedStyle(h).color") == ink
    colour, panel, bar = page.locator(".errornote").first.evaluate(
        "n => [getComputedStyle(n).color, getComputedStyle(n).backgroundColor,"
        " getComputedStyle(n).borderInlineStartColor]"
    )
    assert (colour, panel, bar) == (ink, "rgb(252, 240, 240)", "rgb(164, 22, 26)")
    border = page.get_by_label("Password", exact=True).evaluate(
        "i => getComputedStyle(i).borderTopColor"
    )
    assert _contrast(re.findall(r"\d+", border)[:3], ["255"] * 3) >= 3, border


@pytest.mark.parametrize("width", [1280, 375])
def test_the_sign_in_card_wears_the_sites_word_mark_and_its_fields_are_targets(
    live_server, empty_site, page, settings, width
):
    """The card's word mark is the public header's: its glyph, "We" in WeGO blue and
    "GO" in teal on white, the name in the muted ink beside the site's grey rule; every
    field of the card at least 44 px tall, on a phone too."""
    settings.STAFF_TWO_FACTOR = True
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(live_server.url + "/")
    look = (
        "e => [getComputedStyle(e).color, getComputedStyle(e).fill, getComputedStyle(e).stroke,"
        " getComputedStyle(e.closest('header')).backgroundColor]"
    )
    parts = ["we", "go", "node", "node--go", "links"]
    site = [page.locator(f".site-header .brand__{part}").first.evaluate(look) for part in parts]
    page.goto(live_server.url + "/admin/login/")
    card = [page.locator(f"#header .admin-brand__{part}").first.evaluate(look) for part in parts]
    assert [c[0] for c in card[:2]] == [s[0] for s in site[:2]], (card, site)
    assert [c[1] for c in card[2:4]] == [s[1] for s in site[2:4]], (card, site)
    assert card[4][2] == site[4][2], (card, site)
    assert card[0][3] == site[0][3] == "rgb(255, 255, 255)", (card, site)
    fields = page.locator("#login-form input:not([type=hidden]):not([type=submit])")
    assert fields.count() == 3
    for i in range(3):
        assert fields.nth(i).bounding_box()["height"] >= 44, (i, width)
