"""The one cached page: the public directory's list as visitors see it
(docs/architecture.md, "The directory cache").

Cached is the page a visitor gets, for visitors only: a signed-in person's request never reads
or fills it. Its one per-visitor part, the CSRF token of the language switch, is stored as a
placeholder and filled in with the requesting visitor's own token on every answer; a visitor
with a message waiting (e.g. just signed out) gets the page rendered for her, uncached. The
page holds only what `networks_for_directory` shows everyone.

The key holds a version that moves after every commit that wrote something the list shows:
a network (any field: name, theme, target group, access, rhythm, term, status, listing,
maximum, phase), a membership (who facilitates, how many places are taken), a person (the
facilitator's name), an application and its invitees (the facilitator named before she has
an account), a waiting-list entry (an offered place counts as taken). `connect_receivers`
(called from `NetworksConfig.ready`) listens to those models; a service that writes one of
them with `QuerySet.update` calls `directory_changed()` itself. The key also holds the
language, today's date (a membership is current from and until a date) and the address with
its query; only the open-or-closed filter and the page number are cached, a search (`q`) or
any other parameter is rendered uncached. An entry lives `LEERNETWERK_DIRECTORY_CACHE_SECONDS`
at most, and never past the moment the first place offer counted on its page runs out (an
offer stops counting without a write).

The version lives in the configured cache (Redis in production: shared by every web process
and worker). If the cache cannot be reached, the page is rendered uncached and a version
move that was lost heals by the timeout."""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from .enums import Access

logger = logging.getLogger(__name__)

VERSION_KEY = "networks:directory:version"
# Rendered where the visitor's CSRF token goes, replaced by her own on every answer.
TOKEN_PLACEHOLDER = "directorycachecsrftokenplaceholder"  # noqa: S105 - not a secret
CACHED_PARAMETERS = {"access", "page"}
# A person's save that names only these fields changes nothing the directory shows (a
# login writes `last_login`).
_NAME_FIELDS = {"first_name", "last_name"}


@dataclass(frozen=True)
class RenderedPage:
    """A rendered directory page and the moment it stops being true by itself (None: only a
    write changes it)."""

    response: HttpResponse
    expires_at: datetime.datetime | None = None


def page_for_visitor(request, render: Callable[[str | None], RenderedPage]) -> HttpResponse:
    """The directory page for this request: for a visitor asking for a cacheable page from
    the cache (with her own CSRF token), else `render(None)`. `render(token)` renders the page
    with `token` in place of the CSRF token (None: the request's own)."""
    timeout = settings.LEERNETWERK_DIRECTORY_CACHE_SECONDS
    if (
        timeout <= 0
        or request.user.is_authenticated
        or not _cacheable(request.GET)
        or len(messages.get_messages(request))
    ):
        return render(None).response
    try:
        key = _key(request)  # the version is read before the data
        html = cache.get(key)
    except Exception:  # the cache is down: serve the page without it
        logger.warning("directory cache unreachable; rendering uncached", exc_info=True)
        return render(None).response
    if html is not None:
        return HttpResponse(html.replace(TOKEN_PLACEHOLDER, get_token(request)))
    rendered = render(TOKEN_PLACEHOLDER)
    response = rendered.response
    html = response.content.decode()
    # Stored only if nothing asked for this visitor's real token (`get_token` marks that).
    if response.status_code == 200 and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        seconds = timeout
        if rendered.expires_at is not None:
            left = (rendered.expires_at - timezone.now()).total_seconds()
            seconds = max(1, min(timeout, int(left)))
        try:
            cache.set(key, html, seconds)
        except Exception:
            logger.warning("directory cache unreachable; not stored", exc_info=True)
    response.content = html.replace(TOKEN_PLACEHOLDER, get_token(request))
    return response


def directory_changed() -> None:
    """Something the directory shows was written: visitors get a fresh list once the
    current transaction commits (at once outside a transaction)."""
    transaction.on_commit(_move_version)


def _cacheable(query) -> bool:
    if not set(query) <= CACHED_PARAMETERS:
        return False
    if any(len(query.getlist(name)) > 1 for name in query):
        return False
    page = query.get("page", "")
    return query.get("access", "") in ("", *Access.values) and (
        page == "" or (page.isdigit() and len(page) <= 4)
    )


def _key(request) -> str:
    return ":".join(
        [
            "networks:directory",
            str(_version()),
            get_language() or "",
            timezone.localdate().isoformat(),
            request.get_full_path(),
        ]
    )


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A new start (or the key was evicted): a number no earlier version used.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _move_version() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet: the first reader starts one
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.warning("directory cache unreachable; its entries expire by time", exc_info=True)


# --- What the directory shows -------------------------------------------------------------


def _changed(sender, **kwargs) -> None:
    directory_changed()


def _person_changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is None or _NAME_FIELDS & set(update_fields):
        directory_changed()


def connect_receivers() -> None:
    """Listen to every model the directory list reads."""
    for model in (
        "networks.Network",
        "networks.Membership",
        "networks.Application",
        "networks.ApplicationInvitee",
        "networks.WaitingListEntry",
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"directory-save-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"directory-delete-{model}")
    post_save.connect(
        _person_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="directory-save-person"
    )
    post_delete.connect(
        _changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="directory-delete-person"
    )
