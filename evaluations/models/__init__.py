"""Models of the evaluations app, split by area; import from here."""

from .harvest import Outcome, PhaseReport, ValueStep, ValueStory
from .ranking import Ballot, BallotChoice, LearningForm, RankingSurvey
from .rounds import (
    Answer,
    EvaluationRound,
    Invitation,
    Item,
    ItemScore,
    Response,
    RoundResult,
    new_token,
)

__all__ = [
    "Answer",
    "Ballot",
    "BallotChoice",
    "EvaluationRound",
    "Invitation",
    "Item",
    "ItemScore",
    "LearningForm",
    "Outcome",
    "PhaseReport",
    "RankingSurvey",
    "Response",
    "RoundResult",
    "ValueStep",
    "ValueStory",
    "new_token",
]
