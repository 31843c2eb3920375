"""Scores of an evaluation round: plain Python over plain values, no database.

Answers are on a 5-point agreement scale (1 strongly disagree ... 5 strongly agree). A result
of fewer than THRESHOLD respondents is withheld, and so is a combined result from which a
withheld group could be recovered by subtraction (docs/domain.md, product rule)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
SCALE = (1, 2, 3, 4, 5)
AGREEING = (4, 5)
_ON_SCALE = frozenset(SCALE)
_NONE = (0,) * len(SCALE)  # the count of a value nobody gave


@dataclass(frozen=True)
class ItemSummary:
    n: int
    mean: float | None
    sd: float | None
    distribution: tuple[int, ...]  # counts for 1..5
    share_agreeing: float | None


def validate_values(values: Sequence[int]) -> None:
    """Raise ValueError when a value is off the scale."""
    for value in values:
        if value not in SCALE:
            raise ValueError(f"value {value!r} is not on the scale 1-5")


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def standard_deviation(values: Sequence[float]) -> float | None:
    """Sample standard deviation (n - 1); None for fewer than two values."""
    if len(values) < 2:
        return None
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def distribution(values: Sequence[int]) -> tuple[int, ...]:
    return tuple(sum(1 for v in values if v == point) for point in SCALE)


def share_agreeing(values: Sequence[int]) -> float | None:
    """Share of answers 4 or 5."""
    if not values:
        return None
    return sum(1 for v in values if v in AGREEING) / len(values)


def summarise(values: Sequence[int]) -> ItemSummary:
    validate_values(values)
    return ItemSummary(
        n=len(values),
        mean=mean(values),
        sd=standard_deviation(values),
        distribution=distribution(values),
        share_agreeing=share_agreeing(values),
    )


def validate_counts(counts: Mapping[int, int]) -> None:
    """Raise ValueError when a value is off the scale or a count is not a whole number >= 0."""
    validate_values(list(counts))
    for value, count in counts.items():
        if not isinstance(count, int) or count < 0:
            raise ValueError(f"count {count!r} of value {value} is not a whole number >= 0")


def _sums(counts: Mapping[int, int]) -> tuple[int, int, int]:
    """n, sum and sum of squares: exact integers, enough for mean and spread."""
    n = total = squares = 0
    for value, count in counts.items():
        n += count
        total += value * count
        squares += value * value * count
    return n, total, squares


def mean_of_counts(counts: Mapping[int, int]) -> float | None:
    n, total, _ = _sums(counts)
    return total / n if n else None


def summarise_counts(counts: Mapping[int, int]) -> ItemSummary:
    """`summarise` over the values given as value -> how many gave it, as the database counts
    them: the work no longer grows with the number of answers. Raises ValueError for a value
    off the scale or a count that is not a whole number >= 0 (as `validate_counts`), in the
    same single pass that adds up (the scores of a national round call this some 15,000
    times)."""
    n = total = squares = 0
    for value, count in counts.items():
        if value not in _ON_SCALE or type(count) is not int or count < 0:
            validate_counts({value: count})  # raises with the reason
        n += count
        total += value * count
        squares += value * value * count
    distribution = tuple(map(counts.get, SCALE, _NONE))
    return ItemSummary(
        n=n,
        mean=total / n if n else None,
        # n * sum of squared deviations = n * squares - total**2, exact in integers
        sd=math.sqrt((n * squares - total * total) / (n * (n - 1))) if n >= 2 else None,
        distribution=distribution,
        share_agreeing=sum(map(counts.get, AGREEING, _NONE)) / n if n else None,
    )


def response_rate(responded: int, invited: int) -> float | None:
    if invited <= 0:
        return None
    return responded / invited


def cohens_d(baseline: Sequence[int], current: Sequence[int]) -> float | None:
    """Effect size of the change from baseline to now: difference of means over the pooled
    sample standard deviation. None when it cannot be computed (too few values, no spread)."""
    n1, n2 = len(baseline), len(current)
    if n1 < 2 or n2 < 2:
        return None
    s1, s2 = standard_deviation(baseline), standard_deviation(current)
    pooled = math.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
    if pooled == 0:
        return None
    return (mean(current) - mean(baseline)) / pooled


def cohens_d_of_counts(baseline: Mapping[int, int], current: Mapping[int, int]) -> float | None:
    """`cohens_d` over value counts (see `summarise_counts`)."""
    n1, total1, squares1 = _sums(baseline)
    n2, total2, squares2 = _sums(current)
    if n1 < 2 or n2 < 2:
        return None
    # pooled variance = (a1 / n1 + a2 / n2) / (n1 + n2 - 2) with a = n * squares - total**2
    a1, a2 = n1 * squares1 - total1 * total1, n2 * squares2 - total2 * total2
    pooled_variance = (a1 * n2 + a2 * n1) / (n1 * n2 * (n1 + n2 - 2))
    if pooled_variance == 0:
        return None
    return (total2 / n2 - total1 / n1) / math.sqrt(pooled_variance)


def is_shown(n: int, threshold: int = THRESHOLD) -> bool:
    return n >= threshold


def disclosure(
    overall_n: int, group_ns: Mapping[Hashable, int], threshold: int = THRESHOLD
) -> tuple[bool, set]:
    """Decide which of an overall result and its group results to withhold.

    Returns (overall_withheld, withheld_groups). A group is withheld below the threshold. The
    overall result is withheld below the threshold, and also when subtracting the shown groups
    from it would leave 1 to threshold-1 respondents: that remainder is exactly the answers of
    small groups (or, with one shown group, "overall minus this network"). Withholding the
    overall rather than a network keeps the networks' own reports intact."""
    withheld = {key for key, n in group_ns.items() if n < threshold}
    overall_withheld = overall_n < threshold
    if not overall_withheld:
        shown_total = sum(n for key, n in group_ns.items() if key not in withheld)
        remainder = overall_n - shown_total
        if 0 < remainder < threshold:
            overall_withheld = True
    return overall_withheld, withheld
