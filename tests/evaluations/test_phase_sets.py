"""Phase reports computed set-wise (issue 12): every network's report in a fixed number of
queries, with exactly the evidence the rule gives each network on its own.

The rule for the scores in a report: the latest closed round with answers from the network
counts, whatever kind of round (a nulmeting too) and whatever phase the network is in; a round
without answers from the network, or still open, does not."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluations import selectors, services
from evaluations.enums import ComputationStatus, OutcomeKind, RoundKind
from evaluations.models import EvaluationRound, Item, PhaseReport
from evaluations.selectors import phases as phase_selectors
from meetings.enums import MeetingStatus
from networks.enums import NetworkStatus, Phase, Role
from participants.enums import Function, QuestionStatus, Region, Visibility
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
from tests.factories.evaluations import answer_all, close, make_round
from tests.factories.meetings import CaseFactory, ContactMomentFactory, past_meeting

pytestmark = pytest.mark.django_db

NO_OUTCOMES = dict.fromkeys(OutcomeKind.values, 0)


def _days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def _closed_round(networks, values_per_network, *, kind, title, days_ago):
    evaluation = make_round(
        networks, kind=kind, title=title, opens_on=_days(days_ago), closes_on=_days(-1)
    )
    for network, values in zip(networks, values_per_network, strict=True):
        if values:
            answer_all(evaluation, network, values)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    return evaluation


def _scale_items(evaluation, mean, n, codes=None):
    """The report's item rows of a round where every respondent gave the same answers."""
    items = Item.objects.filter(round=evaluation, kind="scale").order_by("position")
    return [
        {
            "item": item.text,
            "withheld": False,
            "mean": mean,
            "n": n,
            "change": None,
            "effect_size": None,
        }
        for item in items
        if codes is None or item.code in codes
    ]


def _summary(evaluation, mean, n, codes=None):
    return {
        "round": evaluation.title,
        "round_id": evaluation.pk,
        "kind": evaluation.kind,
        "items": _scale_items(evaluation, mean, n, codes),
    }


def _with_pairs(summary):
    """A round as the report lists it among every round: its items with the change per
    person too (none here: no round of this world is linked to a nulmeting)."""
    items = [{**item, "paired_change": None, "paired_n": None} for item in summary["items"]]
    return {**summary, "items": items}


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


def _expected_a(world):
    baseline = world["baseline"]
    a = world["a"]
    latest = _summary(baseline, 4.0, 5)
    return Phase.CULTIVATE, {
        "sow": {
            "conditions": {
                "central_question": True,
                "six_fixed_participants": True,
                "facilitator": True,
                "first_meeting_held": True,
            },
            "diversity": {
                "participants": 7,
                "functions": 2,  # team leader, rector
                "schools": 6,  # p4 has none
                "school_types": 3,  # havo, vwo, vmbo
                "regions": 2,  # Utrecht, Groningen
            },
            # people[0]'s and people[3]'s; not the private one, nor those of the outsider,
            # of B's member or of the member who left
            "learning_questions": {"count": 2, "share": 2 / 7},
            "atmosphere": _summary(baseline, 4.0, 5, {"atmosphere", "cohesion"}),
            "participation": {"count": 3, "share": 3 / 7},  # p1 and p2 prepare, p2 and p5 cases
        },
        "cultivate": {
            "meetings_held": 2,
            "meetings_planned": round(3 * 180 / 365.25, 1),
            "attendance": [
                {
                    "date": _days(60).isoformat(),
                    "title": _title(a, 60),
                    "present": 2,
                    "recorded": 3,
                    "share": 2 / 3,
                },
                {
                    "date": _days(20).isoformat(),
                    "title": _title(a, 20),
                    "present": 0,
                    "recorded": 0,
                    "share": None,
                },
            ],
            "contact_moments": 2,
            "contact_moments_recent": 1,
            "contact_means": ["buddy_groups"],
            "new_members": 2,  # p7 (30 days ago) and the one who left; the rest at the start
            "questions_in_progress": 1,
            "questions_open": 1,  # people[3]'s: owners who are not current members count not
            "latest_scores": latest,
            "rounds": [_with_pairs(latest)],
        },
        "harvest": {
            "outcomes": NO_OUTCOMES,
            "outcomes_total": 0,
            "stories": 0,
            "last_round": latest,
            "rounds": [_with_pairs(latest)],
            "last_quarter_from": (a.planned_end_date - datetime.timedelta(days=182)).isoformat(),
        },
    }


def _title(network, days_ago):
    return network.meetings.get(starts_at__date=_days(days_ago)).title


def _expected_b():
    return Phase.SOW, {
        "sow": {
            "conditions": {
                "central_question": False,
                "six_fixed_participants": False,
                "facilitator": False,
                "first_meeting_held": False,
            },
            "diversity": {
                "participants": 2,
                "functions": 1,
                "schools": 2,
                "school_types": 2,
                "regions": 1,
            },
            "learning_questions": {"count": 0, "share": 0.0},
            "atmosphere": None,
            "participation": {"count": 0, "share": 0.0},
        },
        "cultivate": {
            "meetings_held": 0,
            "meetings_planned": 0.0,
            "attendance": [],
            "contact_moments": 0,
            "contact_moments_recent": 0,
            "contact_means": ["buddy_groups"],
            "new_members": 2,  # no start date: joined within the year
            "questions_in_progress": 0,
            "questions_open": 0,
            "latest_scores": None,
            "rounds": [],
        },
        "harvest": {
            "outcomes": NO_OUTCOMES | {"insight": 2, "school_improvement": 1},
            "outcomes_total": 3,
            "stories": 1,
            "last_round": None,
            "rounds": [],
            "last_quarter_from": None,
        },
    }


def _expected_c(world):
    c, interim = world["c"], world["interim"]
    latest = _summary(interim, 2.0, 5)
    return Phase.HARVEST, {
        "sow": {
            "conditions": {
                "central_question": True,
                "six_fixed_participants": True,
                "facilitator": True,
                "first_meeting_held": True,
            },
            "diversity": {
                "participants": 6,
                "functions": 1,
                "schools": 6,
                "school_types": 2,
                "regions": 1,
            },
            "learning_questions": {"count": 0, "share": 0.0},
            "atmosphere": _summary(interim, 2.0, 5, {"atmosphere", "cohesion"}),
            "participation": {"count": 0, "share": 0.0},
        },
        "cultivate": {
            "meetings_held": 1,
            "meetings_planned": round(3 * 700 / 365.25, 1),
            "attendance": [
                {
                    "date": _days(5).isoformat(),
                    "title": _title(c, 5),
                    "present": 0,
                    "recorded": 0,
                    "share": None,
                }
            ],
            "contact_moments": 0,
            "contact_moments_recent": 0,
            "contact_means": [],
            "new_members": 0,
            "questions_in_progress": 0,
            "questions_open": 0,
            "latest_scores": latest,
            "rounds": [_with_pairs(latest)],
        },
        "harvest": {
            "outcomes": NO_OUTCOMES,
            "outcomes_total": 0,
            "stories": 0,
            "last_round": latest,
            "rounds": [_with_pairs(latest)],
            "last_quarter_from": (
                c.planned_end_date - datetime.timedelta(days=730 // 4)
            ).isoformat(),
        },
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
