"""Reads of the evaluations app, split by area; import from here."""

from .harvest import (
    outcome_count_for_network,
    outcomes_for_network,
    public_outcomes_for_network,
    public_stories_for_network,
    stories_for_network,
)
from .phases import (
    attach_latest_reports,
    latest_phase_report,
    networks_for_dashboard,
    phase_evidence,
    phase_evidence_of_networks,
    phase_facts,
    phase_now,
)
from .ranking import other_answers_for, ranking_for_survey
from .rounds import (
    latest_result_for_network,
    network_reports_for,
    network_response_rates,
    open_invitations_for,
    published_reports_for,
    report_for,
    report_pdf_for,
    response_rates,
    rounds_for_staff,
    shared_results_for_network,
)

__all__ = [
    "latest_result_for_network",
    "outcome_count_for_network",
    "attach_latest_reports",
    "latest_phase_report",
    "network_reports_for",
    "network_response_rates",
    "networks_for_dashboard",
    "open_invitations_for",
    "other_answers_for",
    "outcomes_for_network",
    "phase_evidence",
    "phase_evidence_of_networks",
    "phase_facts",
    "phase_now",
    "public_outcomes_for_network",
    "public_stories_for_network",
    "published_reports_for",
    "ranking_for_survey",
    "report_for",
    "report_pdf_for",
    "response_rates",
    "rounds_for_staff",
    "shared_results_for_network",
    "stories_for_network",
]
