"""Rules of the minutes (verslag) over plain values: who attended, how long corrections may
be suggested, from when the minutes may be published, which due dates an action may have,
when its owner is reminded.

No database here (contract `pure-modules`): the services and predicates pass in the values."""

from __future__ import annotations

import datetime

# Attendance values that count as "was there": present, and late where that is recorded.
ATTENDED = frozenset({"present", "late"})

# Attendees may suggest corrections for this long after the draft is shared.
CORRECTION_WINDOW = datetime.timedelta(days=7)

# An action is due at the earliest on the day of the meeting, at the latest a year later.
LONGEST_ACTION = datetime.timedelta(days=366)

# The owner of an open action is reminded this many days before it is due.
REMINDER_DAYS = 3


def attended(status: str | None) -> bool:
    """Whether a recorded attendance status means the person was at the meeting."""
    return status in ATTENDED


def corrections_open_until(shared_at: datetime.datetime | None) -> datetime.datetime | None:
    """The moment suggestions stop being accepted, or None while the draft is not shared."""
    return shared_at + CORRECTION_WINDOW if shared_at else None


def corrections_open(shared_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Suggestions are accepted from sharing on, for CORRECTION_WINDOW."""
    until = corrections_open_until(shared_at)
    return until is not None and shared_at <= now < until


def may_publish(shared_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Shared minutes are published once the correction week is over, not before: every
    attendee has had her week to suggest corrections."""
    until = corrections_open_until(shared_at)
    return until is not None and now >= until


def due_date_range(meeting_day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last due date an action of a meeting on `meeting_day` may have."""
    return meeting_day, meeting_day + LONGEST_ACTION


def due_date_allowed(due: datetime.date, meeting_day: datetime.date) -> bool:
    first, last = due_date_range(meeting_day)
    return first <= due <= last


def reminder_due(due: datetime.date, today: datetime.date) -> bool:
    """An open action is reminded from REMINDER_DAYS before its due date up to that date."""
    return today <= due <= today + datetime.timedelta(days=REMINDER_DAYS)
