"""When a cached page stops being true, and how every process learns it at once.

Rendered public pages are kept in the cache under a key made of the page's full URL
and the *content generation*: a token that changes whenever content changes. Saving or
deleting any row of a content app (settings.CONTENT_APPS), changing a
many-to-many relation, or a signed-in staff member's successful POST to the admin
(bulk actions) replaces the token; nothing an anonymous visitor sends does, so the
next visitor gets a fresh render and old entries simply expire unread.

Where the token lives depends on the cache:
- Redis (REDIS_URL): in Redis, shared by every worker on every machine.
- Local memory (the default): each worker has its own cache, so the token is kept in a
  small file that every worker on the machine reads (a few microseconds per request).

Publication by the clock alone (a scheduled item) changes no row, so no signal fires.
So the token is stored with the *next publication time* — the earliest future
`published_at` of any published row, computed (one query) when the token changes — and
the first request after that moment starts a new generation itself. Page requests
therefore never query for it, and no page outlives a scheduled publication.

The same token tells `per_generation` memos when to compute again: data that every
render needs but only a content change can alter (the landing page's, the news totals).
They hold while the page cache is off, too.
"""

import functools
import os
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from hashlib import md5

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

GENERATION_KEY = "page-cache:generation"
# "No scheduled item" is stored as this far-future time rather than None, so that a
# cached "nothing scheduled" can be told apart from "not cached".
NEVER = datetime(9999, 1, 1, tzinfo=timezone.get_fixed_timezone(0))


@functools.cache
def _uses_shared_cache():
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


@functools.cache
def _generation_file():
    if settings.PAGE_CACHE_GENERATION_FILE:
        return settings.PAGE_CACHE_GENERATION_FILE
    # One file per project checkout and database, so two sites on one machine never
    # share a token (sharing would only cost extra renders, never a stale page).
    database = settings.DATABASES["default"]
    ident = f"{settings.BASE_DIR}|{database.get('HOST', '')}|{database['NAME']}"
    digest = md5(ident.encode()).hexdigest()  # noqa: S324 - a name, not security
    return os.path.join(tempfile.gettempdir(), f"wego-page-cache-{digest}")


@receiver(setting_changed)
def _forget_settings(setting, **kwargs):
    if setting in {"CACHES", "DATABASES", "PAGE_CACHE_GENERATION_FILE"}:
        _uses_shared_cache.cache_clear()
        _generation_file.cache_clear()
        _file_generation.clear()
        forget_memos()


# The state last read from the generation file, with the file's identity when read.
# Every change replaces the file (a new inode), so a stat() tells whether to read again.
_file_generation = {}


def _read_state():
    """(token, next publication time) as last written, or None."""
    if _uses_shared_cache():
        return cache.get(GENERATION_KEY)
    path = _generation_file()
    try:
        stat = os.stat(path)
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
        if _file_generation.get("identity") != identity:
            with open(path) as file:
                token, timestamp = file.read().split()
            moment = datetime.fromtimestamp(float(timestamp), tz=UTC)
            _file_generation.update(identity=identity, state=(token, moment))
        return _file_generation["state"]
    except (FileNotFoundError, ValueError):
        return None


def _write_state(state):
    if _uses_shared_cache():
        cache.set(GENERATION_KEY, state, timeout=None)
        return
    token, moment = state
    path = _generation_file()
    scratch = f"{path}.{token}"
    with open(scratch, "w") as file:
        file.write(f"{token} {moment.timestamp()}")
    os.replace(scratch, path)  # atomic: a reader sees the old state or the new one


def current_state():
    """(token, next publication time) of the current content.

    The token changes on every content change, and when the next publication time has
    come (the scheduled item is public now: pages must show it).
    """
    state = _read_state()
    if state is None or state[1] <= timezone.now():
        state = bump_generation()
    return state


# The current generation's token and its values by name, for this process only.
_memos = {"token": None, "values": {}}


