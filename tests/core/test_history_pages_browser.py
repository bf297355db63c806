"""The history, compare, revert, recover and formatting-preview pages work under the
Content-Security-Policy and pass axe-core (their own content, the admin's frame aside)."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from news.models import Post
from programs.models import Edition
from tests.admin_session import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.engine_neutral,
    pytest.mark.django_db(transaction=True),
]


def test_history_pages_are_csp_clean_and_accessible(live_server, page, editor, seed):
    from axe_playwright_python.sync_playwright import Axe

    edition = Edition.objects.get(slug="2018")
    first = Version.objects.get_for_object(edition).get()
    with reversion.create_revision():
        edition.summary = "Shorter."
        edition.save()
    second = Version.objects.get_for_object(edition).order_by("-pk").first()
    post = Post.objects.order_by("pk").first()
    post.delete()  # outside a revision: its last version is the seed's

    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    sign_in(page, live_server)
    pages = [
        reverse("admin:programs_edition_history", args=[edition.pk]),
        reverse("admin:programs_edition_compare", args=[edition.pk])
        + f"?version_id1={first.pk}&version_id2={second.pk}",
        reverse("admin:programs_edition_revision", args=[edition.pk, first.pk]),
        reverse("admin:news_post_recoverlist"),
    ]
    for url in pages:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
    # The compare form works from the history page (two choices, one button).
    page.goto(live_server.url + pages[0])
    page.get_by_role("button", name="Compare the two chosen versions").click()
    assert "What changed from the version of" in page.locator("#content-main").inner_text()
    assert violations == []

    # axe-core, run afterwards: its own checks draw styles the policy would report. The
    # revert page is the admin's own change form (its inline tables are Django's).
    axe = Axe()
    failures = {}
    for url in [pages[0], pages[1], pages[3]]:
        page.goto(live_server.url + url)
        results = axe.run(page, context="#content-main")
        if results.violations_count:
            failures[url] = results.generate_report()
    assert post.title in page.locator("#content-main").inner_text()
    assert not failures, "\n\n".join(f"{url}:\n{report}" for url, report in failures.items())
