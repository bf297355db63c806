"""`manage.py load_demo`: a marked sample with an open call, added once, never in fixtures/."""

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from applications.models import Call
from programs.models import Edition, Program

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def snapshot():
    return {path.name: path.stat().st_mtime_ns for path in FIXTURES.iterdir()}


def test_the_demo_adds_a_marked_sample_with_a_call_open_for_30_days(client, seed):
    before = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    call = Call.objects.get()
    assert "sample" in call.edition.program.title.lower()
    assert "not a real program" in call.edition.program.title
    assert call.is_open and 29 <= (call.closes_at - call.opens_at).days <= 30
    # Its deadline is an office's: 17:00 Seoul time, not the minute the command ran.
    seoul = timezone.localtime(call.closes_at, ZoneInfo("Asia/Seoul"))
    assert call.time_zone == "Asia/Seoul" and seoul.time() == dt.time(17)
    assert seoul.date() - timezone.localtime(call.opens_at, seoul.tzinfo).date() == dt.timedelta(30)
    assert call.get_absolute_url() in client.get("/").content.decode()
    assert client.get(call.get_absolute_url()).status_code == 200
    assert snapshot() == before


def test_running_it_twice_changes_nothing(seed):
    call_command("load_demo", stdout=io.StringIO())
    rows = [list(model.objects.values()) for model in (Program, Edition, Call)]
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert [list(model.objects.values()) for model in (Program, Edition, Call)] == rows
    assert "there already" in out.getvalue()


def test_the_demo_text_reads_as_text_on_the_pages(client, seed):
    """The sample's summary is shown as plain text on cards and pages: no Markdown marks."""
    call_command("load_demo", stdout=io.StringIO())
    program = Program.objects.get(is_sample=True)
    for path in ("/", "/programs/", program.get_absolute_url()):
        page = client.get(path).content.decode()
        assert "not a real program" in page
        assert "`" not in page, path
