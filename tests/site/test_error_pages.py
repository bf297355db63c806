"""Error pages: a database that cannot answer gives the site's 503 with Retry-After, any
other failure its 500; the web server's own pages are written from the same templates."""

import io
import logging

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection

from tests.html import parse
from tests.site.test_page_structure import START_FROM

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    return client


def test_a_database_that_cannot_answer_gives_a_503_with_retry_after(
    failing_client, seed, monkeypatch
):
    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = failing_client.get("/programs/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = parse(response)
    assert [text for level, text in page.headings if level == 1] == [
        "The site is briefly unavailable"
    ]


def test_any_other_failure_is_a_500(failing_client, seed, monkeypatch):
    from programs import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.ProgramListView, "get_context_data", broken)
    response = failing_client.get("/programs/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong" in response.content.decode()


def test_staff_without_a_permission_get_the_sites_403_saying_whom_to_ask(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", "clerk@example.org", "pw", is_staff=True)
    client.force_login(clerk)
    response = client.get("/admin/programs/place/gazetteer/?q=Seoul")
    assert response.status_code == 403
    page = parse(response)
    assert [text for level, text in page.headings if level == 1] == [
        "This address is not available"
    ]
    html = response.content.decode()
    assert "Error 403</p>" in html
    assert "ask a secretariat administrator to give your account access" in html


def test_too_many_fields_get_the_sites_400_and_one_warning_line(client, caplog):
    """Django reads at most DATA_UPLOAD_MAX_NUMBER_FIELDS fields: anyone can send more.
    They get the site's page saying what happened, and the log one line, no traceback."""
    logger = logging.getLogger("django.security.TooManyFieldsSent")
    logger.addHandler(caplog.handler)
    try:
        fields = {f"a{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 100)}
        response = client.get("/search/", fields)
    finally:
        logger.removeHandler(caplog.handler)
    assert response.status_code == 400
    assert "This address or request is not valid" in response.content.decode()
    (record,) = [r for r in caplog.records if r.name == logger.name]
    assert (record.levelname, record.exc_info) == ("WARNING", None)


def test_the_web_servers_pages_are_written_from_the_sites_templates(tmp_path):
    call_command("write_error_pages", tmp_path, stdout=io.StringIO())
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == [
        f"{status}.html" for status in (400, 403, 404, 405, 413, 414, 429, 500, 502, 503, 504)
    ]
    stylesheet = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    for path in tmp_path.iterdir():
        html = path.read_text()
        status = path.stem
        assert f"Error {status}</p>" in html, status
        assert html.count("<h1>") == 1
        assert stylesheet[:200] in html, "the stylesheet is in the page"
        assert '<link rel="stylesheet"' not in html
        assert "nginx" not in html.lower()
    # The web server's page not found offers the same ways into the site as the site's.
    not_found = (tmp_path / "404.html").read_text()
    for url, text in START_FROM.items():
        assert f'<a href="{url}">{text}</a>' in not_found, text
    too_large = (tmp_path / "413.html").read_text()
    assert "at most 5 MB" in too_large
    # Going back keeps what was typed; reloading the form would lose it.
    assert "browser’s Back button" in too_large and "what you typed" in too_large
