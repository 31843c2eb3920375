"""The pure modules: year planner, poll tally, attendance rates, buddy suggestion."""

import datetime

import pytest

from meetings import attendance, buddies, planner, polls


def test_planner_spreads_three_a_year_four_months_apart():
    proposals = planner.propose_dates(
        first_date=datetime.date(2027, 1, 12),  # a Tuesday
        per_year=3,
        count=3,
        start_time=datetime.time(16, 0),
        weekday=1,
    )
    starts = [p.starts_at for p in proposals]
    assert starts == [
        datetime.datetime(2027, 1, 12, 16, 0),
        datetime.datetime(2027, 5, 18, 16, 0),
        datetime.datetime(2027, 9, 14, 16, 0),
    ]
    assert [p.ends_at - p.starts_at for p in proposals] == [datetime.timedelta(hours=3)] * 3


def test_planner_alternates_eight_and_twenty_four_hours():
    proposals = planner.propose_dates(
        first_date=datetime.date(2027, 2, 1),
        per_year=3,
        count=3,
        start_time=datetime.time(9, 0),
        durations=(8, 24),
    )
    assert [(p.ends_at - p.starts_at).total_seconds() / 3600 for p in proposals] == [8, 24, 8]


def test_planner_moves_weekend_dates_to_monday():
    proposals = planner.propose_dates(
        first_date=datetime.date(2027, 1, 9),  # a Saturday
        per_year=6,
        count=1,
        start_time=datetime.time(13, 0),
    )
    assert proposals[0].starts_at == datetime.datetime(2027, 1, 11, 13, 0)


@pytest.mark.parametrize("per_year,count", [(0, 3), (3, 0)])
def test_planner_without_rhythm_proposes_nothing(per_year, count):
    assert (
        planner.propose_dates(
            first_date=datetime.date(2027, 1, 1),
            per_year=per_year,
            count=count,
            start_time=datetime.time(9),
        )
        == []
    )


def test_planner_dates_strictly_increase_for_many_a_year():
    proposals = planner.propose_dates(
        first_date=datetime.date(2027, 1, 4),
        per_year=12,
        count=12,
        start_time=datetime.time(9),
        weekday=0,
    )
    days = [p.starts_at.date() for p in proposals]
    assert days == sorted(set(days))
    assert all(day.weekday() == 0 for day in days)


def test_poll_tally_counts_per_option_in_given_order():
    answers = [
        (1, "a", "yes"),
        (1, "b", "no"),
        (1, "c", "if_need_be"),
        (2, "a", "yes"),
        (2, "b", "yes"),
        (2, "c", "no"),
    ]
    result = polls.tally([1, 2, 3], answers)
    assert [(t.option, t.yes, t.if_need_be, t.no) for t in result] == [
        (1, 1, 1, 1),
        (2, 2, 0, 1),
        (3, 0, 0, 0),
    ]


def test_poll_best_option_prefers_yes_then_if_need_be_then_earlier():
    tallies = [
        polls.OptionTally(1, 1, 3, 0),  # most available, but only 1 yes
        polls.OptionTally(2, 2, 0, 2),
        polls.OptionTally(3, 2, 1, 1),  # as many yes as 2, more if need be
        polls.OptionTally(4, 2, 1, 1),  # same as 3, later
    ]
    assert polls.best_option(tallies) == 3
    assert polls.best_option([]) is None


def test_poll_best_option_never_proposes_a_date_everyone_said_no_to():
    nobody = polls.OptionTally(1, 0, 0, 4)
    assert polls.best_option([nobody]) is None
    assert polls.best_option([nobody, polls.OptionTally(2, 0, 1, 3)]) == 2


def test_poll_names_per_answer_lists_who_gave_each_answer():
    answers = [(1, "b", "yes"), (1, "a", "yes"), (1, "c", "no"), (2, "a", "if_need_be")]
    names = {"a": "Anna", "b": "bert", "c": "Cas"}
    result = polls.names_per_answer([1, 2], answers, names)
    assert result[1] == {"yes": ["Anna", "bert"], "if_need_be": [], "no": ["Cas"]}
    assert result[2] == {"yes": [], "if_need_be": ["Anna"], "no": []}


