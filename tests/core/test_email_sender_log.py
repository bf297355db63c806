"""`send_queued_mail` logs each line once: post_office's logger writes through the
site's LOGGING only, not through a handler of its own as well."""

from tests.site.test_settings import run_manage

LOG_A_LINE = (
    "import logging, post_office.mail; "
    "logging.getLogger('post_office').info('1 emails attempted, 1 sent, 0 failed')"
)


def test_the_senders_lines_are_written_once_and_kept():
    result = run_manage(
        "shell", "--no-imports", "-c", LOG_A_LINE, production=False, DJANGO_DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "emails attempted" in line]
    assert len(lines) == 1, result.stderr
    assert " INFO post_office " in lines[0]  # in the site's own line format
