"""Models of the evaluations app, split by area; import from here."""

from .harvest import Outcome, PhaseReport, ValueStep, ValueStory
from .ranking import Ballot, BallotChoice, BallotImport, LearningForm, RankingSurvey
from .reports import ReportPdf
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
    "BallotImport",
    "EvaluationRound",
    "Invitation",
    "Item",
    "ItemScore",
    "LearningForm",
    "Outcome",
    "PhaseReport",
    "RankingSurvey",
    "ReportPdf",
    "Response",
    "RoundResult",
    "ValueStep",
    "ValueStory",
    "new_token",
]
