"""Sending background work so that a broker outage loses nothing and blocks nobody.

Services call `enqueue(task, **ids)` instead of `task.delay_on_commit(**ids)`. With a broker,
the intent is first written to the outbox in the caller's transaction; once that commits, the
task is published and its outbox row removed. If Redis cannot take it, the row stays (with
`attempts` and `last_error`) and `flush_outbox` (Celery beat, every minute) publishes it once
Redis is back. Without a broker (the embedded default) the task runs in-process after commit.

Nothing here knows about HTTP: the row that stays is what happened, and the web layer
(`leernetwerk.middleware.BackgroundWorkNoticeMiddleware`) turns it into a message for the
person whose request left it."""

from __future__ import annotations

import datetime
import logging

from celery import Task
from django.db import transaction
from django.db.models import F

from .celery import app
from .models import OutboxTask

logger = logging.getLogger(__name__)


def _eager() -> bool:
    return bool(app.conf.task_always_eager)


def _publish(task_name: str, kwargs: dict) -> Exception | None:
    """Publish once, without retries (a retry loop would make the request hang)."""
    try:
        app.send_task(task_name, kwargs=kwargs, retry=False)
    except Exception as exc:  # noqa: BLE001 - kombu/redis raise many kinds; all mean "not sent"
        logger.warning("could not publish %s: %s", task_name, exc)
        return exc
    return None


def enqueue(task: Task, **kwargs: object) -> None:
    """Run `task(**kwargs)` in the background after the current transaction commits.

    Keeps true: every enqueued task is either published or left in the outbox to be
    published later. Callable from services only."""
    if _eager():
        task.delay_on_commit(**kwargs)
        return
    row = OutboxTask.objects.create(task_name=task.name, kwargs=kwargs)

    def publish() -> None:
        error = _publish(task.name, kwargs)
        if error is None:
            OutboxTask.objects.filter(pk=row.pk).delete()
            return
        OutboxTask.objects.filter(pk=row.pk).update(
            attempts=F("attempts") + 1, last_error=str(error)[:500]
        )

    transaction.on_commit(publish)


def waiting_since(moment: datetime.datetime) -> bool:
    """Whether work enqueued at or after `moment` failed to reach the broker and waits in the
    outbox. Read-only; used by the web layer to tell the person the rest follows."""
    if _eager():
        return False
    return OutboxTask.objects.filter(created_at__gte=moment, attempts__gt=0).exists()


def flush_outbox(limit: int = 500) -> int:
    """Publish outbox rows that could not be sent before; returns how many were sent."""
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
