"""Sending background work so that a broker outage loses nothing and blocks nobody.

Services call `enqueue(task, **ids)` instead of `task.delay_on_commit(**ids)`. With a broker,
the intent is first written to the outbox in the caller's transaction; once that commits, the
task is published and its outbox row removed. If Redis cannot take it, the row stays, the person
is told the work will follow, and `flush_outbox` (Celery beat, every minute) publishes it once
Redis is back. Without a broker (the embedded default) the task runs in-process after commit."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_current_request: ContextVar = ContextVar("leernetwerk_current_request", default=None)


def current_request():
    """The request being handled in this thread, or None (set by CurrentRequestMiddleware)."""
    return _current_request.get()


def _eager() -> bool:
    from .celery import app

    return bool(app.conf.task_always_eager)


def _publish(task_name: str, kwargs: dict) -> Exception | None:
    """Publish once, without retries (a retry loop would make the request hang)."""
    from .celery import app

    try:
        app.send_task(task_name, kwargs=kwargs, retry=False)
    except Exception as exc:  # noqa: BLE001 - kombu/redis raise many kinds; all mean "not sent"
        logger.warning("could not publish %s: %s", task_name, exc)
        return exc
    return None


def enqueue(task, **kwargs) -> None:
    """Run `task(**kwargs)` in the background after the current transaction commits.

    Keeps true: every enqueued task is either published or left in the outbox to be
    published later. Callable from services only."""
    if _eager():
        task.delay_on_commit(**kwargs)
        return
    from .models import OutboxTask

    row = OutboxTask.objects.create(task_name=task.name, kwargs=kwargs)
    request = _current_request.get()

    def publish() -> None:
        error = _publish(task.name, kwargs)
        if error is None:
            OutboxTask.objects.filter(pk=row.pk).delete()
            return
        OutboxTask.objects.filter(pk=row.pk).update(
            attempts=F("attempts") + 1, last_error=str(error)[:500]
        )
        if request is not None:
            messages.info(
                request,
                _(
                    "Background processing is briefly unavailable. Your change has been "
                    "saved; the rest follows automatically as soon as it is back."
                ),
            )

    transaction.on_commit(publish)


def flush_outbox(limit: int = 500) -> int:
    """Publish outbox rows that could not be sent before; returns how many were sent."""
    from .models import OutboxTask

    sent = 0
    for row in OutboxTask.objects.order_by("created_at")[:limit]:
        error = _publish(row.task_name, row.kwargs)
        if error is not None:
            OutboxTask.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=str(error)[:500]
            )
            break  # the broker is still away; try again next round
        row.delete()
        sent += 1
    return sent


class CurrentRequestMiddleware:
    """Lets `enqueue` tell the person when their work has to wait for the broker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
