"""Helpers of the evaluations service tests (test_services_*.py): a network with
participants, and the stored score of one item."""

from evaluations.models import ItemScore
from tests.factories import NetworkFactory, make_facilitator, make_member


def _network_with(n_participants=3):
    network = NetworkFactory()
    make_facilitator(network)
    for _ in range(n_participants):
        make_member(network)
    return network


def _score(evaluation, network, code="right_topics"):
    return ItemScore.objects.get(result__round=evaluation, result__network=network, item__code=code)
