"""Phase reports computed set-wise (issue 12) hold exactly the evidence the rule gives
each network on its own, and a network that fails fails alone.

The rule for the scores in a report: the latest closed round with answers from the network
counts, whatever kind of round (a nulmeting too) and whatever phase the network is in; a round
without answers from the network, or still open, does not."""

import pytest
from django.utils import timezone

from evaluations import selectors, services
from evaluations.enums import ComputationStatus, RoundKind
from evaluations.models import EvaluationRound, PhaseReport
from evaluations.selectors import phases as phase_selectors
from meetings.enums import MeetingStatus
from networks.enums import NetworkStatus, Phase, Role
from participants.enums import Function, QuestionStatus, Region, Visibility
from tests.evaluations.phase_sets_expected import (
    _closed_round,
    _days,
    _expected_a,
    _expected_b,
    _expected_c,
)
from tests.factories import (
    AttendanceFactory,
    LearningQuestionFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    SchoolFactory,
    UserFactory,
    make_facilitator,
    make_member,
)
from tests.factories.evaluations import answer_all, make_round
from tests.factories.meetings import CaseFactory, ContactMomentFactory, past_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Three supported networks with different data, one draft network."""
    today = timezone.localdate()

    # A: cultivating (conditions met, not in the last quarter); its latest closed round with
    # answers from it is a nulmeting.
    a = NetworkFactory(central_question="Hoe leiden we vernieuwing?")
    make_facilitator(a)
    vmbo = SchoolFactory(school_types=["vmbo"])
    people = [
        make_member(a),
        make_member(a, function=Function.RECTOR),
        make_member(a, region=Region.GRONINGEN),
        make_member(a, school=None),
        make_member(a, school=vmbo),
        make_member(a),
    ]
    p7 = UserFactory()
    MembershipFactory(person=p7, network=a, is_fixed=False, joined_on=_days(30))
    people.append(p7)
    left = UserFactory()
    MembershipFactory(person=left, network=a, joined_on=_days(100), left_on=_days(10))
    m1 = past_meeting(a, days_ago=60)
    m2 = past_meeting(a, days_ago=20)
    past_meeting(a, days_ago=40, status=MeetingStatus.CANCELLED)
    m3 = MeetingFactory(network=a)  # still to come
    AttendanceFactory(meeting=m1, person=people[0], status="present")
    AttendanceFactory(meeting=m1, person=people[1], status="present")
    AttendanceFactory(meeting=m1, person=people[2], status="absent")
    m3.preparation_group.add(people[0])
    m1.preparation_group.add(people[1], left)
    CaseFactory(meeting=m2, author=people[1])
    CaseFactory(meeting=m2, author=people[4])
    shared = LearningQuestionFactory(
        owner=people[0], visibility=Visibility.NETWORK, status=QuestionStatus.IN_PROGRESS
    )
    shared.networks.add(a)
    private = LearningQuestionFactory(owner=people[2], visibility=Visibility.PRIVATE)
    private.networks.add(a)
    outsider = LearningQuestionFactory(visibility=Visibility.NETWORK, status=QuestionStatus.OPEN)
    outsider.networks.add(a)  # shared with A by someone who was never a member
    open_shared = LearningQuestionFactory(
        owner=people[3], visibility=Visibility.NETWORK, status=QuestionStatus.OPEN
    )
    open_shared.networks.add(a)
    gone = LearningQuestionFactory(
        owner=left, visibility=Visibility.NETWORK, status=QuestionStatus.OPEN
    )
    gone.networks.add(a)  # shared while she was a member; she has left A since
    ContactMomentFactory(network=a, date=_days(10))
    ContactMomentFactory(network=a, date=_days(200))

    # B: sowing (no question, no facilitator, two participants) with outcomes, a story and
    # the facilitator's phase set to harvest; no term.
    b = NetworkFactory(central_question="", start_date=None, planned_end_date=None)
    b_people = [make_member(b), make_member(b)]
    other_network = LearningQuestionFactory(owner=b_people[0], visibility=Visibility.NETWORK)
    other_network.networks.add(a)  # shared with A, where its owner is not a member
    services.record_outcome(b, by=None, kind="insight", description="Inzicht", visibility="network")
    services.record_outcome(b, by=None, kind="insight", description="Nog een", visibility="network")
    services.record_outcome(
        b, by=None, kind="school_improvement", description="Beleid", visibility="network"
    )
    services.record_value_story(
        b,
        by=None,
        title="Van intervisie naar beleid",
        visibility="academy",
        steps={"immediate": "Energie"},
    )
    services.set_phase(b, by=None, phase=Phase.HARVEST)

    # C: in the last quarter of its term; its latest round with answers is a tussenmeting
    # that A was in too without answering.
    c = NetworkFactory(start_date=_days(700), planned_end_date=_days(-30), contact_means=[])
    make_facilitator(c)
    for _ in range(6):
        make_member(c)
    past_meeting(c, days_ago=5)

    draft = NetworkFactory(status=NetworkStatus.DRAFT)
    make_member(draft)

    baseline = _closed_round(
        [a], [[3, 4, 4, 4, 5]], kind=RoundKind.BASELINE, title="Nulmeting A", days_ago=100
    )
    interim = _closed_round(
        [a, c], [[], [2, 2, 2, 2, 2]], kind=RoundKind.INTERIM, title="Tussenmeting", days_ago=30
    )
    still_open = make_round([a], title="Nog open", opens_on=_days(2))
    answer_all(still_open, a, [5, 5, 5, 5, 5])
    return {
        "today": today,
        "a": a,
        "b": b,
        "c": c,
        "draft": draft,
        "baseline": baseline,
        "interim": interim,
    }


def test_all_reports_in_one_set_hold_the_evidence_the_rule_gives_each_network(world):
    assert services.compute_all_phase_reports() == 3
    reports = {r.network_id: r for r in PhaseReport.objects.filter(computed_on=world["today"])}
    assert set(reports) == {world["a"].pk, world["b"].pk, world["c"].pk}  # not the draft
    expected = {
        world["a"].pk: (*_expected_a(world), Phase.CULTIVATE),
        world["b"].pk: (*_expected_b(), Phase.HARVEST),  # the facilitator's phase
        world["c"].pk: (*_expected_c(world), Phase.HARVEST),
    }
    for network_id, (proposed, data, phase) in expected.items():
        report = reports[network_id]
        assert report.status == ComputationStatus.DONE
        assert (report.proposed_phase, report.phase) == (proposed, phase)
        assert report.data == data


def test_one_network_goes_through_the_same_set_code_and_gets_the_same_report(world):
    services.compute_all_phase_reports()
    together = {r.network_id: r.data for r in PhaseReport.objects.all()}
    PhaseReport.objects.all().delete()
    for key in ("a", "b", "c"):
        report = services.compute_phase_report(world[key].pk)
        assert report.status == ComputationStatus.DONE
        assert report.data == together[world[key].pk]
        assert selectors.phase_evidence(world[key], world["today"])[1] == together[world[key].pk]


def test_a_nulmeting_counts_while_the_network_cultivates_and_an_open_round_does_not(world):
    report = services.compute_phase_report(world["a"].pk)
    assert report.phase == Phase.CULTIVATE
    assert report.data["harvest"]["last_round"]["round_id"] == world["baseline"].pk
    assert EvaluationRound.objects.get(pk=world["baseline"].pk).kind == RoundKind.BASELINE


def test_a_network_that_fails_fails_alone(world, monkeypatch):
    evidence = phase_selectors._evidence

    def failing(network, rows, today):
        if network.pk == world["b"].pk:
            raise RuntimeError("kapot")
        return evidence(network, rows, today)

    monkeypatch.setattr(phase_selectors, "_evidence", failing)
    assert services.compute_all_phase_reports() == 2
    statuses = {r.network_id: (r.status, r.error) for r in PhaseReport.objects.all()}
    assert statuses == {
        world["a"].pk: (ComputationStatus.DONE, ""),
        world["b"].pk: (ComputationStatus.FAILED, "kapot"),
        world["c"].pk: (ComputationStatus.DONE, ""),
    }


def test_roles_other_than_participant_do_not_count_as_participants(world):
    make_member(world["c"], role=Role.PENVOERDER)
    report = services.compute_phase_report(world["c"].pk)
    assert report.data["sow"]["diversity"]["participants"] == 6
