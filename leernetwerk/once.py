"""Side effects that must happen once although Celery may run a task twice.

Celery acknowledges late, so a task whose worker dies, or whose message is redelivered, runs
again. Database writes of our tasks are idempotent by construction (update_or_create, status
checks); a mail is not, so tasks send it through `deliver_once`."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from .models import DeliveredOnce


def deliver_once(key: str, deliver: Callable[[], object]) -> bool:
    """Call `deliver()` unless a delivery under `key` has already completed; True if called.

    Keeps true: at most one completed delivery per key (a concurrent second run waits on the
    unique key and then skips). If `deliver()` raises, nothing is recorded, so a retry sends."""

    with transaction.atomic():
        _, created = DeliveredOnce.objects.get_or_create(key=key)
        if not created:
            return False
        deliver()
    return True
