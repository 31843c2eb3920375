"""The pure rules of minutes (meetings/minutes.py): who attended, the correction week,
the due date's range, when an owner is reminded."""

import datetime

import pytest

from meetings import minutes as rules_of


@pytest.mark.parametrize(
    ("status", "expected"),
    [("present", True), ("late", True), ("absent", False), ("excused", False), (None, False)],
)
def test_attended_counts_present_and_late_only(status, expected):
    assert rules_of.attended(status) == expected


def test_corrections_are_open_for_exactly_a_week_after_sharing():
    shared = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)
    week = datetime.timedelta(days=7)
    assert [
        rules_of.corrections_open(None, shared),
        rules_of.corrections_open(shared, shared - datetime.timedelta(seconds=1)),
        rules_of.corrections_open(shared, shared),
        rules_of.corrections_open(shared, shared + week - datetime.timedelta(seconds=1)),
        rules_of.corrections_open(shared, shared + week),
    ] == [False, False, True, True, False]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (datetime.date(2026, 11, 9), False),  # the day before the meeting
        (datetime.date(2026, 11, 10), True),  # the meeting's day
        (datetime.date(2027, 11, 11), True),  # a year (366 days) later
        (datetime.date(2027, 11, 12), False),
    ],
)
def test_due_date_lies_between_the_meeting_and_a_year_later(due, expected):
    assert rules_of.due_date_allowed(due, datetime.date(2026, 11, 10)) == expected


@pytest.mark.parametrize(("days_left", "expected"), [(-1, False), (0, True), (3, True), (4, False)])
def test_owner_is_reminded_from_three_days_before_the_due_date(days_left, expected):
    today = datetime.date(2026, 12, 1)
    assert rules_of.reminder_due(today + datetime.timedelta(days=days_left), today) == expected
