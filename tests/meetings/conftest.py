"""Fixtures shared by the meeting tests of this directory (a module that defines its own
fixture of the same name uses that one):

- `network` and its `facilitator`: the meeting page tests (test_views_*.py); the date
  poll tests (polls/) take this `network` with a facilitator of their own;
- `world`: a held meeting with an attendee, an absentee, a preparer, the organisers, an
  outsider and staff: the minutes tests (test_minutes_*.py)."""

import pytest

from tests.factories import (
    AttendanceFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.meetings import past_meeting


@pytest.fixture
def network():
    return NetworkFactory(name="Verbindend Vernieuwen")


@pytest.fixture
def facilitator(network):
    return make_facilitator(network)


@pytest.fixture
def world(db):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    other = NetworkFactory(name="Moreel Beraad")
    people = {
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "attendee": make_member(network, first_name="Jacqueline"),
        "absentee": make_member(network),
        "preparer": make_member(network),
        "outsider": make_member(other),
        "staff": make_staff(),
    }
    meeting = past_meeting(network, days_ago=9, title="Eigenaarschap")
    meeting.preparation_group.add(people["preparer"])
    AttendanceFactory(meeting=meeting, person=people["attendee"], status="present")
    AttendanceFactory(meeting=meeting, person=people["absentee"], status="absent")
    return {"network": network, "meeting": meeting, **people}
