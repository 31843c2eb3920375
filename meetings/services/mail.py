"""Meeting mail: invitations, changes, cancellations, reminders, poll reminders."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mails.services import queue_rendered

from ..calendar import build_calendar
from ..enums import MailKind, MeetingStatus, ResponseAnswer
from ..mail import queue_meeting_mail
from ..models import (
    DatePoll,
    Meeting,
)
from ..selectors import (
    calendar_events,
    meeting_calendar_name,
    members_of,
    poll_table,
    speakers_kept_informed,
)

if TYPE_CHECKING:
    from networks.models import Network
    from participants.models import User


def _recipients(meeting: Meeting):
    return [p for p in members_of(meeting.network) if p.is_active and p.email]


def _mail_key(meeting: Meeting, kind: str, sequence: int | None = None) -> str:
    if kind == MailKind.CHANGE:
        return f"change:{meeting.pk}:{meeting.sequence if sequence is None else sequence}"
    if kind == MailKind.REMINDER:
        return f"reminder:{meeting.pk}:{meeting.starts_at:%Y%m%d%H%M}"
    return f"{kind}:{meeting.pk}"


def _meeting_ics(meeting: Meeting) -> bytes:
    return build_calendar(calendar_events([meeting]), name=meeting_calendar_name(meeting))


def send_meeting_mail(meeting: Meeting, kind: str, *, sequence: int | None = None) -> int:
    """Queue a mail to every current member about the meeting (a cancellation also to the
    guest speakers invited to it); returns how many are new.

    Each (kind, meeting[, sequence]) goes to each person once, however often this runs;
    a change notice follows the person's digest choice. Called by the worker."""
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
    if kind == MailKind.CANCELLATION:
        sent += _tell_speakers_of_cancellation(meeting)
    return sent


def _mail_speakers(meeting: Meeting, *, key: str, kind: str, template: str) -> int:
    """Mail `template` to the guest speakers kept informed of the meeting
    (`speakers_kept_informed`), each address once under `key` (a speaker entered twice is
    told once). Returns how many mails are new."""
    sent = 0
    for speaker in speakers_kept_informed(meeting):
        mail = queue_rendered(
            key=f"{key}:{speaker.email.lower()}",
            to=speaker.email,
            kind=kind,
            template=template,
            context={"speaker": speaker, "meeting": meeting},
        )
        sent += mail is not None
    return sent


def _tell_speakers_of_cancellation(meeting: Meeting) -> int:
    """Tell the guest speakers the meeting is cancelled: she has no account, so the mail
    holds no link and says it all."""
    return _mail_speakers(
        meeting,
        key=f"speaker-cancellation:{meeting.pk}",
        kind=MailKind.CANCELLATION,
        template="meetings/email/speaker_cancellation",
    )


def tell_speakers_of_move(meeting: Meeting, sequence: int) -> int:
    """Mail the guest speakers the meeting's new time and place after version `sequence`
    moved it, with her answer link, so she can say whether she still comes. Each version to
    each address once; nothing for a meeting cancelled or over by the time this runs.
    Returns how many mails are new. Called by the worker."""
    if meeting.status != MeetingStatus.SCHEDULED or meeting.ends_at < timezone.now():
        return 0
    return _mail_speakers(
        meeting,
        key=f"speaker-move:{meeting.pk}:{sequence}",
        kind=MailKind.CHANGE,
        template="meetings/email/speaker_move",
    )


def reminder_days() -> int:
    """How many days before a meeting its reminder goes out (a setting)."""
    return settings.LEERNETWERK_MEETING_REMINDER_DAYS


def send_meeting_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind members of meetings starting within the reminder window; each mail once.

    Members who answered "not coming" get no reminder. Safe to run any number of times."""
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


def _poll_recipients(poll: DatePoll, people) -> list:
    return [p for p in people if p.is_active and p.email]


def send_poll_opened(poll: DatePoll) -> int:
    """Tell every current member that the poll is open (a notification: their digest
    choice); each person once per poll, however often this runs. Called by the worker."""
    if poll.is_closed:
        return 0
    sent = 0
    for person in _poll_recipients(poll, members_of(poll.network)):
        sent += queue_meeting_mail(
            key=f"poll-opened:{poll.pk}",
            kind=MailKind.POLL_OPENED,
            recipient=person,
            template="meetings/email/poll_opened",
            context={"poll": poll},
        )
    return sent


def send_open_polls_to_new_member(person: User, network: Network) -> int:
    """Tell a person who just joined the network of each of its polls still taking answers
    (open, deadline not passed), under the same key as the members told when it opened, so
    nobody gets one poll twice. Returns the mails queued. Called by the worker."""
    if not (person.is_active and person.email):
        return 0
    sent = 0
    for poll in DatePoll.objects.taking_answers().filter(network=network).select_related("network"):
        sent += queue_meeting_mail(
            key=f"poll-opened:{poll.pk}",
            kind=MailKind.POLL_OPENED,
            recipient=person,
            template="meetings/email/poll_opened",
            context={"poll": poll},
        )
    return sent


POLL_DEADLINE_NOTICE = datetime.timedelta(hours=24)


def send_poll_deadline_reminders(*, now: datetime.datetime | None = None) -> int:
    """One reminder, the day before its deadline, to the members who have not answered an
    open poll. Each poll is reminded once (marked on the poll, and each mail has its key):
    safe to run any number of times. Called by beat every hour."""
    now = now or timezone.now()
    due = DatePoll.objects.open().filter(
        deadline__gt=now, deadline__lte=now + POLL_DEADLINE_NOTICE, deadline_reminded_at=None
    )
    sent = 0
    for poll_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            poll = (
                DatePoll.objects.select_for_update()
                .select_related("network")
                .filter(pk=poll_id, deadline_reminded_at=None)
                .first()
            )
            if poll is None:
                continue
            for person in _poll_recipients(poll, poll_table(poll).not_answered):
                sent += queue_meeting_mail(
                    key=f"poll-deadline:{poll.pk}",
                    kind=MailKind.POLL_DEADLINE,
                    recipient=person,
                    template="meetings/email/poll_deadline",
                    context={"poll": poll},
                )
            poll.deadline_reminded_at = now
            poll.save(update_fields=["deadline_reminded_at"])
    return sent
