"""Writes of the evaluations app. Split by area; import from here."""

from .ballot_import import run_ballot_import, start_ballot_import
from .harvest import (
    delete_outcome,
    delete_value_story,
    record_outcome,
    record_value_story,
    update_outcome,
    update_value_story,
)
from .phases import (
    compute_all_phase_reports,
    compute_phase_report,
    compute_phase_reports,
    request_phase_report,
    set_phase,
)
from .ranking import (
    add_learning_form,
    create_survey,
    import_ballots,
    merge_other_answer,
    record_ballot,
)
from .reminders import request_reminders, send_round_reminders
from .report_pdf import build_report_pdf, request_report_pdf
from .rounds import (
    add_item,
    close_round,
    find_response,
    open_round,
    publish_round,
    request_round_scores,
    save_response,
)
from .scores import compute_round_scores, compute_scores_of_rounds
from .sharing import share_item_results

__all__ = [
    "run_ballot_import",
    "start_ballot_import",
    "add_item",
    "build_report_pdf",
    "add_learning_form",
    "close_round",
    "compute_all_phase_reports",
    "compute_phase_report",
    "compute_phase_reports",
    "compute_round_scores",
    "compute_scores_of_rounds",
    "create_survey",
    "delete_outcome",
    "find_response",
    "import_ballots",
    "merge_other_answer",
    "open_round",
    "publish_round",
    "record_ballot",
    "record_outcome",
    "record_value_story",
    "delete_value_story",
    "update_value_story",
    "request_phase_report",
    "request_reminders",
    "request_report_pdf",
    "request_round_scores",
    "save_response",
    "send_round_reminders",
    "share_item_results",
    "set_phase",
    "update_outcome",
]
