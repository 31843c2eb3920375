"""Meetings: schedule, plan a series, change, cancel, answer, cases, speakers, next theme."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.concurrency import claim_version
from mails.services import queue_rendered
from networks.models import Network

from ..enums import MailKind, MeetingStatus, ResponseAnswer, SpeakerAnswer
from ..mail import queue_meeting_mail
from ..models import (
    Case,
    GuestSpeaker,
    Meeting,
    Response,
)
from ..selectors import facilitators_of, planned_days, speaker_briefing
from ..validation import check_meeting_times
from .common import MEETING_FIELDS, _check_members, _dispatch_mail, _dispatch_speaker_move

if TYPE_CHECKING:
    from participants.models import User

# What a guest speaker is told of when it changes: when and where she is expected.
_WHEN_WHERE = ("starts_at", "ends_at", "location", "address")


@transaction.atomic
def schedule_meeting(
    network: Network, *, by: User, data: dict, preparation_group: Iterable = (), notify: bool = True
) -> Meeting:
    """Create a meeting of `network` and invite its members by mail (once, after commit).

    Keeps true: the end is after the start, at most 48 hours later, the start is not in the
    past, and the preparation group holds members of the network only. Organisers call it."""
    check_meeting_times(data.get("starts_at"), data.get("ends_at"), is_new=True)
    group = list(preparation_group)
    _check_members(network, group, "preparation_group")
    meeting = Meeting.objects.create(
        network=network, **{k: v for k, v in data.items() if k in MEETING_FIELDS}
    )
    meeting.preparation_group.set(group)
    if notify:
        _dispatch_mail(meeting, MailKind.INVITATION)
    return meeting


@dataclass(frozen=True)
class PlanResult:
    created: list[Meeting]
    already_planned: list[dict]  # confirmed rows skipped: the network meets that day already


@transaction.atomic
def plan_meetings(network: Network, *, by: User, proposals: list[dict]) -> PlanResult:
    """Create the confirmed series from the year planner; members get one invitation each.

    Keeps true: a network has at most one (not cancelled) meeting per day from the planner;
    a row whose day is already taken is skipped, so confirming the same series twice (or
    twice at the same moment: the network row is locked) creates and mails nothing new.
    Organisers call it. Safe to run twice."""
    Network.objects.select_for_update().filter(pk=network.pk).first()

    taken = planned_days(network)
    created, skipped = [], []
    for data in proposals:
        day = timezone.localtime(data["starts_at"]).date()
        if day in taken:
            skipped.append(data)
            continue
        created.append(schedule_meeting(network, by=by, data=data))
        taken.add(day)
    return PlanResult(created, skipped)


@transaction.atomic
def update_meeting(
    meeting: Meeting,
    *,
    by: User,
    data: dict,
    preparation_group: Iterable | None = None,
    loaded_version: int | None = None,
) -> Meeting:
    """Change a meeting: the calendar UID stays, SEQUENCE rises, members get a notice, and
    when its time or place changed, so do the guest speakers invited to it.

    A meeting that already started may keep its past start (is_new=False). `loaded_version`
    is the version the editor's copy had: StaleEdit, nothing saved, if someone saved since
    (leernetwerk/concurrency.py)."""
    claim_version(meeting, loaded_version)
    check_meeting_times(data.get("starts_at"), data.get("ends_at"), is_new=False)
    # Against the stored row: a model form has already put the new values on `meeting`.
    stored = Meeting.objects.filter(pk=meeting.pk).values(*_WHEN_WHERE).get()
    moved = any(field in data and data[field] != stored[field] for field in _WHEN_WHERE)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    if preparation_group is not None:
        group = list(preparation_group)
        _check_members(meeting.network, group, "preparation_group")
        meeting.preparation_group.set(group)
    meeting.sequence += 1
    meeting.save()
    if meeting.ends_at >= timezone.now() and meeting.status == MeetingStatus.SCHEDULED:
        _dispatch_mail(meeting, MailKind.CHANGE)
        if moved:
            _dispatch_speaker_move(meeting)
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by: User) -> Meeting:
    """Cancel: kept in calendars as STATUS:CANCELLED (SEQUENCE rises); members get a notice."""
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    _dispatch_mail(meeting, MailKind.CANCELLATION)
    return meeting


@transaction.atomic
def add_guest_speaker(meeting: Meeting, *, by: User, data: dict) -> GuestSpeaker:
    """Add a guest speaker (name, e-mail, organisation, topic). No briefing is stored: it is
    built when shown or sent. Organisers call it."""
    return GuestSpeaker.objects.create(
        meeting=meeting,
        name=data["name"],
        email=data.get("email", ""),
        organisation=data.get("organisation", ""),
        topic=data.get("topic", ""),
    )


@transaction.atomic
def invite_guest_speaker(speaker: GuestSpeaker, *, by: User) -> bool:
    """Mail the speaker the briefing as an invitation with an answer link; True if a mail
    was queued now. The briefing holds only what members share with the network at this
    moment. Once per address: sending again to the same address queues nothing. Organisers
    of the speaker's network call it; safe to run twice."""
    meeting = speaker.meeting
    if not speaker.email:
        raise ValidationError({"email": _("Enter the guest speaker's e-mail address first.")})
    if meeting.status != MeetingStatus.SCHEDULED or meeting.ends_at < timezone.now():
        raise ValidationError(_("This meeting is over or cancelled."))
    if not speaker.token:
        speaker.token = secrets.token_urlsafe(32)
    speaker.invited_at = timezone.now()
    speaker.save(update_fields=["token", "invited_at"])
    mail = queue_rendered(
        key=f"speaker:{speaker.pk}:{speaker.email.lower()}",
        to=speaker.email,
        kind=MailKind.SPEAKER_INVITATION,
        template="meetings/email/speaker_invitation",
        context={"speaker": speaker, "meeting": meeting, "briefing": speaker_briefing(meeting)},
    )
    return mail is not None


