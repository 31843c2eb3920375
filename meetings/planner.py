"""The year planner: proposes a series of meeting dates from a network's rhythm.

Pure calculation over plain values (dates, times, hours); the facilitator adjusts the
proposal before it is confirmed, so the rules here only need to be sensible defaults."""

from __future__ import annotations

import datetime
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


def _next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def propose_dates(
    *,
    first_date: datetime.date,
    per_year: int,
    count: int,
    start_time: datetime.time,
    durations: tuple[float, ...] = (3,),
    weekday: int | None = None,
) -> list[ProposedMeeting]:
    """`count` meetings spread evenly at `per_year` a year from `first_date`.

    Each date moves forward to `weekday` (0 = Monday) if given, else off the weekend to the
    next Monday; lengths cycle through `durations` (8 h, 24 h, 8 h, ...)."""
    if per_year < 1 or count < 1:
        return []
    if not durations or any(d <= 0 for d in durations):
        raise ValueError("durations must be positive")
    interval_days = 365 / per_year
    proposals: list[ProposedMeeting] = []
    for index in range(count):
        day = first_date + datetime.timedelta(days=round(index * interval_days))
        if weekday is not None:
            day = _next_weekday(day, weekday)
        elif day.weekday() >= 5:
            day = _next_weekday(day, 0)
        if proposals and day <= proposals[-1].starts_at.date():
            day = proposals[-1].starts_at.date() + datetime.timedelta(days=7)
        starts_at = datetime.datetime.combine(day, start_time)
        hours = durations[index % len(durations)]
        proposals.append(ProposedMeeting(starts_at, starts_at + datetime.timedelta(hours=hours)))
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
