"""The footer of every page: WeGO, its website, the contacts, feeds, sitemap, privacy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path

from tests.html import text_of
from wego_site import urls as site_urls


def test_footer_names_wego_its_site_contacts_feeds_and_sitemap(client, seed):
    response = client.get("/news/")
    html = response.content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="https://we-gov.org/"' in footer
    assert "World Smart Sustainable Cities Organization (WeGO)" in footer
    for address in ["andrew@we-gov.org", "alexandra@we-gov.org"]:
        assert f'href="mailto:{address}"' in footer
    for url in ["/news/feed/rss/", "/news/feed/atom/", "/programs/calendar.ics", "/sitemap.xml"]:
        assert f'href="{url}"' in footer
    assert "Privacy notice" not in footer  # no page named "privacy" in this site yet
    assert "Contacts" in text_of(response)


urlpatterns = [
    path("privacy/", lambda request: None, name="privacy"),
    *site_urls.urlpatterns,
]


@pytest.mark.urls("tests.site.test_footer")
def test_footer_links_to_the_privacy_notice_once_there_is_one(client, seed):
    html = client.get("/news/").content.decode()
    assert '<a href="/privacy/">Privacy notice</a>' in html


def test_admin_answers_tell_search_engines_to_stay_out(client, db, settings):
    response = client.get(f"/{settings.ADMIN_URL}login/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/robots.txt")


def test_footer_contacts_cost_one_query_per_content_generation(client, seed):
    def contact_queries(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries if "programs_contact" in q["sql"]]

    assert len(contact_queries("/testimonials/")) == 1
    assert contact_queries("/news/") == []  # the same generation: remembered
