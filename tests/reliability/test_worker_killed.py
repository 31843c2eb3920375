"""A worker killed with SIGKILL during score computation, 20 times, still ends with complete
and correct reports and no duplicate rows.

Each round trip: a worker (its own process group) takes the computation, which pauses inside
its transaction through the test hook LEERNETWERK_TEST_SCORES_PAUSE; once the worker holds
the round's row lock (it is computing), the whole group gets SIGKILL at a random moment. The
beat task `recover_score_computations` then re-dispatches the round, stuck in "running", to
the next worker. The broker's own redelivery (visibility timeout, an hour) is not waited for."""

from __future__ import annotations

import random
import statistics
import time

import pytest
from django.db import transaction

from evaluations.enums import ComputationStatus
from evaluations.models import EvaluationRound, ItemScore, RoundResult
from evaluations.services import close_round, compute_round_scores
from evaluations.services.scores import recover_score_computations
from evaluations.tasks import task_recover_score_computations
from tests.conftest import wait_for
from tests.factories import NetworkFactory, make_member, make_staff
from tests.factories.evaluations import answer_all, make_round

KILLS = 20
NETWORKS = 3
PER_NETWORK = 8


def _computing(round_id: int) -> bool:
    """True while a worker is inside the computation's transaction: the round is marked
    running and its row is locked. (The row lock alone is not enough: the round's
    invitation task also locks the row for a moment, while the round is still pending.)"""
    with transaction.atomic():
        free = EvaluationRound.objects.select_for_update(skip_locked=True).filter(pk=round_id)
        if list(free.values_list("pk", flat=True)):
            return False
    return EvaluationRound.objects.get(pk=round_id).scores_status == ComputationStatus.RUNNING


def _report_rows(evaluation) -> dict:
    return {
        "results": sorted(
            RoundResult.objects.filter(round=evaluation).values_list(
                "pk", "network_id", "invited", "responded", "response_rate", "is_withheld"
            ),
            key=repr,
        ),
        "scores": sorted(
            ItemScore.objects.filter(result__round=evaluation).values_list(
                "pk", "result_id", "item_id", "n", "mean", "sd", "distribution", "is_withheld"
            ),
            key=repr,
        ),
    }


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_score_computation_survives_20_sigkills(app_on_private_redis, workers):
    rng = random.Random(20261122)
    networks = [NetworkFactory() for _ in range(NETWORKS)]
    for network in networks:
        for _ in range(PER_NETWORK):
            make_member(network)
    evaluation = make_round(networks)
    for network in networks:
        answer_all(evaluation, network, [rng.randint(1, 5) for _ in range(PER_NETWORK)])
    scale_items = [item for item in evaluation.items.all() if item.is_scale]
    close_round(evaluation, by=make_staff())  # publishes the computation to the private Redis

    started = time.monotonic()
    for kill in range(KILLS):
        worker = workers.start(app_on_private_redis.url, LEERNETWERK_TEST_SCORES_PAUSE="30")
        if kill:  # the previous worker died mid-computation: recovery re-dispatches
            assert wait_for(lambda: recover_score_computations(), timeout=30) == [evaluation.pk]
        wait_for(lambda: _computing(evaluation.pk), timeout=60, interval=0.05)
        assert EvaluationRound.objects.get(pk=evaluation.pk).scores_status == "running"
        time.sleep(rng.uniform(0, 0.5))
        workers.kill(worker)  # SIGKILL to the whole process group
        assert RoundResult.objects.filter(round=evaluation).count() == 0  # rolled back
    # The last worker is left alone; the beat task (run here) hands it the round.
    workers.start(app_on_private_redis.url)
    assert wait_for(lambda: task_recover_score_computations(), timeout=30) == 1
    wait_for(
        lambda: (
            EvaluationRound.objects.get(pk=evaluation.pk).scores_status == ComputationStatus.DONE
        ),
        timeout=60,
    )
    print(f"{KILLS} kills and recovery in {time.monotonic() - started:.0f} s")

    # Complete, no duplicates: one result per network plus the overall one, one score per
    # item (scale and open) per result.
    by_worker = _report_rows(evaluation)
    assert len(by_worker["results"]) == NETWORKS + 1
    assert len(by_worker["scores"]) == evaluation.items.count() * (NETWORKS + 1)
    # Correct: the same rows as an eager computation in this process gives.
    compute_round_scores(evaluation.pk)
    assert _report_rows(evaluation) == by_worker
    # And the overall mean of an item is the mean of the answers given.
    from evaluations.models import Answer

    item = scale_items[0]
    values = list(
        Answer.objects.filter(item=item, value__isnull=False).values_list("value", flat=True)
    )
    overall = ItemScore.objects.get(result__round=evaluation, result__network=None, item=item)
    assert overall.n == NETWORKS * PER_NETWORK
    assert overall.mean == pytest.approx(statistics.mean(values))


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_recovery_leaves_a_live_computation_alone_before_it_locks_the_row(monkeypatch):
    """A worker marks the round running and only then opens its transaction: in between, the
    row is not locked yet. Its computing lock (taken before marking) tells recovery it lives;
    once its connection is gone, the round is recovered."""
    import threading

    from django.db import connection as main_connection
    from django.db import connections

    from evaluations.services.scores.running import _computing_lock

    evaluation = make_round([NetworkFactory()])
    EvaluationRound.objects.filter(pk=evaluation.pk).update(scores_status=ComputationStatus.RUNNING)
    dispatched = []
    monkeypatch.setattr(
        "evaluations.services.scores.running.enqueue",
        lambda task, **ids: dispatched.append((task.name, ids)),
    )
    locked, release = threading.Event(), threading.Event()

    def live_worker():
        with _computing_lock(evaluation.pk):  # holds it like a computation between its steps
            locked.set()
            release.wait(30)
        connections.close_all()

    thread = threading.Thread(target=live_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert main_connection.vendor == "postgresql"
        assert recover_score_computations() == []
        assert EvaluationRound.objects.get(pk=evaluation.pk).scores_status == "running"
    finally:
        release.set()
        thread.join(30)
    assert recover_score_computations() == [evaluation.pk]
    assert dispatched == [
        ("leernetwerk.evaluations.compute_round_scores", {"round_id": evaluation.pk})
    ]
