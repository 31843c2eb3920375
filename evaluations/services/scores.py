"""Computing a round's scores: the rows the reports show."""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

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

Counts = dict[int, int]  # scale value -> how many gave it


def _networks_with_baselines(evaluation: EvaluationRound) -> dict[int, int | None]:
    """network id -> id of its latest earlier closed nulmeting (None without one), for the
    round's networks, in one query whatever their number."""
    links = EvaluationRound.networks.through.objects.filter(evaluationround=evaluation)
    if evaluation.kind == RoundKind.BASELINE:
        return dict.fromkeys(sorted(links.values_list("network_id", flat=True)))
    latest_baseline = (
        EvaluationRound.objects.filter(
            kind=RoundKind.BASELINE,
            status=RoundStatus.CLOSED,
            networks=OuterRef("network_id"),
            opens_on__lte=evaluation.opens_on,
        )
        .exclude(pk=evaluation.pk)
        .order_by("-opens_on", "-pk")
        .values("pk")[:1]
    )
    return dict(
        sorted(
            links.annotate(baseline_id=Subquery(latest_baseline)).values_list(
                "network_id", "baseline_id"
            )
        )
    )


def _answer_counts(
    evaluation: EvaluationRound, baselines: dict[int, int | None], codes: dict[int, str]
) -> tuple[dict[tuple[int, int], Counts], dict[tuple[int, str], Counts]]:
    """Counts of the scale values given, in one query (the database counts, so Python gets at
    most five rows per network and item): (network id, item id) -> counts in this round, and
    (network id, item code) -> counts in that network's baseline round."""
    condition = Q(response__round=evaluation)
    networks_of: dict[int, list[int]] = defaultdict(list)
    for network_id, baseline_id in baselines.items():
        if baseline_id is not None:
            networks_of[baseline_id].append(network_id)
    for baseline_id, network_ids in networks_of.items():
        condition |= Q(response__round_id=baseline_id, response__network_id__in=network_ids)
    rows = (
        Answer.objects.filter(condition, value__isnull=False)
        .values_list("response__round_id", "response__network_id", "item_id", "value")
        .annotate(count=Count("pk"))
        .order_by()
    )
    current: dict[tuple[int, int], Counts] = defaultdict(dict)
    baseline: dict[tuple[int, str], Counts] = defaultdict(dict)
    for round_id, network_id, item_id, value, count in rows:
        if round_id == evaluation.pk:
            current[network_id, item_id][value] = count
        elif codes[item_id] and baselines.get(network_id) == round_id:
            counts = baseline[network_id, codes[item_id]]
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


def _write(evaluation: EvaluationRound) -> None:
    """Store the round's results and item scores. A fixed number of queries, whatever the
    number of networks and items; rows that are already right are not written again."""
    baselines = _networks_with_baselines(evaluation)
    network_ids = list(baselines)
    rounds = {evaluation.pk, *baselines.values()} - {None}
    codes: dict[int, str] = {}
    items: list[tuple[int, str]] = []  # the round's scale items (id, code) in order
    for item_id, round_id, code, kind in (
        Item.objects.filter(round_id__in=rounds)
        .order_by("position", "pk")
        .values_list("pk", "round_id", "code", "kind")
    ):
        codes[item_id] = code
        if round_id == evaluation.pk and kind == ItemKind.SCALE:
            items.append((item_id, code))
    invited = defaultdict(
        int,
        Invitation.objects.filter(round=evaluation)
        .values_list("network_id")
        .annotate(count=Count("pk"))
        .order_by(),
    )
    responded = defaultdict(
        int,
        Response.objects.filter(round=evaluation)
        .values_list("network_id")
        .annotate(count=Count("pk"))
        .order_by(),
    )
    current, baseline = _answer_counts(evaluation, baselines, codes)

    overall_withheld, withheld_networks = scoring.disclosure(
        sum(responded.values()), {n: responded[n] for n in network_ids}
    )
    existing_results = {
        result.network_id: result
        for result in RoundResult.objects.filter(round=evaluation).order_by()
    }
    results: dict[int | None, RoundResult] = {}
    new_results: list[RoundResult] = []
    changed_results: list[RoundResult] = []
    for network_id in [*network_ids, None]:
        n_invited = sum(invited.values()) if network_id is None else invited[network_id]
        n_responded = sum(responded.values()) if network_id is None else responded[network_id]
        fields = {
            "invited": n_invited,
            "responded": n_responded,
            "response_rate": scoring.response_rate(n_responded, n_invited),
            "is_withheld": overall_withheld
            if network_id is None
            else network_id in withheld_networks,
        }
        result = existing_results.get(network_id)
        if result is None:
            result = RoundResult(round=evaluation, network_id=network_id, **fields)
            new_results.append(result)
        elif _assign(result, fields):
            changed_results.append(result)
        results[network_id] = result
    stale_results = [r.pk for key, r in existing_results.items() if key not in results]
    if stale_results:  # networks taken off the round; their scores go with them (cascade)
        RoundResult.objects.filter(pk__in=stale_results).delete()
    RoundResult.objects.bulk_create(new_results)
    if changed_results:
        RoundResult.objects.bulk_update(changed_results, _RESULT_FIELDS)

    existing_scores = (
        {
            (score.result_id, score.item_id): score
            for score in ItemScore.objects.filter(
                result__in=list(existing_results.values())
            ).order_by()
        }
        if existing_results
        else {}
    )
    to_save: list[ItemScore] = []  # new, or with a value changed

    def save_score(result: RoundResult, item_id: int, fields: dict) -> None:
        score = existing_scores.pop((result.pk, item_id), None)
        if score is None or _assign(score, fields):
            to_save.append(ItemScore(result=result, item_id=item_id, **fields))

    for item_id, code in items:
        per_network = {n: current.get((n, item_id), {}) for n in network_ids}
        item_overall_withheld, item_withheld = scoring.disclosure(
            sum(sum(counts.values()) for counts in per_network.values()),
            {n: sum(counts.values()) for n, counts in per_network.items()},
        )
        for network_id in network_ids:
            withheld = results[network_id].is_withheld or network_id in item_withheld
            save_score(
                results[network_id],
                item_id,
                _score_fields(
                    per_network[network_id],
                    baseline.get((network_id, code)) if code else None,
                    withheld,
                ),
            )
        overall_baseline = (
            _add([baseline.get((n, code), {}) for n in network_ids]) if code else None
        )
        save_score(
            results[None],
            item_id,
            _score_fields(
                _add(list(per_network.values())),
                overall_baseline,
                results[None].is_withheld or item_overall_withheld,
            ),
        )
    # Left over: scores of items no longer scale items of the round (those of stale results
    # went with them).
    stale_scores = [
        score.pk for score in existing_scores.values() if score.result_id not in stale_results
    ]
    if stale_scores:
        ItemScore.objects.filter(pk__in=stale_scores).delete()
    if to_save:
        # One upsert (INSERT ... ON CONFLICT DO UPDATE, keeping the row's id) for new and
        # changed scores alike; bulk_update would build a CASE per field and row in Python,
        # ~50 ms for one round whose scores all changed.
        ItemScore.objects.bulk_create(
            to_save,
            update_conflicts=True,
            unique_fields=["result", "item"],
            update_fields=_SCORE_FIELDS,
        )


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
def _computing_lock(round_id: int):
    """Held by a live computation of the round from before it is marked running until it
    ends; the database drops it with the connection of a worker that dies. A session-level
    advisory lock on PostgreSQL (one process does everything on SQLite, so none is needed)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [_COMPUTING_LOCK_CLASS, round_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_COMPUTING_LOCK_CLASS, round_id])


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
