"""Posts in the browser, as an editor: a deleted post comes back with its tags; a story
written in Markdown is formatted on the site, raw HTML shown as text; a chosen cover
survives a failed save."""

import pytest
from PIL import Image

from news.models import Post
from tests.admin_session import sign_in
from wego_site.core.templatetags.wego import nobreak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_POST = "wego-holds-first-webinar-on-covid-19-best-practice"


def test_delete_a_post_and_recover_it_with_its_tags(live_server, page, editor, seed):
    post = Post.objects.get(slug=SEED_POST)
    tags = sorted(tag.name for tag in post.tags.all())
    assert tags
    public_url = post.get_absolute_url()
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/news/post/{post.pk}/delete/")
    page.get_by_role("button", name="Yes, I’m sure").click()
    assert not Post.objects.filter(slug=SEED_POST).exists()
    assert page.goto(live_server.url + public_url).status == 404

    page.goto(live_server.url + "/admin/news/post/")
    page.get_by_role("link", name="Recover deleted posts").click()
    page.get_by_role("row", name=post.title).get_by_role("link").click()
    page.get_by_role("button", name="Save", exact=True).click()
    assert f"The post “{post.title}” was recovered." in page.locator(".messagelist").inner_text()

    recovered = Post.objects.get(slug=SEED_POST)
    assert sorted(tag.name for tag in recovered.tags.all()) == tags
    page.goto(live_server.url + public_url)
    assert page.locator("h1").inner_text() == nobreak(post.title)


def test_a_story_in_markdown_is_formatted_and_html_is_shown_as_text(live_server, page, editor):
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/news/post/add/")
    page.get_by_label("Title").fill("Call for applications")
    page.get_by_label("Title").press("Tab")
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Lede").fill("The call is open.")
    page.get_by_label("Body").fill(
        "Read [the call](https://example.org/call) first.\n\n"
        "## Who may apply\n\n- cities\n- public bodies\n\n<script>alert('x')</script>"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    page.goto(live_server.url + Post.objects.get(lede="The call is open.").get_absolute_url())
    story = page.locator(".post__text")
    link = story.get_by_role("link", name="the call (external link)")
    assert link.get_attribute("href") == "https://example.org/call"
    assert link.get_attribute("rel") == "external noopener"
    assert story.get_by_role("heading", name="Who may apply", level=2).is_visible()
    assert story.locator("li").all_inner_texts()[-2:] == ["cities", "public bodies"]
    assert "<script>alert('x')</script>" in story.inner_text()
    assert page.locator("main script").count() == 0


def test_the_preview_shows_the_formatted_text_without_saving(live_server, page, editor):
    posts_before = Post.objects.count()  # the seed's, unless a transactional test flushed
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/news/post/add/")
    page.get_by_label("Body").fill("**Bold** and a list:\n\n1. one\n2. two")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview the formatted text").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator(".markdown-preview strong").inner_text() == "Bold"
    assert preview.locator(".markdown-preview ol li").all_inner_texts() == ["one", "two"]
    assert Post.objects.count() == posts_before


def test_a_chosen_cover_survives_a_failed_save(live_server, browser, editor, media_root, tmp_path):
    cover = tmp_path / "harbour.png"
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(cover, "PNG")
    # An editor whose computer is not on Seoul time sees no "hours behind" warning.
    context = browser.new_context(
        timezone_id="Europe/Paris", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        sign_in(page, live_server)
        page.goto(live_server.url + "/admin/news/post/add/")
        assert not page.locator(".timezonewarning").first.is_visible()
        alt_label = page.locator("label[for='id_cover_alt_text']")
        assert "required" not in (alt_label.get_attribute("class") or "")
        page.get_by_label("Title").fill("Harbour visit")
        page.get_by_label("Title").press("Tab")
        page.get_by_label("Lede").fill("Participants visited the harbour.")
        page.get_by_label("Cover image").set_input_files(str(cover))
        # Marked as required as soon as a file is chosen.
        assert "required" in alt_label.get_attribute("class")
        # Saved without alt text (the browser's own check bypassed, as without script).
        page.locator("#id_cover_alt_text").evaluate("field => field.required = false")
        page.get_by_role("button", name="Save", exact=True).click()
        assert "alt text is required" in page.locator(".errorlist").first.inner_text()
        assert "harbour.png" in page.locator(".field-cover_image").inner_text()
        assert "is kept" in page.locator(".field-cover_image").inner_text()

        page.get_by_label("Cover alt text").fill("The harbour at dawn")
        page.get_by_role("button", name="Save", exact=True).click()
        assert "was added successfully" in page.locator(".messagelist").inner_text()
    finally:
        context.close()
    post = Post.objects.get(title="Harbour visit")
    assert post.cover_image.name == "news/covers/harbour.png"
    assert post.cover_alt_text == "The harbour at dawn"
    assert (media_root / "news/covers/renditions/harbour-570x380.webp").exists()
    assert not list((media_root / "news/covers/pending").rglob("*.png"))
