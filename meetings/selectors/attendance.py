"""Attendance: the registration sheet of a meeting and the rates per member."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from networks.models import Network

from .. import attendance as attendance_calc
from ..models import (
    Attendance,
    Meeting,
)
from .meetings import members_of

if TYPE_CHECKING:
    from participants.models import User


@dataclass(frozen=True)
class AttendanceRow:
    person: User
    status: str


def attendance_sheet(meeting: Meeting) -> list[AttendanceRow]:
    """Every current member with the recorded status.

    From the start of the meeting on, who answered "not coming" defaults to excused, the rest
    to present; before it nothing is filled in ('')."""
    recorded = {a.person_id: a.status for a in meeting.attendances.all()}
    answers = {r.person_id: r.answer for r in meeting.responses.all()}
    rows = []
    started = meeting.starts_at <= timezone.now()
    for person in members_of(meeting.network):
        default = "excused" if answers.get(person.pk) == "not_coming" else "present"
        default = default if started else ""
        rows.append(AttendanceRow(person, recorded.get(person.pk, default)))
    for person in (
        get_user_model()
        .objects.filter(pk__in=set(recorded) - {row.person.pk for row in rows})
        .order_by("last_name")
    ):
        rows.append(AttendanceRow(person, recorded[person.pk]))  # former members keep theirs
    return rows


@dataclass(frozen=True)
class RateRow:
    person: User
    rate: attendance_calc.Rate


def attendance_rates(network: Network) -> tuple[list[RateRow], attendance_calc.Rate, int]:
    """Per member and for the network: rows, the overall rate and meetings registered."""
    records = list(
        Attendance.objects.filter(meeting__network=network).values_list(
            "person_id", "status", "meeting_id"
        )
    )
    pairs = [(person, status) for person, status, _meeting in records]
    members = list(members_of(network))
    per_person = attendance_calc.rates_per_person(pairs, [m.pk for m in members])
    rows = [RateRow(m, per_person[m.pk]) for m in members]
    return rows, attendance_calc.overall_rate(pairs), len({r[2] for r in records})


def attendance_registrations(network: Network) -> list[Attendance]:
    """Every registration of the network's meetings, oldest meeting first, for the export.
    One query."""
    return list(
        Attendance.objects.filter(meeting__network=network)
        .select_related("meeting", "person")
        .order_by("meeting__starts_at", "meeting_id", "person__last_name", "person__first_name")
    )