def test_poll_not_answered_lists_members_without_answers():
    answers = [(1, "a", "yes"), (2, "a", "no"), (1, "c", "no")]
    assert polls.not_answered(["a", "b", "c", "d"], answers) == ["b", "d"]


def test_attendance_rates_count_apologies_apart():
    records = [
        ("ann", "present"),
        ("ann", "late"),
        ("ann", "absent"),
        ("ann", "excused"),
        ("bob", "present"),
        ("dik", "excused"),
    ]
    per_person = attendance.rates_per_person(records, ["ann", "bob", "cas", "dik"])
    ann = per_person["ann"]
    # Present or late at 2 of the 3 meetings she did not apologise for.
    assert (ann.attended, ann.expected, ann.percentage) == (2, 3, 67)
    assert (ann.excused_percentage, ann.absent_percentage) == (25, 33)
    assert per_person["bob"].percentage == 100
    assert per_person["cas"].rate is None
    # Only apologies: no meeting she was expected at, so no attendance rate, 100% apologised.
    assert (per_person["dik"].rate, per_person["dik"].excused_percentage) == (None, 100)
    overall = attendance.overall_rate(records)
    assert (overall.present, overall.late, overall.absent, overall.excused) == (2, 1, 1, 2)
    assert overall.percentage == 75


def test_attendance_rate_without_records_is_none():
    assert attendance.overall_rate([]).rate is None


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["absent", "absent"], True),
        (["present", "absent", "absent"], True),
        (["absent", "excused", "absent"], False),
        (["absent", "present"], False),
        (["absent"], False),
        (["absent", "late"], False),
        ([], False),
    ],
)
def test_absent_twice_in_a_row_only_without_apology(statuses, expected):
    assert attendance.absent_twice_in_a_row(statuses) is expected


def test_buddy_suggestion_mixes_schools_and_regions():
    people = [
        (1, "school-a", "utrecht"),
        (2, "school-a", "utrecht"),
        (3, "school-a", "utrecht"),
        (4, "school-b", "limburg"),
        (5, "school-b", "limburg"),
        (6, "school-b", "limburg"),
    ]
    groups = buddies.suggest_groups(people, size=3)
    assert len(groups) == 2
    schools = {pid: school for pid, school, _ in people}
    for group in groups:
        assert {schools[p] for p in group} == {"school-a", "school-b"}


@pytest.mark.parametrize("count", range(0, 23))
def test_buddy_suggestion_groups_always_two_to_five(count):
    people = [(i, f"s{i % 4}", f"r{i % 3}") for i in range(count)]
    groups = buddies.suggest_groups(people, size=3)
    if count < 2:
        assert groups == []
    else:
        assert all(2 <= len(g) <= 5 for g in groups)
        assert sorted(p for g in groups for p in g) == list(range(count))


def test_buddy_group_size_rule():
    assert buddies.size_is_valid([1]) is False
    assert buddies.size_is_valid([1, 2]) is True
    assert buddies.size_is_valid([1, 2, 3, 4, 5]) is True
    assert buddies.size_is_valid([1, 2, 3, 4, 5, 6]) is False


@pytest.mark.parametrize(
    "text,preset",
    [
        ("Drie keer per jaar, 16:00-19:00", "evening"),
        ("Twee keer per jaar 24 uur", "two_days"),
        ("Drie per jaar, afwisselend 8 en 24 uur", "day_and_two_days"),
        ("Zes dagdelen", "half_day"),
        ("Zes keer 4 uur", "half_day"),
        ("Zes bijeenkomsten van 8 uur", "day"),
        ("", "evening"),
    ],
)
def test_planner_preset_from_the_networks_rhythm(text, preset):
    assert planner.preset_for(text) == preset
