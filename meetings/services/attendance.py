"""Attendance registration."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Attendance,
    Meeting,
)
from .common import _member_ids


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
