"""The data files as served, and what the data page says of each: its rows, its size and
when its content last changed.

The page is stored by the page cache and the facts are worked out once per content
generation (one pass over every file, kept in the cache): a change that leaves a file as
it was (same digest) leaves its date alone.
"""

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from wego_site.pagecache.generation import current_state

# A byte order mark first: Excel reads a CSV file opened from disk as UTF-8 only with
# one (otherwise as the computer's legacy code page, and “Jeju–Seoul” comes out garbled).
# Frictionless and Python's "utf-8-sig" read it as what it is; the data package says so.
BYTE_ORDER_MARK = "\ufeff"
DAY = 60 * 60 * 24


def csv_text(table, request):
    """The file's text and its number of rows (the header not counted)."""
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header())
    rows = 0
    for record in table.records(request):
        writer.writerow(record)
        rows += 1
    return out.getvalue(), rows


@dataclass(frozen=True)
class FileFacts:
    rows: int
    size: int  # bytes
    changed_at: datetime


def file_facts(tables, request):
    """{table name: FileFacts} for the current content; the addresses in the files name
    the host they are asked from, so each host has its own."""
    token, _next_publication = current_state()
    origin = f"{request.scheme}://{request.get_host()}"
    return cache.get_or_set(
        f"opendata-files:{token}:{origin}",
        lambda: {table.name: measure(table, request, origin) for table in tables},
        timeout=DAY,
    )


def measure(table, request, origin):
    text, rows = csv_text(table, request)
    content = text.encode()
    digest = hashlib.sha256(content).hexdigest()
    key = f"opendata-file-changed:{origin}:{table.name}"
    known = cache.get(key)
    changed_at = known[1] if known and known[0] == digest else timezone.now()
    cache.set(key, (digest, changed_at), timeout=None)
    return FileFacts(rows=rows, size=len(content), changed_at=changed_at)
