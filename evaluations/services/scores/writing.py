"""Computing rounds' scores: the rows the reports show.

Only closed rounds get figures: while a round is open, one more response would change them by
exactly that person's answer (DOMAIN.md, Evaluations). Every kind of answer (scale values,
"don't know", open comments) goes through the same small-group rule, per network and overall
(`scoring.disclosure`).

One round (on demand, or a round closed by hand) and many rounds at once (the daily close, at
the end of a school year hundreds of rounds close on the same day) go through the same code:
a fixed number of queries for the whole set of rounds, whatever their number."""

from __future__ import annotations

import operator
from collections import defaultdict

from leernetwerk.bulk import insert_rows

from ... import scoring
from ...enums import ItemKind, RoundStatus
from ...models import (
    EvaluationRound,
    Item,
    ItemScore,
    RoundResult,
)
from . import pairing
from .counting import (
    Counts,
    answer_counts,
    invitations_per_network,
    networks_with_baselines,
    sent_responses,
)


def _add(counts: list[Counts]) -> Counts:
    total: Counts = {}
    for one in counts:
        for value, count in one.items():
            total[value] = total.get(value, 0) + count
    return total


def _open_fields(n: int, withheld: bool) -> dict:
    """An open question's row: how many commented, and whether their comments are shown."""
    return {**_NO_FIGURES, "n": n, "is_withheld": withheld, "distribution": []}


def _score_fields(
    summary: scoring.ItemSummary,
    counts: Counts,
    baseline: Counts | None,
    withheld: bool,
    dont_know: int,
    paired: dict,
) -> dict:
    """A scale item's row from its answers' `counts` and their `summary`: no figure but the
    number of answers when withheld; the change against the nulmeting's `baseline` counts
    when that has enough answers to be shown; the `paired` fields as given."""
    if withheld:
        return {**_NO_FIGURES, "n": summary.n, "is_withheld": True, "distribution": [], **paired}
    baseline_n = sum(baseline.values()) if baseline else 0
    compared = scoring.is_shown(baseline_n)
    baseline_mean = scoring.mean_of_counts(baseline) if compared else None
    return {
        "n": summary.n,
        "dont_know": dont_know,
        "is_withheld": False,
        "mean": summary.mean,
        "sd": summary.sd,
        "distribution": list(summary.distribution),
        "share_agreeing": summary.share_agreeing,
        "baseline_n": baseline_n if compared else None,
        "baseline_mean": baseline_mean,
        "change": summary.mean - baseline_mean if compared else None,
        "effect_size": scoring.cohens_d_of_counts(baseline, counts) if compared else None,
        **paired,
    }


_RESULT_FIELDS = ["invited", "responded", "response_rate", "is_withheld"]
_SCORE_FIELDS = [
    "n",
    "dont_know",
    "is_withheld",
    "mean",
    "sd",
    "distribution",
    "share_agreeing",
    "baseline_n",
    "baseline_mean",
    "change",
    "effect_size",
    *pairing.PAIRED_FIELDS,
]
# A row with no figures (a withheld scale item, an open question): every figure NULL, pairs
# not withheld; each row adds its n, is_withheld and its own empty distribution list.
_NO_FIGURES = {name: None for name in _SCORE_FIELDS} | pairing.NOT_PAIRED
_score_values = operator.itemgetter(*_SCORE_FIELDS)  # a row's values in _SCORE_FIELDS order


