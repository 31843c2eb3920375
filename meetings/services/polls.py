"""Date polls: create, answer, choose a date, remind."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.models import Network

from ..enums import MailKind, PollAnswerChoice
from ..mail import queue_meeting_mail
from ..models import (
    DatePoll,
    Meeting,
    PollAnswer,
    PollOption,
)
from ..selectors import facilitators_of, poll_table, suggested_theme
from ..tasks import task_send_poll_opened, task_send_poll_reminder
from ..validation import check_meeting_times, poll_deadline_error
from .common import _check_members
from .meetings import schedule_meeting

if TYPE_CHECKING:
    from participants.models import User


@transaction.atomic
def create_date_poll(
    network: Network,
    *,
    by: User,
    title: str,
    options: list[tuple[datetime.datetime, datetime.datetime]],
    deadline: datetime.datetime | None = None,
) -> DatePoll:
    """A date poll with candidate dates (at least one, each a valid future meeting time) and
    an optional deadline (in the future, before the first date). Nothing is saved when any
    of it is wrong. The members are told it is open (a notification: their digest choice).
    Organisers only (the view checks `meetings.add_datepoll`)."""
    if not options:
        raise ValidationError({"option_1_date": _("Propose at least one date.")})
    for index, (starts_at, ends_at) in enumerate(options, start=1):
        try:
            check_meeting_times(starts_at, ends_at, is_new=True)
        except ValidationError as error:
            raise ValidationError(
                {f"option_{index}_date": [m for msgs in error.message_dict.values() for m in msgs]}
            ) from error
    message = poll_deadline_error(deadline, min(start for start, _end in options))
    if message:
        raise ValidationError({"deadline": message})
    poll = DatePoll.objects.create(network=network, title=title, created_by=by, deadline=deadline)
    PollOption.objects.bulk_create(
        PollOption(poll=poll, starts_at=s, ends_at=e) for s, e in options
    )

    enqueue(task_send_poll_opened, poll_id=poll.pk)
    return poll


@transaction.atomic
def answer_date_poll(poll: DatePoll, *, person: User, answers: dict[int, str]) -> None:
    """Record a member's yes / if need be / no per candidate date (replacing earlier ones).

    Refused once a date is chosen or the deadline has passed. When this answer makes the
    poll complete (every current member answered), the facilitators are told, once."""
    if poll.is_closed:
        raise ValidationError(_("This poll is closed."))
    if poll.deadline_passed:
        raise ValidationError(_("The deadline of this poll has passed."))
    _check_members(poll.network, [person], "__all__")
    option_ids = set(poll.options.values_list("pk", flat=True))
    for option_id, answer in answers.items():
        if option_id not in option_ids or answer not in PollAnswerChoice.values:
            raise ValidationError(_("Choose an answer."))
        PollAnswer.objects.update_or_create(
            option_id=option_id, person=person, defaults={"answer": answer}
        )
    notify_poll_complete(poll)


def notify_poll_complete(poll: DatePoll) -> int:
    """Tell the facilitators, once, that every current member answered; returns the mails
    queued (0 when not complete or told before). Safe to run any number of times."""
    locked = DatePoll.objects.select_for_update().get(pk=poll.pk)
    if locked.complete_notified_at is not None or locked.is_closed:
        return 0
    table = poll_table(locked)
    if table.not_answered or not table.rows:
        return 0
    locked.complete_notified_at = timezone.now()
    locked.save(update_fields=["complete_notified_at"])
    poll.complete_notified_at = locked.complete_notified_at
    sent = 0
    for facilitator in facilitators_of(poll.network):
        sent += queue_meeting_mail(
            key=f"poll-complete:{poll.pk}",
            kind=MailKind.POLL_COMPLETE,
            recipient=facilitator,
            template="meetings/email/poll_complete",
            context={"poll": locked, "table": table},
        )
    return sent


@transaction.atomic
def choose_poll_option(
    poll: DatePoll,
    option: PollOption,
    *,
    by: User,
    data: dict | None = None,
    preparation_group: Iterable = (),
) -> Meeting:
    """Schedule the meeting on the chosen date with its details and close the poll.

    The members get one invitation (the details come with it, so no change notice follows).
    Refused when the poll is closed already (a second click schedules nothing). Organisers."""
    DatePoll.objects.select_for_update().filter(pk=poll.pk).first()
    poll.refresh_from_db(fields=["meeting"])
    if poll.is_closed:
        raise ValidationError(_("This poll is closed."))

    details = {"title": poll.title, "theme": suggested_theme(poll.network), **(data or {})}
    details.update(starts_at=details.get("starts_at") or option.starts_at)
    details.update(ends_at=details.get("ends_at") or option.ends_at)
    meeting = schedule_meeting(
        poll.network, by=by, data=details, preparation_group=preparation_group
    )
    poll.meeting = meeting
    poll.save(update_fields=["meeting"])
    return meeting


def remind_poll_non_respondents(poll: DatePoll, *, by: User) -> int:
    """Queue a reminder to members who did not answer; each gets one per day at most."""
    missing = poll_table(poll).not_answered
    if missing:
        enqueue(task_send_poll_reminder, poll_id=poll.pk)
    return len(missing)
