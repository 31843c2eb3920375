"""Attendance registration: per member, everyone at once, and the notice after two
absences in a row without apology."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import attendance as attendance_calc
from ..enums import AttendanceStatus, MailKind, ResponseAnswer
from ..mail import queue_meeting_mail
from ..models import (
    Attendance,
    Meeting,
)
from ..selectors import facilitators_of
from .common import _member_ids

if TYPE_CHECKING:
    from participants.models import User


def _check_can_register(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting has no attendance."))
    if meeting.starts_at > timezone.now():
        start = formats.date_format(timezone.localtime(meeting.starts_at), "j F Y H:i")
        raise ValidationError(
            _("Attendance can be registered from the start of the meeting on (%(start)s).")
            % {"start": start}
        )


@transaction.atomic
def record_attendance(
    meeting: Meeting, *, by: User, statuses: dict[int, str], shown: dict[int, str] | None = None
) -> int:
    """Set present / late / apologised / absent for members in one go; returns how many
    were recorded. Organisers (the view checks `meetings.record_attendance`).

    Refused before the meeting starts, for a cancelled meeting, and for anyone who is not a
    member of the network (nor registered before): then nothing is changed. `shown` (from
    the form) is what the page showed per person: a recorded status the organiser left as
    shown is not touched, so a concurrent change by another organiser survives. Idempotent:
    recording the same statuses again changes nothing and mails nobody again."""
    _check_can_register(meeting)
    shown = shown or {}
    existing = {a.person_id: a for a in meeting.attendances.all()}
    allowed = _member_ids(meeting.network) | set(existing)
    if any(person_id not in allowed for person_id in statuses):
        raise ValidationError(_("Only members of the network can be registered."))
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ValidationError(_("Choose a status for every member."))
    to_create, to_update = [], []
    for person_id, status in statuses.items():
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
    _notify_repeated_absence(meeting)
    return len(statuses)


@transaction.atomic
def mark_everyone_present(meeting: Meeting, *, by: User) -> int:
    """The one click: every current member not registered yet is present, except who
    apologised in advance (answered "not coming"), who is registered so. Registrations made
    before are kept, so the exceptions follow on the attendance form. Returns how many were
    added; a second click adds none. Organisers; refused before the start."""
    _check_can_register(meeting)
    registered = set(meeting.attendances.values_list("person_id", flat=True))
    apologised = set(
        meeting.responses.filter(answer=ResponseAnswer.NOT_COMING).values_list(
            "person_id", flat=True
        )
    )
    new = [
        Attendance(
            meeting=meeting,
            person_id=person_id,
            status=AttendanceStatus.EXCUSED
            if person_id in apologised
            else AttendanceStatus.PRESENT,
        )
        for person_id in sorted(_member_ids(meeting.network) - registered)
    ]
    Attendance.objects.bulk_create(new)
    return len(new)


def _notify_repeated_absence(meeting: Meeting) -> int:
    """Tell the facilitators (a notification: their digest choice) about each member absent
    without notice at this meeting and at the registered meeting before it; once per member
    and meeting, however often the attendance is saved."""
    absent = list(
        meeting.attendances.filter(status=AttendanceStatus.ABSENT).select_related("person")
    )
    if not absent:
        return 0
    history: dict[int, list[str]] = {}
    rows = (
        Attendance.objects.filter(
            meeting__network_id=meeting.network_id,
            meeting__starts_at__lte=meeting.starts_at,
            person_id__in=[a.person_id for a in absent],
        )
        .order_by("meeting__starts_at", "meeting_id")
        .values_list("person_id", "status")
    )
    for person_id, status in rows:
        history.setdefault(person_id, []).append(status)
    facilitators = facilitators_of(meeting.network)
    sent = 0
    for record in absent:
        if not attendance_calc.absent_twice_in_a_row(history.get(record.person_id, [])):
            continue
        for facilitator in facilitators:
            sent += queue_meeting_mail(
                key=f"absence:{meeting.pk}:{record.person_id}",
                kind=MailKind.ABSENCE_NOTICE,
                recipient=facilitator,
                template="meetings/email/absence_notice",
                context={"meeting": meeting, "person": record.person},
            )
    return sent
