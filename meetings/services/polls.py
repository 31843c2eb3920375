"""Date polls: create, answer, choose a date, remind."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.models import Network

from ..enums import PollAnswerChoice
from ..models import (
    DatePoll,
    Meeting,
    PollAnswer,
    PollOption,
)
from ..validation import check_meeting_times
from .common import _check_members
from .meetings import schedule_meeting


@transaction.atomic
def create_date_poll(
    network: Network, *, by, title: str, options: list[tuple[datetime.datetime, datetime.datetime]]
) -> DatePoll:
    """A date poll with candidate dates (at least one, each a valid future meeting time)."""
    if not options:
        raise ValidationError({"option_1_date": _("Propose at least one date.")})
    for index, (starts_at, ends_at) in enumerate(options, start=1):
        try:
            check_meeting_times(starts_at, ends_at, is_new=True)
        except ValidationError as error:
            raise ValidationError(
                {f"option_{index}_date": [m for msgs in error.message_dict.values() for m in msgs]}
            ) from error
    poll = DatePoll.objects.create(network=network, title=title, created_by=by)
    PollOption.objects.bulk_create(
        PollOption(poll=poll, starts_at=s, ends_at=e) for s, e in options
    )
    return poll


@transaction.atomic
def answer_date_poll(poll: DatePoll, *, person, answers: dict[int, str]) -> None:
    """Record a member's yes / if need be / no per candidate date (replacing earlier ones)."""
    if poll.is_closed:
        raise ValidationError(_("This poll is closed."))
    _check_members(poll.network, [person], "__all__")
    option_ids = set(poll.options.values_list("pk", flat=True))
    for option_id, answer in answers.items():
        if option_id not in option_ids or answer not in PollAnswerChoice.values:
            raise ValidationError(_("Choose an answer."))
        PollAnswer.objects.update_or_create(
            option_id=option_id, person=person, defaults={"answer": answer}
        )


@transaction.atomic
def choose_poll_option(
    poll: DatePoll,
    option: PollOption,
    *,
    by,
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
    from ..selectors import suggested_theme

    details = {"title": poll.title, "theme": suggested_theme(poll.network), **(data or {})}
    details.update(starts_at=details.get("starts_at") or option.starts_at)
    details.update(ends_at=details.get("ends_at") or option.ends_at)
    meeting = schedule_meeting(
        poll.network, by=by, data=details, preparation_group=preparation_group
    )
    poll.meeting = meeting
    poll.save(update_fields=["meeting"])
    return meeting


def remind_poll_non_respondents(poll: DatePoll, *, by) -> int:
    """Queue a reminder to members who did not answer; each gets one per day at most."""
    from ..selectors import poll_table
    from ..tasks import task_send_poll_reminder

    missing = poll_table(poll).not_answered
    if missing:
        enqueue(task_send_poll_reminder, poll_id=poll.pk)
    return len(missing)
