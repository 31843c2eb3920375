"""Computing rounds' scores: the rows the reports show.

One round (on demand, or a round closed by hand) and many rounds at once (the daily close, at
the end of a school year hundreds of rounds close on the same day) go through the same code:
a fixed number of queries for the whole set of rounds, whatever their number."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from leernetwerk.bulk import insert_rows

from .. import scoring
from ..enums import ComputationStatus, ItemKind, RoundKind, RoundStatus
from ..models import (
    Answer,
    EvaluationRound,
    Invitation,
    Item,
    ItemScore,
    Response,
    RoundResult,
)

logger = logging.getLogger(__name__)

Counts = dict[int, int]  # scale value -> how many gave it


def _networks_with_baselines(rounds: list[EvaluationRound]) -> dict[int, dict[int, int | None]]:
    """round id -> {network id -> id of its latest earlier closed nulmeting (None without
    one)} for the rounds' networks, in one query whatever their number. A nulmeting itself is
    compared with nothing."""
    latest_baseline = (
        EvaluationRound.objects.filter(
            kind=RoundKind.BASELINE,
            status=RoundStatus.CLOSED,
            networks=OuterRef("network_id"),
            opens_on__lte=OuterRef("evaluationround__opens_on"),
        )
        .exclude(pk=OuterRef("evaluationround_id"))
        .order_by("-opens_on", "-pk")
        .values("pk")[:1]
    )
    links = (
        EvaluationRound.networks.through.objects.filter(
            evaluationround__in=[evaluation.pk for evaluation in rounds]
        )
        .annotate(baseline_id=Subquery(latest_baseline))
        .values_list("evaluationround_id", "network_id", "baseline_id")
        .order_by("evaluationround_id", "network_id")
    )
    is_baseline = {evaluation.pk: evaluation.kind == RoundKind.BASELINE for evaluation in rounds}
    baselines: dict[int, dict[int, int | None]] = {evaluation.pk: {} for evaluation in rounds}
    for round_id, network_id, baseline_id in links:
        baselines[round_id][network_id] = None if is_baseline[round_id] else baseline_id
    return baselines


def _answer_counts(
    round_ids: set[int], needed: set[tuple[int, int]], codes: dict[int, str]
) -> tuple[dict[tuple[int, int, int], Counts], dict[tuple[int, int, str], Counts]]:
    """Counts of the scale values given, in one GROUP BY over the rounds' answers and those of
    the nulmetingen they compare with (the database counts, so Python gets at most five rows
    per round, network and item): (round id, network id, item id) -> counts in that round, and
    (nulmeting id, network id, item code) -> counts in that nulmeting, for the (nulmeting id,
    network id) pairs `needed`."""
    condition = Q(response__round_id__in=round_ids)
    outside = {pair for pair in needed if pair[0] not in round_ids}
    if outside:
        # A superset of the pairs (filtered below): two IN lists cost the database far less
        # than one OR term per nulmeting.
        condition |= Q(
            response__round_id__in={round_id for round_id, _ in outside},
            response__network_id__in={network_id for _, network_id in outside},
        )
    rows = (
        Answer.objects.filter(condition, value__isnull=False)
        .values_list("response__round_id", "response__network_id", "item_id", "value")
        .annotate(count=Count("pk"))
        .order_by()
    )
    current: dict[tuple[int, int, int], Counts] = defaultdict(dict)
    baseline: dict[tuple[int, int, str], Counts] = defaultdict(dict)
    for round_id, network_id, item_id, value, count in rows:
        if round_id in round_ids:
            current[round_id, network_id, item_id][value] = count
        # A round of the batch can also be another one's nulmeting: no elif.
        if codes[item_id] and (round_id, network_id) in needed:
            counts = baseline[round_id, network_id, codes[item_id]]
            counts[value] = counts.get(value, 0) + count  # items sharing a code add up
    return current, baseline


def _add(counts: list[Counts]) -> Counts:
    total: Counts = {}
    for one in counts:
        for value, count in one.items():
            total[value] = total.get(value, 0) + count
    return total


def _score_fields(counts: Counts, baseline: Counts | None, withheld: bool) -> dict:
    summary = scoring.summarise_counts(counts)
    fields = {
        "n": summary.n,
        "is_withheld": withheld,
        "mean": None,
        "sd": None,
        "distribution": [],
        "share_agreeing": None,
        "baseline_n": None,
        "baseline_mean": None,
        "change": None,
        "effect_size": None,
    }
    if withheld:
        return fields
    fields.update(
        mean=summary.mean,
        sd=summary.sd,
        distribution=list(summary.distribution),
        share_agreeing=summary.share_agreeing,
    )
    baseline_n = sum(baseline.values()) if baseline else 0
    if scoring.is_shown(baseline_n):
        baseline_mean = scoring.mean_of_counts(baseline)
        fields.update(
            baseline_n=baseline_n,
            baseline_mean=baseline_mean,
            change=summary.mean - baseline_mean,
            effect_size=scoring.cohens_d_of_counts(baseline, counts),
        )
    return fields


_RESULT_FIELDS = ["invited", "responded", "response_rate", "is_withheld"]
_SCORE_FIELDS = [
    "n",
    "is_withheld",
    "mean",
    "sd",
    "distribution",
    "share_agreeing",
    "baseline_n",
    "baseline_mean",
    "change",
    "effect_size",
]


def _assign(row, fields: dict) -> bool:
    """Set the fields whose value differs; True when any did (the row needs saving)."""
    changed = False
    for name, value in fields.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _counts_per_network(model, round_ids: set[int]) -> dict[int, dict[int, int]]:
    """round id -> {network id -> rows of `model` (invitations, responses)}, in one query."""
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for round_id, network_id, count in (
        model.objects.filter(round_id__in=round_ids)
        .values_list("round_id", "network_id")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts[round_id][network_id] = count
    return counts


def _write_rounds(rounds: list[EvaluationRound]) -> None:
    """Store the rounds' results and item scores. A fixed number of queries, whatever the
    number of rounds, networks and items; rows that are already right are not written again.
    Each round's rows are exactly those it gets when computed on its own."""
    round_ids = {evaluation.pk for evaluation in rounds}
    baselines = _networks_with_baselines(rounds)
    needed = {
        (baseline_id, network_id)
        for per_network in baselines.values()
        for network_id, baseline_id in per_network.items()
        if baseline_id is not None
    }
    codes: dict[int, str] = {}
    items: dict[int, list[tuple[int, str]]] = defaultdict(list)  # scale items (id, code)
    for item_id, round_id, code, kind in (
        Item.objects.filter(round_id__in=round_ids | {round_id for round_id, _ in needed})
        .order_by("position", "pk")
        .values_list("pk", "round_id", "code", "kind")
    ):
        codes[item_id] = code
        if round_id in round_ids and kind == ItemKind.SCALE:
            items[round_id].append((item_id, code))
    invited = _counts_per_network(Invitation, round_ids)
    responded = _counts_per_network(Response, round_ids)
    current, baseline = _answer_counts(round_ids, needed, codes)

    existing_results = {
        (result.round_id, result.network_id): result
        for result in RoundResult.objects.filter(round_id__in=round_ids).order_by()
    }
    results: dict[tuple[int, int | None], RoundResult] = {}
    new_results: list[RoundResult] = []
    changed_results: list[RoundResult] = []
    for evaluation in rounds:
        network_ids = list(baselines[evaluation.pk])
        round_invited, round_responded = invited[evaluation.pk], responded[evaluation.pk]
        overall_withheld, withheld_networks = scoring.disclosure(
            sum(round_responded.values()), {n: round_responded.get(n, 0) for n in network_ids}
        )
        for network_id in [*network_ids, None]:
            if network_id is None:  # overall: networks taken off the round still count
                n_invited, n_responded = sum(round_invited.values()), sum(round_responded.values())
            else:
                n_invited = round_invited.get(network_id, 0)
                n_responded = round_responded.get(network_id, 0)
            fields = {
                "invited": n_invited,
                "responded": n_responded,
                "response_rate": scoring.response_rate(n_responded, n_invited),
                "is_withheld": overall_withheld
                if network_id is None
                else network_id in withheld_networks,
            }
            key = (evaluation.pk, network_id)
            result = existing_results.get(key)
            if result is None:
                result = RoundResult(round_id=evaluation.pk, network_id=network_id, **fields)
                new_results.append(result)
            elif _assign(result, fields):
                changed_results.append(result)
            results[key] = result
    stale_results = {r.pk for key, r in existing_results.items() if key not in results}
    if stale_results:  # networks taken off a round; their scores go with them (cascade)
        RoundResult.objects.filter(pk__in=stale_results).delete()
    if new_results:
        RoundResult.objects.bulk_create(new_results)
    if changed_results:
        RoundResult.objects.bulk_update(changed_results, _RESULT_FIELDS)

    # Stored scores as plain values: comparing them costs far less than model instances.
    existing_scores = (
        {
            (result_id, item_id): (pk, dict(zip(_SCORE_FIELDS, values, strict=True)))
            for pk, result_id, item_id, *values in ItemScore.objects.filter(
                result__in=[result.pk for result in existing_results.values()]
            )
            .order_by()
            .values_list("pk", "result_id", "item_id", *_SCORE_FIELDS)
        }
        if existing_results
        else {}
    )
    new_scores: list[tuple] = []  # (result id, item id, *the _SCORE_FIELDS values)
    changed_scores: list[ItemScore] = []

    def save_score(result: RoundResult, item_id: int, fields: dict) -> None:
        stored = existing_scores.pop((result.pk, item_id), None)
        if stored is None:
            new_scores.append((result.pk, item_id, *(fields[name] for name in _SCORE_FIELDS)))
        elif stored[1] != fields:
            changed_scores.append(ItemScore(result_id=result.pk, item_id=item_id, **fields))

    for evaluation in rounds:
        network_ids = list(baselines[evaluation.pk])
        baseline_of = baselines[evaluation.pk]
        overall = results[evaluation.pk, None]
        for item_id, code in items[evaluation.pk]:
            per_network = {n: current.get((evaluation.pk, n, item_id), {}) for n in network_ids}
            item_overall_withheld, item_withheld = scoring.disclosure(
                sum(sum(counts.values()) for counts in per_network.values()),
                {n: sum(counts.values()) for n, counts in per_network.items()},
            )
            network_baselines = {
                n: baseline.get((baseline_of[n], n, code), {}) if code else None
                for n in network_ids
            }
            for network_id in network_ids:
                result = results[evaluation.pk, network_id]
                save_score(
                    result,
                    item_id,
                    _score_fields(
                        per_network[network_id],
                        network_baselines[network_id],
                        result.is_withheld or network_id in item_withheld,
                    ),
                )
            save_score(
                overall,
                item_id,
                _score_fields(
                    _add(list(per_network.values())),
                    _add(list(network_baselines.values())) if code else None,
                    overall.is_withheld or item_overall_withheld,
                ),
            )
    # Left over: scores of items no longer scale items of their round (those of stale results
    # went with them).
    stale_scores = [
        pk for (result_id, _), (pk, _) in existing_scores.items() if result_id not in stale_results
    ]
    if stale_scores:
        ItemScore.objects.filter(pk__in=stale_scores).delete()
    # A plain INSERT (no row can exist: the rounds are locked since the scores were read);
    # ON CONFLICT would cost the database three times as much.
    insert_rows(ItemScore, ["result", "item", *_SCORE_FIELDS], new_scores)
    if changed_scores:
        # One upsert (INSERT ... ON CONFLICT DO UPDATE, keeping the row's id); bulk_update
        # would build a CASE per field and row in Python, ~50 ms for one round whose scores
        # all changed.
        ItemScore.objects.bulk_create(
            changed_scores,
            update_conflicts=True,
            unique_fields=["result", "item"],
            update_fields=_SCORE_FIELDS,
        )


