"""Helpers of the evaluations service tests (test_services_*.py): a network with
participants, the stored score of one item, and how many statements store new scores."""

import math

from django.db import connection

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


def score_inserts(rows: int) -> int:
    """The INSERT statements that store `rows` new item scores: one on PostgreSQL, which
    takes any number of rows in one statement; SQLite takes at most 999 parameters a
    statement, so Django's bulk_create splits the rows there."""
    if connection.vendor == "postgresql":
        return 1
    columns = len(ItemScore._meta.concrete_fields) - 1  # every column but the id
    return math.ceil(rows / (999 // columns))
