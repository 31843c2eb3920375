"""Attendance rates per member and per network. Pure: (person, status) rows.

Rates count apologies apart: an apology in advance (from the member's RSVP) is neither
attendance nor an absence without notice. The attendance rate is present or late over the
meetings a member did not apologise for; the apology share is apologies over all
registered meetings."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

PRESENT, LATE, ABSENT, EXCUSED = "present", "late", "absent", "excused"


def _percentage(part: int, whole: int) -> int | None:
    return None if not whole else round(part * 100 / whole)


@dataclass(frozen=True)
class Rate:
    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def registered(self) -> int:
        return self.present + self.late + self.absent + self.excused

    @property
    def attended(self) -> int:
        """Present, on time or late."""
        return self.present + self.late

    @property
    def expected(self) -> int:
        """Meetings registered without an apology in advance."""
        return self.registered - self.excused

    @property
    def rate(self) -> float | None:
        """Share attended of the meetings not apologised for; None when there are none."""
        if not self.expected:
            return None
        return self.attended / self.expected

    @property
    def percentage(self) -> int | None:
        return _percentage(self.attended, self.expected)

    @property
    def excused_percentage(self) -> int | None:
        """Share of the registered meetings apologised for in advance."""
        return _percentage(self.excused, self.registered)

    @property
    def absent_percentage(self) -> int | None:
        """Share absent without notice of the meetings not apologised for."""
        return _percentage(self.absent, self.expected)


def _add(rate: Rate, status: str) -> Rate:
    return Rate(
        rate.present + (status == PRESENT),
        rate.late + (status == LATE),
        rate.absent + (status == ABSENT),
        rate.excused + (status == EXCUSED),
    )


def rates_per_person(
    records: Iterable[tuple[Hashable, str]], people: Iterable[Hashable] = ()
) -> dict[Hashable, Rate]:
    """A Rate per person; people without records appear with an empty Rate."""
    result: dict[Hashable, Rate] = {person: Rate() for person in people}
    for person, status in records:
        result[person] = _add(result.get(person, Rate()), status)
    return result


def overall_rate(records: Iterable[tuple[Hashable, str]]) -> Rate:
    """All registrations of a network together."""
    total = Rate()
    for _person, status in records:
        total = _add(total, status)
    return total


def absent_twice_in_a_row(statuses: Sequence[str]) -> bool:
    """True when the two latest registered meetings (statuses oldest first) were both absences
    without notice; an apology, presence or lateness in between breaks the row."""
    return len(statuses) >= 2 and statuses[-1] == ABSENT and statuses[-2] == ABSENT
