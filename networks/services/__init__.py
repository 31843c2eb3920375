"""Writes of the networks app, by area: applications, review, re-check, directory, naming.

Every service runs in one transaction, so bad input leaves nothing half-saved; e-mail goes
out through tasks dispatched on commit. Import from here (`networks.services`)."""

from .applicant_mails import (
    applicant_side_addresses,
    send_decision_email,
    send_submission_emails,
)
from .applications import (
    ApplicationFallsShort,
    ApplicationIncomplete,
    Invitee,
    awaiting_judgement,
    check_application,
    missing_for_submission,
    refresh_application_snapshot,
    save_application,
    submission_warnings,
    submit_application,
)
from .directory import notify_interest, register_interest
from .naming import set_short_name
from .recheck import recheck_network, recheck_supported_networks, start_granted_networks
from .review import (
    decide_application,
    grant_blockers,
    judge_criteria,
    judge_criterion,
    review_application,
)
from .waiting import (
    claim_free_places,
    claim_place_for,
    close_entry,
    expire_offers,
    free_places,
    is_full,
    networks_with_waiting_people,
    places_taken,
    set_max_participants,
    waiting_position,
    waiting_position_of,
)

__all__ = [
    "claim_free_places",
    "claim_place_for",
    "close_entry",
    "expire_offers",
    "free_places",
    "is_full",
    "networks_with_waiting_people",
    "places_taken",
    "set_max_participants",
    "waiting_position",
    "waiting_position_of",
    "ApplicationFallsShort",
    "ApplicationIncomplete",
    "Invitee",
    "applicant_side_addresses",
    "check_application",
    "decide_application",
    "grant_blockers",
    "judge_criteria",
    "judge_criterion",
    "missing_for_submission",
    "notify_interest",
    "recheck_network",
    "recheck_supported_networks",
    "refresh_application_snapshot",
    "register_interest",
    "review_application",
    "save_application",
    "send_decision_email",
    "send_submission_emails",
    "set_short_name",
    "start_granted_networks",
    "submission_warnings",
    "awaiting_judgement",
    "submit_application",
]
