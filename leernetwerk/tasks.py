import socket

from celery import shared_task
from django.utils import timezone

from .dispatch import flush_outbox
from .models import WorkerHeartbeat


@shared_task(name="leernetwerk.core.record_heartbeat")
def task_record_heartbeat(*, worker: str | None = None) -> int:
    """Write a heartbeat row from whichever process runs the task; returns its id."""

    # One row per worker, updated in place: running the task twice leaves one row.
    beat, _ = WorkerHeartbeat.objects.update_or_create(
        worker=worker or socket.gethostname(), defaults={"seen_at": timezone.now()}
    )
    return beat.pk


@shared_task(name="leernetwerk.core.flush_outbox")
def task_flush_outbox() -> int:
    """Publish tasks that could not reach the broker earlier (see leernetwerk.dispatch)."""

    return flush_outbox()
