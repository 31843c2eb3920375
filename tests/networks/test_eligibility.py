"""The eligibility engine: each criterion at and on both sides of its boundary, and unknown
when the data is missing. Pure: no database."""

import datetime
from dataclasses import replace

import pytest
from django.utils import translation

from networks.eligibility import (
    CRITERIA,
    MET,
    NOT_MET,
    UNKNOWN,
    NetworkFacts,
    evaluate,
    is_eligible,
    months_between,
)
from networks.enums import Criterion

START = datetime.date(2015, 1, 15)

COMPLETE = NetworkFacts(
    field_statement="Wij vroegen er zelf om.",
    applicant_function_is_leadership=True,
    applicant_function_label="Rector",
    applicant_school_is_vo=True,
    applicant_school_name="Het Lyceum",
    name="Verbindend Vernieuwen",
    description="Een netwerk.",
    access="open",
    listed_in_directory=True,
    focus_competence_count=2,
    monitoring_consent=True,
    meetings_per_12_months=3,
    contact_means_count=1,
    fixed_participants=6,
    academy_invited=True,
    facilitator_count=1,
    start_date=START,
    planned_end_date=datetime.date(2017, 1, 15),
    judgements={"field_initiative": "met", "professionalisation_focus": "met"},
)


def status(facts, code):
    return next(r for r in evaluate(facts) if r.code == code).status


def test_evaluate_returns_codes_in_domain_order():
    assert [r.code for r in evaluate(COMPLETE)] == list(CRITERIA)
    assert list(CRITERIA) == [c.value for c in Criterion]


def test_evaluate_complete_facts_are_eligible():
    assert [r.status for r in evaluate(COMPLETE)] == [MET] * 11
    assert is_eligible(evaluate(COMPLETE)) is True


def test_evaluate_empty_facts_are_all_unknown():
    assert [r.status for r in evaluate(NetworkFacts())] == [UNKNOWN] * 11
    assert is_eligible(evaluate(NetworkFacts())) is False


@pytest.mark.parametrize(
    ("count", "expected"), [(5, NOT_MET), (6, MET), (7, MET), (0, NOT_MET), (None, UNKNOWN)]
)
def test_fixed_participants_boundary(count, expected):
    assert (
        status(replace(COMPLETE, fixed_participants=count), "min_six_fixed_participants")
        == expected
    )


@pytest.mark.parametrize(("count", "expected"), [(2, NOT_MET), (3, MET), (4, MET), (None, UNKNOWN)])
def test_meetings_per_year_boundary(count, expected):
    facts = replace(COMPLETE, meetings_per_12_months=count)
    assert status(facts, "min_three_meetings_per_year") == expected


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (datetime.date(2016, 12, 15), NOT_MET),  # 23 months
        (datetime.date(2017, 1, 14), NOT_MET),  # a day short of 24 months
        (datetime.date(2017, 1, 15), MET),  # 24 months
        (datetime.date(2017, 2, 15), MET),  # 25 months
        (None, UNKNOWN),
    ],
)
def test_term_boundary(end, expected):
    assert status(replace(COMPLETE, planned_end_date=end), "min_two_years") == expected


def test_term_unknown_without_start():
    assert status(replace(COMPLETE, start_date=None), "min_two_years") == UNKNOWN


def test_months_between_counts_whole_months():
    assert months_between(START, datetime.date(2017, 1, 15)) == 24
    assert months_between(START, datetime.date(2016, 12, 15)) == 23


@pytest.mark.parametrize(("count", "expected"), [(0, NOT_MET), (1, MET), (2, MET), (None, UNKNOWN)])
def test_facilitator_boundary(count, expected):
    assert status(replace(COMPLETE, facilitator_count=count), "has_facilitator") == expected


@pytest.mark.parametrize(("count", "expected"), [(0, NOT_MET), (1, MET), (3, MET), (None, UNKNOWN)])
def test_contact_means_boundary(count, expected):
    facts = replace(COMPLETE, contact_means_count=count)
    assert status(facts, "contact_between_meetings") == expected


@pytest.mark.parametrize(("value", "expected"), [(True, MET), (False, NOT_MET), (None, UNKNOWN)])
def test_monitoring_consent(value, expected):
    assert status(replace(COMPLETE, monitoring_consent=value), "monitoring_consent") == expected


@pytest.mark.parametrize(("value", "expected"), [(True, MET), (False, NOT_MET), (None, UNKNOWN)])
def test_academy_invited(value, expected):
    assert status(replace(COMPLETE, academy_invited=value), "academy_invited") == expected


@pytest.mark.parametrize(
    ("leader", "vo", "expected"),
    [
        (True, True, MET),
        (False, True, NOT_MET),
        (True, False, NOT_MET),
        (None, True, UNKNOWN),
        (True, None, UNKNOWN),
    ],
)
def test_applicant_vo_leader(leader, vo, expected):
    facts = replace(COMPLETE, applicant_function_is_leadership=leader, applicant_school_is_vo=vo)
    assert status(facts, "applicant_vo_leader") == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, MET),
        ({"description": ""}, NOT_MET),
        ({"listed_in_directory": False}, NOT_MET),
        ({"name": ""}, NOT_MET),
        ({"access": "closed"}, MET),
        ({"access": None}, UNKNOWN),
    ],
)
def test_recognisable_network(changes, expected):
    assert status(replace(COMPLETE, **changes), "recognisable_network") == expected


