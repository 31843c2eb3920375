"""Writes for meetings, polls, buddy groups, the contact log, feeds and mail.

Views check permission (meetings/rules.py) before calling; services keep the data rules
(times, membership, sizes) and raise ValidationError with Dutch messages per field."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.models import Network

from . import buddies
from .enums import MailKind, MeetingStatus, PollAnswerChoice, ResponseAnswer
from .models import (
    Attendance,
    BuddyGroup,
    CalendarFeedToken,
    Case,
    ContactMoment,
    DatePoll,
    GuestSpeaker,
    Meeting,
    PollAnswer,
    PollOption,
    Response,
)
from .validation import check_meeting_times

MEETING_FIELDS = (
    "title",
    "theme",
    "starts_at",
    "ends_at",
    "location",
    "address",
    "form",
    "agenda",
    "academy_invited",
)


def _member_ids(network: Network) -> set[int]:
    return set(network.memberships.current().values_list("person_id", flat=True))


def _check_members(network: Network, people: Iterable, field: str) -> None:
    allowed = _member_ids(network)
    outsiders = [p for p in people if p.pk not in allowed]
    if outsiders:
        raise ValidationError(
            {field: _("%(name)s is not a member of this network.") % {"name": outsiders[0]}}
        )


def _dispatch_mail(meeting: Meeting, kind: str) -> None:
    from .tasks import task_send_meeting_mail

    enqueue(task_send_meeting_mail, meeting_id=meeting.pk, kind=kind)


@transaction.atomic
def schedule_meeting(
    network: Network, *, by, data: dict, preparation_group: Iterable = (), notify: bool = True
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


@transaction.atomic
def plan_meetings(network: Network, *, by, proposals: list[dict]) -> list[Meeting]:
    """Create the confirmed series from the year planner, all or nothing."""
    return [schedule_meeting(network, by=by, data=data) for data in proposals]


@transaction.atomic
def update_meeting(
    meeting: Meeting, *, by, data: dict, preparation_group: Iterable | None = None
) -> Meeting:
    """Change a meeting: the calendar UID stays, SEQUENCE rises, members get a notice.

    A meeting that already started may keep its past start (is_new=False)."""
    check_meeting_times(data.get("starts_at"), data.get("ends_at"), is_new=False)
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
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by) -> Meeting:
    """Cancel: kept in calendars as STATUS:CANCELLED (SEQUENCE rises); members get a notice."""
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    _dispatch_mail(meeting, MailKind.CANCELLATION)
    return meeting


@transaction.atomic
def add_guest_speaker(meeting: Meeting, *, by, data: dict) -> GuestSpeaker:
    """Add a guest speaker; an empty briefing is filled from selectors.briefing_text."""
    from .selectors import briefing_text

    briefing = data.get("briefing") or briefing_text(meeting, by)
    return GuestSpeaker.objects.create(
        meeting=meeting,
        name=data["name"],
        organisation=data.get("organisation", ""),
        topic=data.get("topic", ""),
        briefing=briefing,
    )


@transaction.atomic
def remove_guest_speaker(speaker: GuestSpeaker, *, by) -> None:
    speaker.delete()


@transaction.atomic
def respond_to_meeting(meeting: Meeting, *, person, answer: str, apology: str = "") -> Response:
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
def add_case(meeting: Meeting, *, author, title: str, description: str = "") -> Case:
    """A member brings in a case for a meeting of their network."""
    _check_members(meeting.network, [author], "title")
    return Case.objects.create(meeting=meeting, author=author, title=title, description=description)


@transaction.atomic
def record_next_theme(meeting: Meeting, *, by, theme: str) -> Meeting:
    """Record the group's choice of theme for the next meeting (offered when planning it)."""
    meeting.next_theme = theme.strip()
    meeting.save(update_fields=["next_theme", "updated_at"])
    return meeting


@transaction.atomic
def record_attendance(
    meeting: Meeting, *, by, statuses: dict[int, str], shown: dict[int, str] | None = None
) -> int:
    """Set present/absent/excused for members in one go; returns how many were recorded.

    `shown` (from the form) is what the page showed per person: a recorded status the
    organiser left as shown is not touched, so a concurrent change by another organiser
    survives. Idempotent: recording the same statuses again changes nothing."""
    shown = shown or {}
    allowed = _member_ids(meeting.network) | set(
        meeting.attendances.values_list("person_id", flat=True)
    )
    existing = {a.person_id: a for a in meeting.attendances.all()}
    to_create, to_update = [], []
    for person_id, status in statuses.items():
        if person_id not in allowed:
            raise ValidationError(_("Only members of the network can be registered."))
        if person_id in existing:
            if shown.get(person_id) == status:
                continue  # left as shown: keep what is recorded now
            if existing[person_id].status != status:
                existing[person_id].status = status
                to_update.append(existing[person_id])
        else:
            to_create.append(Attendance(meeting=meeting, person_id=person_id, status=status))
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["status"])
    return len(statuses)


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
def choose_poll_option(poll: DatePoll, option: PollOption, *, by) -> Meeting:
    """Turn the chosen date into a meeting (members invited) and close the poll."""
    if poll.is_closed:
        raise ValidationError(_("This poll is closed."))
    from .selectors import suggested_theme

    meeting = schedule_meeting(
        poll.network,
        by=by,
        data={
            "title": poll.title,
            "theme": suggested_theme(poll.network),
            "starts_at": option.starts_at,
            "ends_at": option.ends_at,
        },
    )
    poll.meeting = meeting
    poll.save(update_fields=["meeting"])
    return meeting


