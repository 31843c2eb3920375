"""Celery tasks: take ids, fetch, call the service. Beat runs the reminders hourly."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="leernetwerk.meetings.send_meeting_mail")
def task_send_meeting_mail(*, meeting_id: int, kind: str, sequence: int | None = None) -> int:
    """Invitation, change (of version `sequence`) or cancellation notice; each person once."""
    from .models import Meeting
    from .services import send_meeting_mail

    meeting = Meeting.objects.select_related("network").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    return send_meeting_mail(meeting, kind, sequence=sequence)


@shared_task(name="leernetwerk.meetings.send_meeting_reminders")
def task_send_meeting_reminders() -> int:
    """Reminders for meetings within LEERNETWERK_MEETING_REMINDER_DAYS; each mail once."""
    from .services import send_meeting_reminders

    return send_meeting_reminders()


@shared_task(name="leernetwerk.meetings.send_poll_reminder")
def task_send_poll_reminder(*, poll_id: int) -> int:
    """Remind members who have not answered a date poll (once a day at most)."""
    from .models import DatePoll
    from .services import send_poll_reminder

    poll = DatePoll.objects.select_related("network").filter(pk=poll_id).first()
    return send_poll_reminder(poll) if poll else 0
