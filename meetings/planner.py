"""The year planner: proposes a series of meeting dates from a network's rhythm.

Pure calculation over plain values (dates, times, hours); the facilitator adjusts the
proposal before it is confirmed, so the rules here only need to be sensible defaults."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# Rhythms seen in the seed networks: (first start time, lengths in hours, cycled).
PRESETS: dict[str, tuple[datetime.time, tuple[float, ...]]] = {
    "evening": (datetime.time(16, 0), (3,)),  # 16:00-19:00
    "half_day": (datetime.time(9, 0), (4,)),  # a morning
    "day": (datetime.time(9, 0), (8,)),  # an 8-hour day
    "two_days": (datetime.time(16, 0), (24,)),  # 24 hours over two days
    "day_and_two_days": (datetime.time(9, 0), (8, 24)),  # alternating 8 h and 24 h
}


@dataclass(frozen=True)
class ProposedMeeting:
    starts_at: datetime.datetime  # naive, local wall-clock time
    ends_at: datetime.datetime


# A proposal never runs past this many slots (so a year full of planned dates cannot loop).
MAX_SLOTS = 60


def _shift(day: datetime.date, days: int) -> datetime.date | None:
    """`day` + `days`, or None past the calendar's end (year 9999)."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def propose_dates(
    *,
    first_date: datetime.date,
    per_year: int,
    count: int,
    start_time: datetime.time,
    durations: tuple[float, ...] = (3,),
    weekday: int | None = None,
    planned: Iterable[datetime.date] = (),
    last_date: datetime.date | None = None,
) -> list[ProposedMeeting]:
    """Up to `count` new meetings spread evenly at `per_year` a year from `first_date`.

    Each date moves forward to `weekday` (0 = Monday) if given, else off the weekend to the
    next Monday; lengths cycle through `durations` (8 h, 24 h, 8 h, ...). A slot with an
    already `planned` meeting less than half an interval away is that meeting's: it is
    skipped and the series continues after it, so only dates not yet planned are proposed.
    No meeting is proposed that ends after `last_date` (the network's term): the series
    stops there.
    Never raises on dates near the end of the calendar: the series stops where it ends."""
    if per_year < 1 or count < 1:
        return []
    if not durations or any(d <= 0 for d in durations):
        raise ValueError("durations must be positive")
    interval_days = 365 / per_year
    half = datetime.timedelta(days=interval_days / 2)
    taken = sorted(set(planned))
    proposals: list[ProposedMeeting] = []
    last_day: datetime.date | None = None
    for index in range(MAX_SLOTS):
        if len(proposals) >= count:
            break
        day = _shift(first_date, round(index * interval_days))
        if day is not None and weekday is not None:
            day = _shift(day, (weekday - day.weekday()) % 7)
        elif day is not None and day.weekday() >= 5:
            day = _shift(day, 7 - day.weekday())
        if day is not None and last_day is not None and day <= last_day:
            day = _shift(last_day, 7)
        if day is None:
            break
        last_day = day
        if any(abs(day - other) < half for other in taken):
            continue
        hours = durations[len(proposals) % len(durations)]
        try:
            starts_at = datetime.datetime.combine(day, start_time)
            ends_at = starts_at + datetime.timedelta(hours=hours)
        except OverflowError:
            break
        if last_date is not None and ends_at.date() > last_date:
            break
        proposals.append(ProposedMeeting(starts_at, ends_at))
    return proposals


def preset_for(meeting_form: str) -> str:
    """Guess the length preset from a network's description of its rhythm (Dutch or English),
    e.g. "drie keer per jaar, 16:00-19:00" -> "evening"; "evening" when nothing matches."""
    text = (meeting_form or "").lower()
    if "8" in text and "24" in text:
        return "day_and_two_days"
    if "24" in text or "twee dagen" in text or "two days" in text:
        return "two_days"
    if "dagde" in text or "halve dag" in text or "half" in text or "4 uur" in text:
        return "half_day"
    if "8 uur" in text or "hele dag" in text or "8 hours" in text or "8-hour" in text:
        return "day"
    return "evening"
