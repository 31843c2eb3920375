"""Phase reports computed set-wise (issue 12): every network's report in a fixed number
of queries, however many networks the set holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluations import services
from evaluations.enums import ComputationStatus, RoundKind
from evaluations.models import PhaseReport
from participants.enums import Visibility
from tests.evaluations.phase_sets_expected import _closed_round
from tests.factories import (
    AttendanceFactory,
    LearningQuestionFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import CaseFactory, ContactMomentFactory, past_meeting

pytestmark = pytest.mark.django_db


def _busy_network():
    network = NetworkFactory()
    make_facilitator(network)
    members = [make_member(network) for _ in range(6)]
    meeting = past_meeting(network, days_ago=10)
    AttendanceFactory(meeting=meeting, person=members[0])
    meeting.preparation_group.add(members[1])
    CaseFactory(meeting=meeting, author=members[2])
    question = LearningQuestionFactory(owner=members[3], visibility=Visibility.NETWORK)
    question.networks.add(network)
    ContactMomentFactory(network=network)
    services.record_outcome(
        network, by=None, kind="insight", description="Inzicht", visibility="network"
    )
    return network


def test_the_number_of_queries_does_not_grow_with_the_number_of_networks():
    networks = [_busy_network() for _ in range(5)]
    evaluation = _closed_round(
        networks, [[4] * 5 for _ in networks], kind=RoundKind.INTERIM, title="T", days_ago=20
    )
    assert evaluation.results.count() == 6
    with CaptureQueriesContext(connection) as two:
        assert services.compute_phase_reports([n.pk for n in networks[:2]]) == 2
    with CaptureQueriesContext(connection) as five:
        assert services.compute_phase_reports([n.pk for n in networks]) == 5
    with CaptureQueriesContext(connection) as one:
        services.compute_phase_report(networks[0].pk)
    assert len(two) == len(five)
    assert len(one) == len(two) + 1  # the set of one, then the stored row for the caller
    assert PhaseReport.objects.filter(status=ComputationStatus.DONE).count() == 5
