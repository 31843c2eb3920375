"""The networks app's models, by area (docs/architecture.md): networks and memberships,
applications, review. Every model is importable from `networks.models`."""

from .applications import MAX_CONTRIBUTION, Application, ApplicationInvitee
from .networks import SHORT_NAME_LENGTH, Competence, InterestRegistration, Membership, Network
from .review import CriterionJudgement, Decision, RecheckResult
from .waiting import WaitingListEntry

__all__ = [
    "MAX_CONTRIBUTION",
    "SHORT_NAME_LENGTH",
    "Application",
    "ApplicationInvitee",
    "Competence",
    "CriterionJudgement",
    "Decision",
    "InterestRegistration",
    "Membership",
    "Network",
    "RecheckResult",
    "WaitingListEntry",
]
