"""The tally of a date poll (prikken). Pure: option ids and (option, person, answer) rows."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

YES, IF_NEED_BE, NO = "yes", "if_need_be", "no"


@dataclass(frozen=True)
class OptionTally:
    option: Hashable
    yes: int
    if_need_be: int
    no: int

    @property
    def available(self) -> int:
        """People who can come, if need be included."""
        return self.yes + self.if_need_be


def tally(
    options: Iterable[Hashable], answers: Iterable[tuple[Hashable, Hashable, str]]
) -> list[OptionTally]:
    """Totals per option, in the order the options were given."""
    counts = {option: {YES: 0, IF_NEED_BE: 0, NO: 0} for option in options}
    for option, _person, answer in answers:
        if option in counts and answer in counts[option]:
            counts[option][answer] += 1
    return [OptionTally(option, c[YES], c[IF_NEED_BE], c[NO]) for option, c in counts.items()]


def best_option(tallies: list[OptionTally]) -> Hashable | None:
    """Most people available, then most outright yes; ties go to the earlier option."""
    if not tallies:
        return None
    best = max(enumerate(tallies), key=lambda pair: (pair[1].available, pair[1].yes, -pair[0]))
    return best[1].option


def not_answered(
    member_ids: Iterable[Hashable], answers: Iterable[tuple[Hashable, Hashable, str]]
) -> list[Hashable]:
    """Members without any answer, in the order given."""
    answered = {person for _option, person, _answer in answers}
    return [member for member in member_ids if member not in answered]
