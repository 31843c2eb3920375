"""Running score computations: one round or a batch, marked running/done/failed, with the
locks that tell a live computation from one whose worker died."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from leernetwerk.dispatch import enqueue

from ...enums import ComputationStatus, RoundStatus
from ...models import EvaluationRound
from ...tasks import task_compute_round_scores
from ..phases import request_phase_reports
from . import writing

logger = logging.getLogger(__name__)


def _test_pause() -> None:
    """TEST HOOK ONLY: the reliability tests set LEERNETWERK_TEST_SCORES_PAUSE (seconds, in
    leernetwerk/settings_test.py only) so a worker can be killed mid-computation. Unset (0)
    everywhere else."""
    pause = getattr(settings, "LEERNETWERK_TEST_SCORES_PAUSE", 0)
    if pause:
        time.sleep(pause)


# Namespace of the PostgreSQL advisory locks that mark a score computation as alive.
_COMPUTING_LOCK_CLASS = 7301


@contextmanager
def _computing_lock(*round_ids: int):
    """Held by a live computation of the rounds from before they are marked running until it
    ends; the database drops it with the connection of a worker that dies. Session-level
    advisory locks on PostgreSQL, taken in one statement in id order (one process does
    everything on SQLite, so none is needed there)."""
    if connection.vendor != "postgresql":
        yield
        return
    ids = sorted(round_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_lock(%s, id) FROM unnest(%s::int[]) AS id ORDER BY id",
            [_COMPUTING_LOCK_CLASS, ids],
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, id) FROM unnest(%s::int[]) AS id",
                [_COMPUTING_LOCK_CLASS, ids],
            )


def _computation_is_alive(round_id: int) -> bool:
    """Whether some connection holds the round's computing lock (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_COMPUTING_LOCK_CLASS, round_id])
        (acquired,) = cursor.fetchone()
        if acquired:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_COMPUTING_LOCK_CLASS, round_id])
    return not acquired


def _mark_computed(rounds: list[EvaluationRound]) -> None:
    """Done for the closed rounds; a round still open stays pending (it has no figures until
    it closes, and closing computes them)."""
    closed = [r.pk for r in rounds if r.status == RoundStatus.CLOSED]
    still_open = [r.pk for r in rounds if r.status != RoundStatus.CLOSED]
    if closed:
        EvaluationRound.objects.filter(pk__in=closed).update(
            scores_status=ComputationStatus.DONE, scores_computed_at=timezone.now()
        )
        # New figures: the phase reports of the networks that answered are recomputed after
        # commit (issue 12.4), so none keeps the figures of before.
        request_phase_reports(
            EvaluationRound.networks.through.objects.filter(
                evaluationround_id__in=closed
            ).values_list("network_id", flat=True)
        )
    if still_open:
        EvaluationRound.objects.filter(pk__in=still_open).update(
            scores_status=ComputationStatus.PENDING, scores_computed_at=None
        )


def compute_round_scores(round_id: int) -> None:
    """Compute and store a round's results (per network and overall) in one transaction.

    Marks the round running first (visible to staff), then done, or failed with the error.
    A round still open gets no figures and stays pending. Idempotent: running it again yields the same rows. Called by the Celery task."""
    with _computing_lock(round_id):
        EvaluationRound.objects.filter(pk=round_id).update(
            scores_status=ComputationStatus.RUNNING, scores_error=""
        )
        try:
            with transaction.atomic():
                evaluation = EvaluationRound.objects.select_for_update().get(pk=round_id)
                writing._write(evaluation)
                _test_pause()
                _mark_computed([evaluation])
        except Exception as error:
            EvaluationRound.objects.filter(pk=round_id).update(
                scores_status=ComputationStatus.FAILED, scores_error=str(error)[:2000]
            )
            raise


def compute_scores_of_rounds(round_ids: Iterable[int]) -> list[int]:
    """Compute and store the results of many rounds (per network and overall) in one pass and
    one transaction, with exactly the rows each gets from `compute_round_scores`: one query of
    each kind for all of them, not one set per round. Returns the ids of the rounds that
    failed.

    Marks them all running first, then done. Holds the row locks of all of them (taken in id
    order, so two batches cannot deadlock) until it commits: a concurrent computation of one
    of them waits, and `recover_score_computations` sees they are alive (their computing
    locks are held from before they are marked running). If the batch fails,
    nothing of it is kept and the rounds are computed one by one instead, so one bad round
    cannot fail the others: each ends done, or failed with its own error. Idempotent. Called
    by the Celery task of the daily close."""
    round_ids = sorted(set(round_ids))
    if not round_ids:
        return []
    try:
        with _computing_lock(*round_ids):
            EvaluationRound.objects.filter(pk__in=round_ids).update(
                scores_status=ComputationStatus.RUNNING, scores_error=""
            )
            with transaction.atomic():
                rounds = list(
                    EvaluationRound.objects.select_for_update()
                    .filter(pk__in=round_ids)
                    .order_by("pk")
                )
                if len(rounds) != len(round_ids):
                    raise EvaluationRound.DoesNotExist("a round of the batch no longer exists")
                writing._write_rounds(rounds)
                _test_pause()
                _mark_computed(rounds)
        return []
    except Exception:
        logger.exception("scores of %d rounds failed together; now one by one", len(round_ids))
    failed = []
    for round_id in round_ids:
        try:
            compute_round_scores(round_id)
        except Exception:
            logger.exception("scores of round %s failed", round_id)
            failed.append(round_id)
    return failed


def recover_score_computations() -> list[int]:
    """Re-dispatch computations whose worker died: rounds marked running that no live
    computation holds (it holds the round's computing lock from before it marks the round
    running until it ends, and the database drops a killed worker's lock with its
    connection; on SQLite, where there is no worker, the row lock). They go back to pending.
    Returns their ids.

    Celery would redeliver the unacknowledged message too, but only after the broker's
    visibility timeout (an hour); this makes reports complete within a beat interval. Running
    a computation twice is harmless: it is idempotent and serialised by the row lock."""
    with transaction.atomic():
        running = list(
            EvaluationRound.objects.select_for_update(skip_locked=True)
            .filter(scores_status=ComputationStatus.RUNNING)
            .values_list("pk", flat=True)
        )
        stuck = [round_id for round_id in running if not _computation_is_alive(round_id)]
        EvaluationRound.objects.filter(pk__in=stuck).update(scores_status=ComputationStatus.PENDING)
        for round_id in stuck:
            enqueue(task_compute_round_scores, round_id=round_id)
    return stuck