def _write(evaluation: EvaluationRound) -> None:
    """Store one round's results and item scores (the batch of one)."""
    _write_rounds([evaluation])


def _test_pause() -> None:
    """TEST HOOK ONLY: the reliability tests set LEERNETWERK_TEST_SCORES_PAUSE (seconds, in
    leernetwerk/settings_test.py only) so a worker can be killed mid-computation. Unset (0)
    everywhere else."""
    pause = getattr(settings, "LEERNETWERK_TEST_SCORES_PAUSE", 0)
    if pause:
        import time

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


def compute_round_scores(round_id: int) -> None:
    """Compute and store a round's results (per network and overall) in one transaction.

    Marks the round running first (visible to staff), then done, or failed with the error.
    Idempotent: running it again yields the same rows. Called by the Celery task."""
    with _computing_lock(round_id):
        EvaluationRound.objects.filter(pk=round_id).update(
            scores_status=ComputationStatus.RUNNING, scores_error=""
        )
        try:
            with transaction.atomic():
                evaluation = EvaluationRound.objects.select_for_update().get(pk=round_id)
                _write(evaluation)
                _test_pause()
                EvaluationRound.objects.filter(pk=round_id).update(
                    scores_status=ComputationStatus.DONE, scores_computed_at=timezone.now()
                )
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
                _write_rounds(rounds)
                _test_pause()
                EvaluationRound.objects.filter(pk__in=round_ids).update(
                    scores_status=ComputationStatus.DONE, scores_computed_at=timezone.now()
                )
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
    from leernetwerk.dispatch import enqueue

    from ..tasks import task_compute_round_scores

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
