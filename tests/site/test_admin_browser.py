"""An editor signs in, writes a news post with a cover and tags, publishes it, and sees it."""

import pytest
from PIL import Image
from taggit.models import Tag

from news.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