def remind_poll_non_respondents(poll: DatePoll, *, by) -> int:
    """Queue a reminder to members who did not answer; each gets one per day at most."""
    from .selectors import poll_table
    from .tasks import task_send_poll_reminder

    missing = poll_table(poll).not_answered
    if missing:
        enqueue(task_send_poll_reminder, poll_id=poll.pk)
    return len(missing)


@transaction.atomic
def form_buddy_group(network: Network, *, by, name: str, members: Iterable) -> BuddyGroup:
    """A buddy group of two to five current members of the network."""
    people = list(members)
    if not buddies.size_is_valid([p.pk for p in people]):
        raise ValidationError({"members": _("A buddy group has two to five members.")})
    _check_members(network, people, "members")
    group = BuddyGroup.objects.create(network=network, name=name)
    group.members.set(people)
    return group


@transaction.atomic
def dissolve_buddy_group(group: BuddyGroup, *, by) -> None:
    group.delete()


@transaction.atomic
def record_contact_moment(
    network: Network, *, by, date: datetime.date, participants: Iterable, note: str = ""
) -> ContactMoment:
    """Log contact between meetings: feeds `contact_between_meetings` and phase reports."""
    people = list(participants)
    if not people:
        raise ValidationError({"participants": _("Choose who was in contact.")})
    _check_members(network, people, "participants")
    if date > timezone.localdate():
        raise ValidationError({"date": _("A contact moment cannot be in the future.")})
    moment = ContactMoment.objects.create(network=network, date=date, note=note, recorded_by=by)
    moment.participants.set(people)
    return moment


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def calendar_feed_token_for(person) -> CalendarFeedToken:
    """The person's feed token, created on first use."""
    token, _created = CalendarFeedToken.objects.get_or_create(
        person=person, defaults={"token": _new_token()}
    )
    return token


@transaction.atomic
def reset_calendar_feed_token(person) -> CalendarFeedToken:
    """A new secret: the old feed URL stops working at once."""
    token = calendar_feed_token_for(person)
    token.token = _new_token()
    token.save(update_fields=["token", "created_at"])
    return token


# --- mail -----------------------------------------------------------------------------------


def _recipients(meeting: Meeting):
    from .selectors import members_of

    return [p for p in members_of(meeting.network) if p.is_active and p.email]


def _mail_key(meeting: Meeting, kind: str) -> str:
    if kind == MailKind.CHANGE:
        return f"change:{meeting.pk}:{meeting.sequence}"
    if kind == MailKind.REMINDER:
        return f"reminder:{meeting.pk}:{meeting.starts_at:%Y%m%d%H%M}"
    return f"{kind}:{meeting.pk}"


def _meeting_ics(meeting: Meeting) -> bytes:
    from .calendar import build_calendar
    from .selectors import calendar_events

    return build_calendar(calendar_events([meeting]), name=meeting.title)


def send_meeting_mail(meeting: Meeting, kind: str) -> int:
    """Mail every current member about the meeting; returns how many mails went out now.

    Each (kind, meeting[, sequence]) goes to each person once, however often this runs."""
    from .mail import send_once

    if kind == MailKind.CHANGE and meeting.status == MeetingStatus.CANCELLED:
        return 0
    ics = _meeting_ics(meeting)
    sent = 0
    for person in _recipients(meeting):
        sent += send_once(
            key=_mail_key(meeting, kind),
            kind=kind,
            recipient=person,
            meeting=meeting,
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
    import logging

    from .mail import send_once

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
            try:
                sent += send_once(
                    key=_mail_key(meeting, MailKind.REMINDER),
                    kind=MailKind.REMINDER,
                    recipient=person,
                    meeting=meeting,
                    template="meetings/email/reminder",
                    context={"meeting": meeting},
                )
            except Exception:  # one bad address must not stop the others; retried next run
                logging.getLogger(__name__).exception("reminder to %s failed", person.pk)
    return sent


def send_poll_reminder(poll: DatePoll, *, today: datetime.date | None = None) -> int:
    """Remind members who have not answered the poll; at most one mail a day each."""
    from .mail import send_once
    from .selectors import poll_table

    if poll.is_closed:
        return 0
    today = today or timezone.localdate()
    sent = 0
    for person in poll_table(poll).not_answered:
        sent += send_once(
            key=f"poll:{poll.pk}:{today:%Y%m%d}",
            kind=MailKind.POLL_REMINDER,
            recipient=person,
            template="meetings/email/poll_reminder",
            context={"poll": poll},
        )
    return sent
