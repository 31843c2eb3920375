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
    """The date to propose: most yes, then most if need be; ties go to the earlier option.

    A date nobody can make (no yes and no if need be, so every voter said no) is never
    proposed; None when no date has anyone available."""
    candidates = [(index, t) for index, t in enumerate(tallies) if t.available > 0]
    if not candidates:
        return None
    best = max(candidates, key=lambda pair: (pair[1].yes, pair[1].if_need_be, -pair[0]))
    return best[1].option


def names_per_answer(
    options: Iterable[Hashable],
    answers: Iterable[tuple[Hashable, Hashable, str]],
    names: dict[Hashable, str],
) -> dict[Hashable, dict[str, list[str]]]:
    """option -> {answer: [names of who gave it, sorted]}, for "who can come on this date"."""
    result: dict[Hashable, dict[str, list[str]]] = {
        option: {YES: [], IF_NEED_BE: [], NO: []} for option in options
    }
    for option, person, answer in answers:
        if option in result and answer in result[option] and person in names:
            result[option][answer].append(names[person])
    for per_answer in result.values():
        for people in per_answer.values():
            people.sort(key=str.casefold)
    return result


def not_answered(
    member_ids: Iterable[Hashable], answers: Iterable[tuple[Hashable, Hashable, str]]
) -> list[Hashable]:
    """Members without any answer, in the order given."""
    answered = {person for _option, person, _answer in answers}
    return [member for member in member_ids if member not in answered]