@transaction.atomic
def answer_speaker_invitation(speaker: GuestSpeaker, *, answer: str) -> GuestSpeaker:
    """The speaker accepts or declines from the mail link (no account); may change it until
    the meeting ends, not for a cancelled one. Writes only this speaker's answer. Each new answer is mailed to the
    network's facilitators (who answered what for which meeting; a notification, so their
    digest choice applies). Safe to run twice: the same answer again changes and mails
    nothing."""
    if answer not in (SpeakerAnswer.ACCEPTED, SpeakerAnswer.DECLINED):
        raise ValidationError({"answer": _("Choose an answer.")})
    speaker = (
        GuestSpeaker.objects.select_for_update()
        .select_related("meeting__network")
        .get(pk=speaker.pk)
    )
    meeting = speaker.meeting
    if meeting.ends_at < timezone.now():
        raise ValidationError({"answer": _("The meeting is over; you can no longer answer.")})
    if meeting.is_cancelled:
        raise ValidationError({"answer": _("This meeting has been cancelled.")})
    if speaker.answer == answer:
        return speaker
    speaker.answer = answer
    speaker.answered_at = timezone.now()
    speaker.save(update_fields=["answer", "answered_at"])
    for facilitator in facilitators_of(meeting.network):
        queue_meeting_mail(
            key=f"speaker-answer:{speaker.pk}:{speaker.answered_at:%Y%m%d%H%M%S%f}",
            kind=MailKind.SPEAKER_ANSWER,
            recipient=facilitator,
            template="meetings/email/speaker_answer",
            context={"speaker": speaker, "meeting": meeting},
        )
    return speaker


@transaction.atomic
def remove_guest_speaker(speaker: GuestSpeaker, *, by: User) -> None:
    """Remove a guest speaker (their answer link stops working). Organisers call it."""
    speaker.delete()


@transaction.atomic
def respond_to_meeting(
    meeting: Meeting, *, person: User, answer: str, apology: str = ""
) -> Response:
    """Record or change a member's answer; refused once the meeting is over or cancelled."""
    if meeting.ends_at < timezone.now():
        raise ValidationError({"answer": _("The meeting is over; you can no longer answer.")})
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError({"answer": _("This meeting has been cancelled.")})
    _check_members(meeting.network, [person], "answer")
    if answer not in ResponseAnswer.values:
        raise ValidationError({"answer": _("Choose an answer.")})
    response, _created = Response.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "answer": answer,
            "apology": apology if answer == ResponseAnswer.NOT_COMING else "",
        },
    )
    return response


@transaction.atomic
def add_case(meeting: Meeting, *, author: User, title: str, description: str = "") -> Case:
    """A member brings in a case for a meeting of their network."""
    _check_members(meeting.network, [author], "title")
    return Case.objects.create(meeting=meeting, author=author, title=title, description=description)


@transaction.atomic
def record_next_theme(meeting: Meeting, *, by: User, theme: str) -> Meeting:
    """Record the group's choice of theme for the next meeting (offered when planning it)."""
    meeting.next_theme = theme.strip()
    meeting.save(update_fields=["next_theme", "updated_at"])
    return meeting
