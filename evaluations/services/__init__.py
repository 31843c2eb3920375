"""Writes of the evaluations app. Split by area; import from here."""

from .harvest import delete_outcome, record_outcome, record_value_story, update_outcome
from .phases import (
    compute_all_phase_reports,
    compute_phase_report,
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
from .rounds import (
    add_item,
    close_round,
    find_response,
    open_round,
    publish_round,
    request_reminders,
    request_round_scores,
    save_response,
    send_round_reminders,
)
from .scores import compute_round_scores, compute_scores_of_rounds

__all__ = [
    "add_item",
    "add_learning_form",
    "close_round",
    "compute_all_phase_reports",
    "compute_phase_report",
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
    "request_phase_report",
    "request_reminders",
    "request_round_scores",
    "save_response",
    "send_round_reminders",
    "set_phase",
    "update_outcome",
]
