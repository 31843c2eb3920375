"""Reads for the Leer-top 3 pages."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from ..models import BallotChoice, RankingSurvey
from ..ranking import RankRow, rank_forms


def ranking_for_survey(survey: RankingSurvey) -> list[RankRow]:
    """The Leer-top 3 table of a survey, from its ballots (unmerged "other" places count
    for nothing until staff merge them into a listed form)."""
    ballots: dict[int, list] = defaultdict(lambda: [None, None, None])
    for ballot_id, position, name in BallotChoice.objects.filter(ballot__survey=survey).values_list(
        "ballot_id", "position", "form__name"
    ):
        ballots[ballot_id][position - 1] = name
    return rank_forms(ballots.values())


def other_answers_for(survey: RankingSurvey) -> list[tuple[str, int]]:
    """The "other" texts not yet merged, with how often each was given."""
    return list(
        BallotChoice.objects.filter(ballot__survey=survey, form__isnull=True)
        .values_list("other_text")
        .annotate(count=Count("pk"))
        .order_by("other_text")
    )
