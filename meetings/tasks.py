"""Celery tasks: take ids, fetch, call the service. Beat runs the reminders and the
publishing of minutes whose correction week is over (leernetwerk/settings_beat.py)."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from networks.models import Network

from .models import DatePoll, Meeting


@shared_task(name="leernetwerk.meetings.send_meeting_mail")
def task_send_meeting_mail(*, meeting_id: int, kind: str, sequence: int | None = None) -> int:
    """Invitation, change (of version `sequence`) or cancellation notice; each person once."""
    from .services import send_meeting_mail  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    meeting = Meeting.objects.select_related("network").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    return send_meeting_mail(meeting, kind, sequence=sequence)


@shared_task(name="leernetwerk.meetings.tell_speakers_of_move")
def task_tell_speakers_of_move(*, meeting_id: int, sequence: int) -> int:
    """The new time and place of version `sequence` to the meeting's guest speakers; once."""
    from .services import tell_speakers_of_move  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    meeting = Meeting.objects.select_related("network").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    return tell_speakers_of_move(meeting, sequence)


@shared_task(name="leernetwerk.meetings.send_meeting_reminders")
def task_send_meeting_reminders() -> int:
    """Reminders for meetings within LEERNETWERK_MEETING_REMINDER_DAYS; each mail once."""
    from .services import send_meeting_reminders  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    return send_meeting_reminders()


@shared_task(name="leernetwerk.meetings.send_poll_reminder")
def task_send_poll_reminder(*, poll_id: int) -> int:
    """Remind members who have not answered a date poll (once a day at most)."""
    from .services import send_poll_reminder  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    poll = DatePoll.objects.select_related("network").filter(pk=poll_id).first()
    return send_poll_reminder(poll) if poll else 0


@shared_task(name="leernetwerk.meetings.send_action_reminders")
def task_send_action_reminders() -> int:
    """Remind owners of open actions due within a few days; each action once per due date."""
    from .services import send_action_reminders  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    return send_action_reminders()


@shared_task(name="leernetwerk.meetings.publish_due_minutes")
def task_publish_due_minutes() -> int:
    """Publish the minutes whose correction week is over; each once, each member mailed once."""
    from .services import publish_due_minutes  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    return publish_due_minutes()


@shared_task(name="leernetwerk.meetings.send_poll_opened")
def task_send_poll_opened(*, poll_id: int) -> int:
    """Tell the members a date poll is open; each person once per poll."""
    from .services import send_poll_opened  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    poll = DatePoll.objects.select_related("network").filter(pk=poll_id).first()
    return send_poll_opened(poll) if poll else 0


@shared_task(name="leernetwerk.meetings.send_poll_deadline_reminders")
def task_send_poll_deadline_reminders() -> int:
    """The day before a poll's deadline, remind who has not answered; each poll once."""
    from .services import send_poll_deadline_reminders  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    return send_poll_deadline_reminders()


@shared_task(name="leernetwerk.meetings.send_open_polls_to_new_member")
def task_send_open_polls_to_new_member(*, person_id: int, network_id: int) -> int:
    """Tell someone who just joined a network of its polls still taking answers; each poll
    once per person (the same key as the mail when it opened)."""
    from .services import send_open_polls_to_new_member  # noqa: PLC0415 - cycle: the services import these tasks to enqueue them

    person = get_user_model().objects.filter(pk=person_id).first()
    network = Network.objects.filter(pk=network_id).first()
    if person is None or network is None:
        return 0
    return send_open_polls_to_new_member(person, network)
