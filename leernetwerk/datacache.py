"""Rendered page fragments cached until the data changes.

Every write to the database (INSERT, UPDATE, DELETE, TRUNCATE through any Django connection:
views, tasks, admin, bulk updates, raw SQL) moves one shared *data version* on: at once in
autocommit, else once when its transaction commits (nothing is cached while a transaction is
open that has written, so no page can hold rows others do not see yet). A cached fragment's key holds the
version it was rendered at, so a write makes every fragment stale at once, and nothing has to
know which page shows which table. Reads are far more frequent than
writes here, so a coarse invalidation costs little and cannot miss a case.

The version lives in the default cache, which must be shared by every process that writes
(web workers and Celery workers): Redis in production (`CACHE_URL`). With the per-process
memory cache, fragment caching is only on where one process does everything (`make run`, the
tests); see `enabled()`.

Fragments also expire after `LEERNETWERK_FRAGMENT_CACHE_SECONDS`, which bounds how long content
that depends on the clock ("upcoming meetings") can lag, and how long a version bump lost to a
cache outage can matter. A cache that is down never breaks a page: it is rendered uncached.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver

logger = logging.getLogger(__name__)

VERSION_KEY = "leernetwerk:data-version"
CSRF_SENTINEL = "\x00leernetwerk-csrf-token\x00"
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
# Writes that never change what a page shows: the session row is rewritten by logins and
# language switches, axes counts failed logins, beat bookkeeps its schedule, the outbox holds
# tasks waiting for the broker.
_IGNORED_TABLES = ("django_session", "axes_", "django_celery_beat_", "leernetwerk_outboxtask")


def enabled() -> bool:
    seconds = getattr(settings, "LEERNETWERK_FRAGMENT_CACHE_SECONDS", 0)
    return bool(seconds) and getattr(settings, "LEERNETWERK_FRAGMENT_CACHE_SHARED", False)


def current_version() -> int | None:
    """The data version, or None when the cache cannot be reached. The request remembers it
    until one of its own writes moves it."""
    from .dispatch import current_request

    request = current_request()
    remembered = getattr(request, "_data_version", None) if request is not None else None
    if remembered is not None:
        return remembered
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # First use, or the cache lost it: start from a value no earlier fragment has.
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:
        logger.warning("Fragment cache unavailable", exc_info=True)
        return None
    if request is not None and version is not None:
        request._data_version = version
    return version


def bump_version() -> None:
    from .dispatch import current_request

    request = current_request()
    if request is not None:
        request.__dict__.pop("_data_version", None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (first write, or the cache was emptied): start afresh
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # the cache is down: fragments are not served from it either
        logger.warning("Could not move the data version on", exc_info=True)


def _is_write(sql: str) -> bool:
    head = sql.lstrip()[:8].upper()
    if not head.startswith(_WRITES):
        return False
    lowered = sql[:200].lower()
    return not any(table in lowered for table in _IGNORED_TABLES)


def _bump_after_commit() -> None:
    bump_version()


def _in_transaction_to_commit(connection) -> bool:
    """Inside a transaction whose commit is still to come; not the one a test case wraps
    around each test, which never commits."""
    blocks = connection.atomic_blocks
    return bool(blocks) and not getattr(blocks[0], "_from_testcase", False)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _is_write(sql):
        connection = context["connection"]
        if _in_transaction_to_commit(connection):
            # Once per transaction, when it commits: until then nobody else sees the rows,
            # and nothing is cached while it is open (`may_store`).
            if not any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
                transaction.on_commit(_bump_after_commit, using=connection.alias)
        else:
            bump_version()  # autocommit (or inside a test's transaction): visible now
    return result


def _wrote_in_open_transaction(connection) -> bool:
    return _in_transaction_to_commit(connection) and any(
        entry[1] is _bump_after_commit for entry in connection.run_on_commit
    )


def may_store() -> bool:
    """Whether what is rendered now may be cached: not while a transaction that has written
    is still open (a page rendered inside it could hold rows nobody else sees yet, or that
    roll back). A GET request's own transaction (ATOMIC_REQUESTS) that only read is fine."""
    from django.db import connections

    return not any(_wrote_in_open_transaction(c) for c in connections.all(initialized_only=True))


@receiver(connection_created)
def _install_watch(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def fragment_key(name: str, parts) -> str:
    raw = "|".join(str(part) for part in (name, *parts))
    return "leernetwerk:fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def get(key: str):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Fragment cache unavailable", exc_info=True)
        return None


def put(key: str, content: str) -> None:
    if not may_store():
        return
    try:
        cache.set(key, content, settings.LEERNETWERK_FRAGMENT_CACHE_SECONDS)
    except Exception:
        logger.warning("Fragment cache unavailable", exc_info=True)


_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


class DataCachedPageMixin:
    """A whole GET page served from the cache until the data changes, for read-mostly pages
    whose content follows from the path, the viewer and the language alone.

    Not used when a message waits to be shown (it is part of the page), for htmx requests,
    or for an answer other than 200. CSRF tokens are stored as a placeholder and filled in with
    the viewer's own token."""

    def get(self, request, *args, **kwargs):
        from django.contrib.messages import get_messages
        from django.http import HttpResponse
        from django.middleware.csrf import get_token
        from django.utils.translation import get_language

        version = current_version() if enabled() else None
        if version is None or getattr(request, "htmx", False) or len(get_messages(request)):
            return super().get(request, *args, **kwargs)
        viewer = request.user.pk if request.user.is_authenticated else "-"
        key = fragment_key(
            "page:" + type(self).__name__,
            [version, get_language(), viewer, request.get_full_path()],
        )
        cached = get(key)
        if cached is not None:
            content = cached.replace(CSRF_SENTINEL, get_token(request))
            return HttpResponse(content, content_type="text/html; charset=utf-8")
        response = super().get(request, *args, **kwargs)
        response.render()
        if response.status_code == 200:
            put(key, _CSRF_INPUT.sub(rf"\g<1>{CSRF_SENTINEL}\g<2>", response.content.decode()))
        return response
