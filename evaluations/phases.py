"""The phase a network is in (zaaien, cultiveren, oogsten): plain Python, no database.

Product rule (docs/domain.md): sow until the central question, at least six fixed participants, a
facilitator and a first held meeting exist; harvest in the last quarter of the planned term or
once outcomes are being recorded; cultivate in between."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from networks.enums import Phase

MIN_FIXED_PARTICIPANTS = 6


@dataclass(frozen=True)
class PhaseFacts:
    today: datetime.date
    has_central_question: bool = False
    fixed_participants: int = 0
    has_facilitator: bool = False
    first_meeting_held: bool = False
    outcomes_recorded: bool = False
    start_date: datetime.date | None = None
    planned_end_date: datetime.date | None = None


def sow_conditions(facts: PhaseFacts) -> dict[str, bool]:
    """The conditions that end the sowing phase, each met or not."""
    return {
        "central_question": facts.has_central_question,
        "six_fixed_participants": facts.fixed_participants >= MIN_FIXED_PARTICIPANTS,
        "facilitator": facts.has_facilitator,
        "first_meeting_held": facts.first_meeting_held,
    }


def last_quarter_start(
    start: datetime.date | None, end: datetime.date | None
) -> datetime.date | None:
    """First day of the last quarter of the planned term (None without a usable term)."""
    if not start or not end or end <= start:
        return None
    return end - datetime.timedelta(days=(end - start).days // 4)


def in_last_quarter(facts: PhaseFacts) -> bool:
    boundary = last_quarter_start(facts.start_date, facts.planned_end_date)
    return boundary is not None and facts.today >= boundary


def propose_phase(facts: PhaseFacts) -> str:
    if not all(sow_conditions(facts).values()):
        return Phase.SOW
    if facts.outcomes_recorded or in_last_quarter(facts):
        return Phase.HARVEST
    return Phase.CULTIVATE
