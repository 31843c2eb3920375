"""Meeting mail: invitations, changes, cancellations, reminders, poll reminders."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..enums import MailKind, MeetingStatus, ResponseAnswer
from ..models import (
    DatePoll,
    Meeting,
)


def _recipients(meeting: Meeting):
    from ..selectors import members_of

    return [p for p in members_of(meeting.network) if p.is_active and p.email]


def _mail_key(meeting: Meeting, kind: str, sequence: int | None = None) -> str:
    if kind == MailKind.CHANGE:
        return f"change:{meeting.pk}:{meeting.sequence if sequence is None else sequence}"
    if kind == MailKind.REMINDER:
        return f"reminder:{meeting.pk}:{meeting.starts_at:%Y%m%d%H%M}"
    return f"{kind}:{meeting.pk}"


def _meeting_ics(meeting: Meeting) -> bytes:
    from ..calendar import build_calendar
    from ..selectors import calendar_events

    return build_calendar(calendar_events([meeting]), name=meeting.title)


def send_meeting_mail(meeting: Meeting, kind: str, *, sequence: int | None = None) -> int:
    """Queue a mail to every current member about the meeting; returns how many are new.

    Each (kind, meeting[, sequence]) goes to each person once, however often this runs;
    a change notice follows the person's digest choice. Called by the worker."""
    from ..mail import queue_meeting_mail

    if kind == MailKind.CHANGE and meeting.status == MeetingStatus.CANCELLED:
        return 0
    ics = _meeting_ics(meeting)
    sent = 0
    for person in _recipients(meeting):
        sent += queue_meeting_mail(
            key=_mail_key(meeting, kind, sequence),
            kind=kind,
            recipient=person,
            template=f"meetings/email/{kind}",
            context={"meeting": meeting},
            ics=ics,
        )
    return sent


def reminder_days() -> int:
    from django.conf import settings

    return settings.LEERNETWERK_MEETING_REMINDER_DAYS


def send_meeting_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind members of meetings starting within the reminder window; each mail once.

    Members who answered "not coming" get no reminder. Safe to run any number of times."""
    from ..mail import queue_meeting_mail

    now = now or timezone.now()
    window_end = now + datetime.timedelta(days=reminder_days())
    meetings = (
        Meeting.objects.scheduled()
        .filter(starts_at__gt=now, starts_at__lte=window_end)
        .select_related("network")
    )
    sent = 0
    for meeting in meetings:
        declined = set(
            meeting.responses.filter(answer=ResponseAnswer.NOT_COMING).values_list(
                "person_id", flat=True
            )
        )
        for person in _recipients(meeting):
            if person.pk in declined:
                continue
            sent += queue_meeting_mail(
                key=_mail_key(meeting, MailKind.REMINDER),
                kind=MailKind.REMINDER,
                recipient=person,
                template="meetings/email/reminder",
                context={"meeting": meeting},
            )
    return sent


def send_poll_reminder(poll: DatePoll, *, today: datetime.date | None = None) -> int:
    """Remind members who have not answered the poll; at most one mail a day each."""
    from ..mail import queue_meeting_mail
    from ..selectors import poll_table

    if poll.is_closed:
        return 0
    today = today or timezone.localdate()
    sent = 0
    for person in poll_table(poll).not_answered:
        sent += queue_meeting_mail(
            key=f"poll:{poll.pk}:{today:%Y%m%d}",
            kind=MailKind.POLL_REMINDER,
            recipient=person,
            template="meetings/email/poll_reminder",
            context={"poll": poll},
        )
    return sent
