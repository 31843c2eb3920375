"""Attendance rates per member and per network. Pure: (person, status) rows."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"


@dataclass(frozen=True)
class Rate:
    present: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def registered(self) -> int:
        return self.present + self.absent + self.excused

    @property
    def rate(self) -> float | None:
        """Share present of the meetings registered; None when nothing was registered."""
        if not self.registered:
            return None
        return self.present / self.registered

    @property
    def percentage(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


def _add(rate: Rate, status: str) -> Rate:
    return Rate(
        rate.present + (status == PRESENT),
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