def per_generation(name, compute):
    """`compute()`, run once per content generation in this process.

    For what a page would otherwise gather again on every render although only a content
    change can alter it: counts over the whole archive (they grow with it) and the data
    of the landing page. The next content change, or a scheduled item coming due, starts
    a new generation, and the next call computes afresh.

    Kept in this process's memory rather than in the cache: nothing is serialised, and
    nothing outlives a restart or a deploy; each worker computes once per generation.
    Requests share the value, so it must be treated as read-only.
    """
    token, _next_publication = current_state()
    if _memos["token"] != token:
        # Values of past generations go at once: memory holds one generation's worth.
        _memos.update(token=token, values={})
    values = _memos["values"]
    if name not in values:
        values[name] = compute()
    return values[name]


# How many pages of one kind (a program's, a list's) a process keeps the data of for one
# content generation (tens of KB each on the benchmark's large data); past that, a page
# reads its data afresh.
PAGES_KEPT = 1000


def per_generation_each(name, key, compute, limit):
    """`compute()` for one of many like items (a page's rows by its address), kept per
    content generation as `per_generation` keeps one value, at most `limit` of them under
    `name`: past that, each is computed and not kept, so a crawler walking every page of
    a large archive in one generation cannot fill a worker's memory."""
    items = per_generation(name, dict)
    try:
        return items[key]
    except KeyError:
        value = compute()
        if len(items) < limit:
            items[key] = value
        return value


def forget_memos():
    _memos.update(token=None, values={})


def bump_generation(**_signal_kwargs):
    """Start a new content generation: every page cached so far is ignored from now on."""
    state = (uuid.uuid4().hex, compute_next_publication())
    _write_state(state)
    return state


def publishable_models():
    """Models published by the clock: their default manager offers `scheduled()`, the
    published rows whose publication time is still to come."""
    return [
        model
        for model in apps.get_models()
        if callable(getattr(model._default_manager, "scheduled", None))
    ]


def clock_moments():
    """One values_list of future moments per query: publication times of scheduled rows,
    and the moments other models change a page by the clock (a call that opens or
    closes), offered by their manager's `upcoming_moments()`."""
    selects = [
        model.objects.scheduled().order_by().values_list("published_at", flat=True)
        for model in publishable_models()
    ]
    for model in apps.get_models():
        upcoming = getattr(model._default_manager, "upcoming_moments", None)
        if callable(upcoming):
            selects.extend(upcoming())
    return selects


def compute_next_publication():
    """The earliest moment still to come at which a page changes by the clock (a
    scheduled publication, a call's opening or deadline), or NEVER.

    One query, whatever the number of content types (a UNION of one SELECT per kind).
    """
    selects = clock_moments()
    if not selects:
        return NEVER
    upcoming = selects[0].union(*selects[1:]) if len(selects) > 1 else selects[0]
    return min(upcoming, default=NEVER)


def seconds_until(moment, limit):
    """Seconds from now until `moment`, at most `limit` and never negative."""
    if moment >= NEVER:
        return limit
    remaining = (moment - timezone.now()) / timedelta(seconds=1)
    return max(0, min(limit, int(remaining)))


def _is_content(model):
    """A row of a content app, unless its model (or, for a history row, the model it
    records) says `public_content = False`."""
    recorded = getattr(model, "instance_type", model)
    return model._meta.app_label in settings.CONTENT_APPS and getattr(
        recorded, "public_content", True
    )


def content_changed():
    """Retire cached pages now, and again once the change is committed.

    The second bump closes a race: a visitor who arrives between the first bump and the
    commit still reads the old rows and would cache them under the new generation. Outside
    a transaction the change is committed already: one bump. Inside one, the bump at
    commit is registered once per transaction.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_generation()
        return
    bump_generation()
    pending = connection.run_on_commit
    if not any(callback is bump_generation for _, callback, _ in pending):
        transaction.on_commit(bump_generation)


def _on_save_or_delete(sender, raw=False, **kwargs):
    if not raw and _is_content(sender):
        content_changed()


def _on_m2m_changed(sender, action, **kwargs):
    if action.startswith("post_") and _is_content(sender):
        content_changed()


def connect_signals():
    post_save.connect(_on_save_or_delete, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="page_cache_m2m_changed")
