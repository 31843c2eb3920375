"""The idempotency set-ups of the meetings tasks (meeting mail and reminders, date polls,
action reminders, publishing minutes) and the mails tasks (sending, retrying, digests).

Each set-up makes the rows its task needs and returns (the task's kwargs, whether the first run
sends mail); tests/reliability/test_task_idempotency.py runs each task twice."""

from __future__ import annotations

import datetime

from django.utils import timezone

from meetings.enums import MailKind
from tests.factories import (
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)
from tests.factories.meetings import DatePollFactory, GuestSpeakerFactory, PollOptionFactory


def setup_send_meeting_mail():
    meeting = MeetingFactory()
    for _ in range(3):
        make_member(meeting.network)
    return {"meeting_id": meeting.pk, "kind": MailKind.INVITATION}, True


def setup_tell_speakers_of_move():
    meeting = MeetingFactory(sequence=2)
    for email in ("anne@uu.test", "bart@ou.test"):
        GuestSpeakerFactory(
            meeting=meeting, email=email, invited_at=timezone.now(), token=f"antwoord-{email}"
        )
    return {"meeting_id": meeting.pk, "sequence": 2}, True


def setup_send_meeting_reminders():
    meeting = MeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=3),
    )
    for _ in range(3):
        make_member(meeting.network)
    return {}, True


def setup_send_poll_reminder():
    poll = DatePollFactory()
    PollOptionFactory(poll=poll)
    for _ in range(3):
        make_member(poll.network)
    return {"poll_id": poll.pk}, True


def setup_send_poll_opened():
    poll = DatePollFactory()
    PollOptionFactory(poll=poll)
    for _ in range(3):
        make_member(poll.network)
    return {"poll_id": poll.pk}, True


def setup_send_open_polls_to_new_member():
    poll = DatePollFactory()
    PollOptionFactory(poll=poll)
    newcomer = make_member(poll.network)
    return {"person_id": newcomer.pk, "network_id": poll.network_id}, True


def setup_send_poll_deadline_reminders():
    poll = DatePollFactory(deadline=timezone.now() + datetime.timedelta(hours=12))
    PollOptionFactory(poll=poll)
    for _ in range(3):
        make_member(poll.network)
    return {}, True


def _queued_mail(key: str, *, notification: bool = False, person=None):
    from mails.services import queue_mail  # the mails app is not imported above: keep it local

    person = person or make_staff()
    return queue_mail(
        key=key,
        to=person.email,
        recipient=person,
        kind="change",
        subject="Gewijzigd",
        body="De bijeenkomst is gewijzigd.",
        notification=notification,
    )


def setup_send_mail():
    return {"mail_id": _queued_mail("idempotency:send").pk}, True


def setup_retry_pending():
    from mails.models import Mail  # the mails app is not imported above: keep it local

    mail_row = _queued_mail("idempotency:retry")
    Mail.objects.filter(pk=mail_row.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return {}, True


def setup_send_due_digests():
    from mails.enums import Frequency  # the mails app is not imported above: keep it local
    from mails.services import set_frequency

    person = make_staff()
    set_frequency(person, Frequency.DAILY)
    for n in range(3):
        _queued_mail(f"idempotency:digest:{n}", notification=True, person=person)
    return {}, True


def setup_send_action_reminders():
    from meetings.enums import MinutesStatus
    from meetings.models import ActionItem, Minutes

    network = NetworkFactory()
    facilitator = make_facilitator(network)
    owner = make_member(network)
    meeting = MeetingFactory(
        network=network,
        starts_at=timezone.now() - datetime.timedelta(days=7),
        ends_at=timezone.now() - datetime.timedelta(days=7, hours=-3),
    )
    minutes = Minutes.objects.create(
        meeting=meeting,
        summary="Kennismaking.",
        written_by=facilitator,
        status=MinutesStatus.PUBLISHED,
        shared_at=timezone.now() - datetime.timedelta(days=6),
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    ActionItem.objects.create(
        minutes=minutes,
        description="Agenda rondsturen",
        owner=owner,
        due_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    return {}, True


def setup_publish_due_minutes():
    from meetings.enums import MinutesStatus
    from meetings.models import Minutes

    network = NetworkFactory()
    facilitator = make_facilitator(network)
    make_member(network)
    meeting = MeetingFactory(
        network=network,
        starts_at=timezone.now() - datetime.timedelta(days=10),
        ends_at=timezone.now() - datetime.timedelta(days=10, hours=-3),
    )
    Minutes.objects.create(
        meeting=meeting,
        summary="Kennismaking.",
        written_by=facilitator,
        status=MinutesStatus.SHARED,
        shared_at=timezone.now() - datetime.timedelta(days=8),  # the correction week is over
    )
    return {}, True
