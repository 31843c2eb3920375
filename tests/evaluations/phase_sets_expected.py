"""What the set-wise phase reports (test_phase_sets_*.py) must hold: closed rounds made
for the test, and the evidence expected for each network of the evidence test's world."""

import datetime

from django.utils import timezone

from evaluations import services
from evaluations.enums import OutcomeKind
from evaluations.models import Item
from networks.enums import Phase
from tests.factories.evaluations import answer_all, close, make_round

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
