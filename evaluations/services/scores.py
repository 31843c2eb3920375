"""Computing a round's scores: the rows the reports show."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from .. import scoring
from ..enums import ComputationStatus, RoundKind, RoundStatus
from ..models import Answer, EvaluationRound, Invitation, ItemScore, Response, RoundResult


def _expand(counted) -> dict:
    """Rows of (key, value, count) -> key -> the values, in value order.

    Answers are whole numbers on a 1-5 scale, so the database counts them (one GROUP BY) and
    Python gets at most five rows per key instead of one row per answer."""
    values: dict = defaultdict(list)
    for key, value, count in sorted(counted, key=lambda row: (row[0], row[1])):
        values[key].extend([value] * count)
    return values


def _values(round_id: int) -> dict[tuple[int, int], list[int]]:
    """(network id, item id) -> the scale values given."""
    rows = (
        Answer.objects.filter(response__round_id=round_id, value__isnull=False)
        .values_list("response__network_id", "item_id", "value")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return _expand(
        ((network_id, item_id), value, count) for network_id, item_id, value, count in rows
    )


def _baseline_values(evaluation: EvaluationRound, network_ids: list[int]) -> dict:
    """network id -> item code -> values of that network's latest earlier closed nulmeting."""
    result: dict[int, dict[str, list[int]]] = {}
    if evaluation.kind == RoundKind.BASELINE:
        return result
    for network_id in network_ids:
        baseline = (
            EvaluationRound.objects.filter(
                kind=RoundKind.BASELINE,
                status=RoundStatus.CLOSED,
                networks=network_id,
                opens_on__lte=evaluation.opens_on,
            )
            .exclude(pk=evaluation.pk)
            .order_by("-opens_on", "-pk")
            .first()
        )
        if baseline is None:
            continue
        rows = (
            Answer.objects.filter(
                response__round=baseline, response__network_id=network_id, value__isnull=False
            )
            .exclude(item__code="")
            .values_list("item__code", "value")
            .annotate(count=Count("pk"))
            .order_by()
        )
        result[network_id] = _expand(rows)
    return result


def _score_fields(values, baseline, withheld: bool) -> dict:
    summary = scoring.summarise(values)
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
    if baseline and scoring.is_shown(len(baseline)):
        fields.update(
            baseline_n=len(baseline),
            baseline_mean=scoring.mean(baseline),
            change=summary.mean - scoring.mean(baseline),
            effect_size=scoring.cohens_d(baseline, values),
        )
    return fields


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


def _write(evaluation: EvaluationRound) -> None:
    network_ids = sorted(evaluation.networks.values_list("pk", flat=True))
    items = [item for item in evaluation.items.all() if item.is_scale]
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
    values = _values(evaluation.pk)
    baselines = _baseline_values(evaluation, network_ids)

    overall_withheld, withheld_networks = scoring.disclosure(
        sum(responded.values()), {n: responded[n] for n in network_ids}
    )
    keep_results = []
    results = {}
    for network_id in [*network_ids, None]:
        n_invited = sum(invited.values()) if network_id is None else invited[network_id]
        n_responded = sum(responded.values()) if network_id is None else responded[network_id]
        result, _ = RoundResult.objects.update_or_create(
            round=evaluation,
            network_id=network_id,
            defaults={
                "invited": n_invited,
                "responded": n_responded,
                "response_rate": scoring.response_rate(n_responded, n_invited),
                "is_withheld": overall_withheld
                if network_id is None
                else network_id in withheld_networks,
            },
        )
        keep_results.append(result.pk)
        results[network_id] = result
    RoundResult.objects.filter(round=evaluation).exclude(pk__in=keep_results).delete()

    existing = {
        (score.result_id, score.item_id): score
        for score in ItemScore.objects.filter(result__round=evaluation)
    }
    to_create: list[ItemScore] = []
    to_update: list[ItemScore] = []

    def save_score(result: RoundResult, item, fields: dict) -> None:
        score = existing.get((result.pk, item.pk))
        if score is None:
            to_create.append(ItemScore(result=result, item=item, **fields))
            return
        if any(getattr(score, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(score, name, value)
            to_update.append(score)

    for item in items:
        per_network = {n: values.get((n, item.pk), []) for n in network_ids}
        all_values = [v for n in network_ids for v in per_network[n]]
        item_overall_withheld, item_withheld = scoring.disclosure(
            len(all_values), {n: len(v) for n, v in per_network.items()}
        )
        for network_id in network_ids:
            withheld = results[network_id].is_withheld or network_id in item_withheld
            baseline = baselines.get(network_id, {}).get(item.code) if item.code else None
            save_score(
                results[network_id],
                item,
                _score_fields(per_network[network_id], baseline, withheld),
            )
        overall_baseline = (
            [v for n in network_ids for v in baselines.get(n, {}).get(item.code, [])]
            if item.code
            else []
        )
        save_score(
            results[None],
            item,
            _score_fields(
                all_values,
                overall_baseline,
                results[None].is_withheld or item_overall_withheld,
            ),
        )
    ItemScore.objects.bulk_create(to_create)
    if to_update:
        ItemScore.objects.bulk_update(to_update, _SCORE_FIELDS)
    ItemScore.objects.filter(result__round=evaluation).exclude(
        item__in=[item.pk for item in items]
    ).delete()


def _test_pause() -> None:
    """TEST HOOK ONLY: the reliability tests set LEERNETWERK_TEST_SCORES_PAUSE (seconds, in
    leernetwerk/settings_test.py only) so a worker can be killed mid-computation. Unset (0)
    everywhere else."""
    pause = getattr(settings, "LEERNETWERK_TEST_SCORES_PAUSE", 0)
    if pause:
        import time

        time.sleep(pause)


def compute_round_scores(round_id: int) -> None:
    """Compute and store a round's results (per network and overall) in one transaction.

    Marks the round running first (visible to staff), then done, or failed with the error.
    Idempotent: running it again yields the same rows. Called by the Celery task."""
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
    """Re-dispatch computations whose worker died: rounds marked running whose row no worker
    holds locked (a live computation holds it for its whole transaction; a killed one's
    connection is gone, so its lock is too). They go back to pending. Returns their ids.

    Celery would redeliver the unacknowledged message too, but only after the broker's
    visibility timeout (an hour); this makes reports complete within a beat interval. Running
    a computation twice is harmless: it is idempotent and serialised by the row lock."""
    from leernetwerk.dispatch import enqueue

    from ..tasks import task_compute_round_scores

    with transaction.atomic():
        stuck = list(
            EvaluationRound.objects.select_for_update(skip_locked=True)
            .filter(scores_status=ComputationStatus.RUNNING)
            .values_list("pk", flat=True)
        )
        EvaluationRound.objects.filter(pk__in=stuck).update(scores_status=ComputationStatus.PENDING)
        for round_id in stuck:
            enqueue(task_compute_round_scores, round_id=round_id)
    return stuck
