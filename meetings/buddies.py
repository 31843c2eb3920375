"""Buddy groups (maatjesgroepen): a suggestion that mixes schools and regions.

Pure: people are (id, school, region) tuples. Groups have two to five members."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

MIN_SIZE, MAX_SIZE = 2, 5


def suggest_groups(
    people: Sequence[tuple[Hashable, Hashable, Hashable]], size: int = 3
) -> list[list[Hashable]]:
    """Split people into groups of about `size` (always 2-5) with schools and regions mixed.

    People are sorted by region and school and dealt round-robin, so colleagues from one
    school or region land in different groups whenever there are enough groups."""
    size = min(max(size, MIN_SIZE), MAX_SIZE)
    count = len(people)
    if count < MIN_SIZE:
        return []
    groups_needed = max(round(count / size), math.ceil(count / MAX_SIZE), 1)
    groups_needed = min(groups_needed, count // MIN_SIZE)
    ordered = sorted(people, key=lambda p: (str(p[2] or ""), str(p[1] or ""), str(p[0])))
    groups: list[list[Hashable]] = [[] for _ in range(groups_needed)]
    for index, person in enumerate(ordered):
        groups[index % groups_needed].append(person[0])
    return groups


def size_is_valid(members: Sequence[Hashable]) -> bool:
    return MIN_SIZE <= len(set(members)) <= MAX_SIZE
