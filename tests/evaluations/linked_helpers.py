"""Helpers of the linked-round tests (test_linked_*.py, test_pairing_upkeep.py): five
people's (nulmeting, now) answers, a nulmeting with its linked follow-up, answering through
the link, closing and computing, the first scale item's score."""

import datetime

from django.utils import timezone

from evaluations import services
from evaluations.enums import RoundKind
from evaluations.models import Invitation, ItemScore
from tests.factories import NetworkFactory, make_member
from tests.factories.evaluations import close, make_round

# (baseline, now) of five people; differences 1, 2, 0, 2, 1 (as in test_paired)
PAIRS = [(3, 4), (2, 4), (4, 4), (3, 5), (2, 3)]


def _network(members: int):
    network = NetworkFactory()
    people = [make_member(network) for _ in range(members)]
    return network, people


def _answer(evaluation, network, person, value: int) -> None:
    """The person answers every scale item of the round with `value`, through her link."""
    invitation = Invitation.objects.get(round=evaluation, network=network, person=person)
    answers = {item.pk: value for item in evaluation.items.all() if item.is_scale}
    services.save_response(invitation.token, answers=answers)


def _linked_pair(networks, *, today=None):
    """An open nulmeting of the networks (opened 200 days ago) and a linked follow-up."""
    today = today or timezone.localdate()
    baseline = make_round(
        networks,
        kind=RoundKind.BASELINE,
        title="Nulmeting",
        opens_on=today - datetime.timedelta(days=200),
        closes_on=today + datetime.timedelta(days=1),
    )
    follow_up = make_round(networks, kind=RoundKind.FINAL, title="Eindmeting")
    follow_up.baseline_round = baseline
    follow_up.save(update_fields=["baseline_round"])
    return baseline, follow_up


def _compute(*rounds):
    for evaluation in rounds:
        close(evaluation)
        services.compute_round_scores(evaluation.pk)


def _first_scale_score(evaluation, network=None) -> ItemScore:
    return (
        ItemScore.objects.filter(
            result__round=evaluation, result__network=network, item__kind="scale"
        )
        .select_related("item")
        .order_by("item__position")
        .first()
    )
