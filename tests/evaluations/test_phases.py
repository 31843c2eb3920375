"""The phase proposal at each boundary (pure)."""

import datetime

import pytest

from evaluations.phases import PhaseFacts, last_quarter_start, propose_phase
from networks.enums import Phase

START = datetime.date(2025, 1, 1)
END = datetime.date(2027, 1, 1)  # 730 days; last quarter from 730 // 4 = 182 days before end
QUARTER = datetime.date(2026, 7, 3)


def facts(**overrides):
    values = dict(
        today=datetime.date(2025, 6, 1),
        has_central_question=True,
        fixed_participants=6,
        has_facilitator=True,
        first_meeting_held=True,
        outcomes_recorded=False,
        start_date=START,
        planned_end_date=END,
    )
    values.update(overrides)
    return PhaseFacts(**values)


def test_all_sow_conditions_met_mid_term_is_cultivate():
    assert propose_phase(facts()) == Phase.CULTIVATE


@pytest.mark.parametrize(
    "missing",
    [
        {"has_central_question": False},
        {"fixed_participants": 5},
        {"has_facilitator": False},
        {"first_meeting_held": False},
    ],
)
def test_any_missing_sow_condition_keeps_sow(missing):
    assert propose_phase(facts(**missing)) == Phase.SOW


def test_exactly_six_fixed_participants_ends_sow():
    assert propose_phase(facts(fixed_participants=6)) == Phase.CULTIVATE
    assert propose_phase(facts(fixed_participants=5)) == Phase.SOW


def test_last_quarter_start_date():
    assert last_quarter_start(START, END) == QUARTER == END - datetime.timedelta(days=182)


def test_day_before_last_quarter_is_cultivate():
    assert propose_phase(facts(today=QUARTER - datetime.timedelta(days=1))) == Phase.CULTIVATE


def test_first_day_of_last_quarter_is_harvest():
    assert propose_phase(facts(today=QUARTER)) == Phase.HARVEST


def test_outcomes_recorded_is_harvest_mid_term():
    assert propose_phase(facts(outcomes_recorded=True)) == Phase.HARVEST


def test_sow_wins_over_last_quarter_when_conditions_missing():
    assert propose_phase(facts(today=QUARTER, has_facilitator=False)) == Phase.SOW


def test_without_planned_end_there_is_no_last_quarter():
    assert (
        propose_phase(facts(planned_end_date=None, today=datetime.date(2040, 1, 1)))
        == Phase.CULTIVATE
    )
    assert last_quarter_start(START, None) is None
