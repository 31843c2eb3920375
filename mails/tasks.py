"""Celery tasks for mail: take ids, call the service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="leernetwerk.mails.send_mail")
def task_send_mail(*, mail_id: int) -> bool:
    """Send one queued mail (skips one already sent or being sent by another worker)."""
    from .services import send_mail_now  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    return send_mail_now(mail_id)


@shared_task(name="leernetwerk.mails.retry_pending")
def task_retry_pending() -> int:
    """Beat, every five minutes: hand the worker queued mails left behind and failed ones."""
    from .services import retry_pending  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    return retry_pending()


@shared_task(name="leernetwerk.mails.send_due_digests")
def task_send_due_digests() -> int:
    """Beat, each morning: daily digests, and on Monday the weekly ones."""
    from .services import send_due_digests  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    return send_due_digests()