@pytest.mark.parametrize(
    ("count", "judged", "expected"),
    [
        (0, {}, NOT_MET),
        (1, {}, UNKNOWN),  # automatic part met, awaiting staff judgement
        (1, {"professionalisation_focus": "met"}, MET),
        (1, {"professionalisation_focus": "not_met"}, NOT_MET),
        (0, {"professionalisation_focus": "met"}, NOT_MET),  # automatic part still fails
        (None, {}, UNKNOWN),
    ],
)
def test_professionalisation_focus(count, judged, expected):
    facts = replace(COMPLETE, focus_competence_count=count, judgements=judged)
    assert status(facts, "professionalisation_focus") == expected


@pytest.mark.parametrize(
    ("statement", "judged", "expected"),
    [
        ("Wij vroegen er zelf om.", {}, UNKNOWN),
        ("", {}, UNKNOWN),
        ("Wij vroegen er zelf om.", {"field_initiative": "met"}, MET),
        ("Wij vroegen er zelf om.", {"field_initiative": "not_met"}, NOT_MET),
    ],
)
def test_field_initiative_is_judged(statement, judged, expected):
    facts = replace(COMPLETE, field_statement=statement, judgements=judged)
    assert status(facts, "field_initiative") == expected


def test_explanation_names_the_fact_in_dutch():
    with translation.override("nl"):
        results = evaluate(replace(COMPLETE, fixed_participants=4))
    explanation = next(r for r in results if r.code == "min_six_fixed_participants").explanation
    assert explanation == "4 vaste deelnemers; minimaal 6 nodig."


def test_explanation_in_english():
    with translation.override("en"):
        results = evaluate(replace(COMPLETE, fixed_participants=4))
    explanation = next(r for r in results if r.code == "min_six_fixed_participants").explanation
    assert explanation == "4 fixed participants; at least 6 needed."


def test_not_eligible_when_one_criterion_fails():
    assert is_eligible(evaluate(replace(COMPLETE, fixed_participants=5))) is False


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (datetime.date(2026, 2, 27), NOT_MET),  # a day short
        (datetime.date(2026, 2, 28), MET),  # two years after 29 February is 28 February
        (datetime.date(2026, 3, 1), MET),
    ],
)
def test_term_from_a_leap_day_counts_by_calendar(end, expected):
    facts = replace(COMPLETE, start_date=datetime.date(2024, 2, 29), planned_end_date=end)
    assert status(facts, "min_two_years") == expected


def test_add_months_clamps_to_the_last_day_of_the_month():
    from networks.eligibility import add_months

    assert add_months(datetime.date(2024, 2, 29), 24) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 48) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 3, 31), -1) == datetime.date(2025, 2, 28)
    assert months_between(datetime.date(2024, 2, 29), datetime.date(2026, 2, 28)) == 24


@pytest.mark.parametrize(
    ("changes", "code", "text"),
    [
        ({"facilitator_count": 1}, "has_facilitator", "1 facilitator toegewezen of uitgenodigd."),
        ({"facilitator_count": 2}, "has_facilitator", "2 facilitators toegewezen of uitgenodigd."),
        (
            {"fixed_participants": 1},
            "min_six_fixed_participants",
            "1 vaste deelnemer; minimaal 6 nodig.",
        ),
        (
            {"meetings_per_12_months": 1},
            "min_three_meetings_per_year",
            "1 bijeenkomst gepland per 12 maanden; minimaal 3 nodig.",
        ),
        (
            {"contact_means_count": 1},
            "contact_between_meetings",
            "1 contactmogelijkheid tussen bijeenkomsten vastgelegd.",
        ),
        (
            {"contact_means_count": 2},
            "contact_between_meetings",
            "2 contactmogelijkheden tussen bijeenkomsten vastgelegd.",
        ),
    ],
)
def test_explanations_use_proper_plurals_in_dutch(changes, code, text):
    from django.utils import translation

    from networks.eligibility import evaluate

    with translation.override("nl"):
        result = evaluate(replace(COMPLETE, **changes), [code])[0]
    assert result.explanation == text


@pytest.mark.parametrize(
    ("end", "text"),
    [
        (datetime.date(2015, 2, 15), "Looptijd van 1 maand; minimaal 24 nodig."),
        (datetime.date(2015, 3, 15), "Looptijd van 2 maanden; minimaal 24 nodig."),
    ],
)
def test_term_explanation_says_maand_for_one_month_and_maanden_for_more(end, text):
    with translation.override("nl"):
        result = evaluate(replace(COMPLETE, planned_end_date=end), ["min_two_years"])[0]
    assert result.explanation == text