def _assign(row, fields: dict) -> bool:
    """Set the fields whose value differs; True when any did (the row needs saving)."""
    changed = False
    for name, value in fields.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _write_rounds(rounds: list[EvaluationRound]) -> None:
    """Store the rounds' results and item scores. A fixed number of queries, whatever the
    number of rounds, networks and items; rows that are already right are not written again.
    Each round's rows are exactly those it gets when computed on its own. A round still open
    gets no rows (those it had are removed)."""
    still_open = [evaluation.pk for evaluation in rounds if evaluation.status != RoundStatus.CLOSED]
    if still_open:
        RoundResult.objects.filter(round_id__in=still_open).delete()
    rounds = [evaluation for evaluation in rounds if evaluation.status == RoundStatus.CLOSED]
    if not rounds:
        return
    round_ids = {evaluation.pk for evaluation in rounds}
    baselines = networks_with_baselines(rounds)
    needed = {
        (baseline_id, network_id)
        for per_network in baselines.values()
        for network_id, baseline_id in per_network.items()
        if baseline_id is not None
    }
    of_item: dict[int, tuple[int, str]] = {}  # item id -> (round id, code)
    items: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)  # (id, code, is scale)
    for item_id, round_id, code, kind in (
        Item.objects.filter(round_id__in=round_ids | {round_id for round_id, _ in needed})
        .order_by("position", "pk")
        .values_list("pk", "round_id", "code", "kind")
    ):
        of_item[item_id] = (round_id, code)
        if round_id in round_ids:
            items[round_id].append((item_id, code, kind == ItemKind.SCALE))
    invited = invitations_per_network(round_ids)
    # The responses of the rounds and of the nulmetingen they are linked to, in one query.
    sent = sent_responses(round_ids | {r.baseline_round_id for r in rounds if r.baseline_round_id})
    responded = {
        round_id: {network_id: count for network_id, (count, _) in sent[round_id].items()}
        for round_id in round_ids
    }
    current, baseline, dont_know, comments, pairs = answer_counts(round_ids, needed, of_item)
    counted = pairing.counted_rounds(rounds)
    pair_sums = {key: sums for key, sums in pairs.items() if key[0] in counted}
    anonymous_baselines = pairing.baselines_without_pseudonyms(rounds, sent)

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

    def save_score(result_id: int, item_id: int, fields: dict) -> None:
        stored = existing_scores.pop((result_id, item_id), None)
        if stored is None:
            new_scores.append((result_id, item_id, *_score_values(fields)))
        elif stored[1] != fields:
            changed_scores.append(ItemScore(result_id=result_id, item_id=item_id, **fields))

    for evaluation in rounds:
        round_id = evaluation.pk
        network_ids = list(baselines[round_id])
        baseline_of = baselines[round_id]
        overall = results[round_id, None]
        result_ids = {n: results[round_id, n].pk for n in network_ids}
        network_withheld = {n: results[round_id, n].is_withheld for n in network_ids}
        anonymous = {n for n in network_ids if (round_id, n) in anonymous_baselines}
        for item_id, code, is_scale in items[round_id]:
            if not is_scale:
                # Open comments: the same rule on the number who wrote one.
                written = {n: comments.get((round_id, n, item_id), 0) for n in network_ids}
                item_overall_withheld, item_withheld = scoring.disclosure(
                    sum(written.values()), written
                )
                for network_id in network_ids:
                    withheld = network_withheld[network_id] or network_id in item_withheld
                    fields = _open_fields(written[network_id], withheld)
                    save_score(result_ids[network_id], item_id, fields)
                withheld = overall.is_withheld or item_overall_withheld
                save_score(overall.pk, item_id, _open_fields(sum(written.values()), withheld))
                continue
            per_network = {n: current.get((round_id, n, item_id), {}) for n in network_ids}
            summaries = {n: scoring.summarise_counts(c) for n, c in per_network.items()}
            unsure = {n: dont_know.get((round_id, n, item_id), 0) for n in network_ids}
            scale_ns = {n: summary.n for n, summary in summaries.items()}
            item_overall_withheld, item_withheld = scoring.disclosure(
                sum(scale_ns.values()), scale_ns
            )
            # The "don't know" counts follow the same rule: no overall count from which a
            # withheld network's answerers could be recovered either.
            answered = {n: scale_ns[n] + unsure[n] for n in network_ids}
            answered_overall_withheld, _ = scoring.disclosure(
                sum(answered.values()),
                {n: count for n, count in answered.items() if n not in item_withheld},
            )
            item_overall_withheld = item_overall_withheld or answered_overall_withheld
            network_baselines = {
                n: baseline.get((baseline_of[n], n, code), {}) if code else None
                for n in network_ids
            }
            paired_networks, paired_overall = pairing.paired_fields(
                {n: pair_sums.get((round_id, n, item_id), (0, 0, 0)) for n in network_ids},
                is_linked=bool(evaluation.baseline_round_id and code),
                anonymous=anonymous,
            )
            for network_id in network_ids:
                fields = _score_fields(
                    summaries[network_id],
                    per_network[network_id],
                    network_baselines[network_id],
                    network_withheld[network_id] or network_id in item_withheld,
                    unsure[network_id],
                    paired_networks[network_id],
                )
                save_score(result_ids[network_id], item_id, fields)
            counts = _add(list(per_network.values()))
            fields = _score_fields(
                scoring.summarise_counts(counts),
                counts,
                _add(list(network_baselines.values())) if code else None,
                overall.is_withheld or item_overall_withheld,
                sum(unsure.values()),
                paired_overall,
            )
            save_score(overall.pk, item_id, fields)
    # Left over: scores of items no longer on their round (those of stale results went with
    # them).
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
