"""The paired change of linked rounds (issue 12.3): per item, the people who answered it in
both the round and its nulmeting, matched by pseudonym.

Each answer of a linked round carries the same person's nulmeting value for its item
(`Answer.baseline_value`, kept current by `pair_with_baseline` whenever either response is
saved), so the database adds the pairs up in the one GROUP BY that counts every other figure
(`counting.answer_counts`): per round, network and item the number of pairs, the sum of the
differences (now - baseline) and of their squares. `paired.change_of_sums` turns those into figures; `scoring.disclosure` decides
between the networks and the overall figure, as for every other figure.

A nulmeting answered before linked rounds existed has responses without a pseudonym. They
cannot be given one afterwards: a response holds no person (and the oldest ones not even the
key of their link), and its respondents were not told a later round might pair their answers.
Such a baseline gives no pairs, and the report says why (`PairedWithheld.NO_PSEUDONYMS`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ... import paired, scoring
from ...enums import PairedWithheld, RoundStatus
from ...models import Answer, EvaluationRound, Response

PAIRED_FIELDS = [
    "paired_n",
    "paired_change",
    "paired_ci_low",
    "paired_ci_high",
    "paired_effect_size",
    "paired_withheld",
]
Sums = tuple[int, int, int]  # pairs, sum of differences, sum of squared differences
NOT_PAIRED = dict.fromkeys(PAIRED_FIELDS) | {"paired_withheld": ""}


def pair_with_baseline(response: Response) -> None:
    """Keep `Answer.baseline_value` current for the pairs `response` is part of, after it was
    saved: as the response of a round linked to a nulmeting it takes the values of the same
    person's sent nulmeting response (same pseudonym, items matched by code); as a nulmeting
    response it refreshes the responses of the rounds linked to it. A pair is a scale item
    answered on the scale in both; "don't know" pairs with nothing. A few indexed queries."""
    if not response.pseudonym:
        return
    evaluation = response.round
    if evaluation.baseline_round_id:
        baseline = Response.objects.filter(
            round_id=evaluation.baseline_round_id, pseudonym=response.pseudonym
        ).first()
        _copy_values(baseline, [response.pk])
    if evaluation.is_baseline:
        linked = list(
            Response.objects.filter(
                round__baseline_round_id=evaluation.pk, pseudonym=response.pseudonym
            ).values_list("pk", flat=True)
        )
        if linked:
            _copy_values(response, linked)


def _copy_values(baseline: Response | None, response_ids: list[int]) -> None:
    values: dict[str, int] = {}
    if baseline is not None and baseline.is_sent:
        values = dict(
            Answer.objects.filter(response=baseline, value__isnull=False)
            .exclude(item__code="")
            .values_list("item__code", "value")
        )
    changed = [
        Answer(pk=pk, baseline_value=new)
        for pk, code, old in Answer.objects.filter(
            response_id__in=response_ids, value__isnull=False
        ).values_list("pk", "item__code", "baseline_value")
        if old != (new := values.get(code) if code else None)
    ]
    if changed:
        Answer.objects.bulk_update(changed, ["baseline_value"])


def counted_rounds(rounds: list[EvaluationRound]) -> set[int]:
    """The rounds of the batch whose pairs count: those linked to a nulmeting that has closed
    (while it is open its answers may still change). One query."""
    baseline_ids = {r.baseline_round_id for r in rounds if r.baseline_round_id}
    if not baseline_ids:
        return set()
    closed = set(
        EvaluationRound.objects.filter(pk__in=baseline_ids, status=RoundStatus.CLOSED)
        .order_by()
        .values_list("pk", flat=True)
    )
    return {r.pk for r in rounds if r.baseline_round_id in closed}


def baselines_without_pseudonyms(
    rounds: list[EvaluationRound], sent: Mapping[int, Mapping[int, tuple[int, int]]]
) -> set[tuple[int, int]]:
    """(round id, network id) of the linked rounds of the batch whose network answered the
    nulmeting (sent responses) without any pseudonym: answers from before rounds could be
    linked, which nothing can pair. `sent` holds round id -> {network id -> (sent responses,
    how many with a pseudonym)} for the nulmetingen (`counting.sent_responses`); no query."""
    anonymous = set()
    for evaluation in rounds:
        if not evaluation.baseline_round_id:
            continue
        for network_id, (_, with_pseudonym) in sent.get(evaluation.baseline_round_id, {}).items():
            if not with_pseudonym:
                anonymous.add((evaluation.pk, network_id))
    return anonymous


def _fields(sums: Sums, withheld: str) -> dict:
    if withheld:
        return NOT_PAIRED | {"paired_withheld": withheld}
    change = paired.change_of_sums(*sums)
    if change is None:  # cannot happen at or above the threshold; safe side
        return NOT_PAIRED | {"paired_withheld": PairedWithheld.FEW_PAIRS}
    return {
        "paired_n": change.n,
        "paired_change": change.mean_change,
        "paired_ci_low": change.ci_low,
        "paired_ci_high": change.ci_high,
        "paired_effect_size": change.effect_size,
        "paired_withheld": "",
    }


def paired_fields(
    per_network: dict[int, Sums], is_linked: bool, anonymous: Collection[int] = ()
) -> tuple[dict[int, dict], dict]:
    """The paired fields of one item per network and overall. Below 5 pairs a figure is
    withheld (FEW_PAIRS), and so is an overall figure from which a withheld network's change
    would follow by subtraction (DERIVABLE). The networks in `anonymous` answered the
    nulmeting without pseudonyms: theirs is withheld as NO_PSEUDONYMS, and so is the overall
    figure when that holds for every network. A round not linked gets empty fields."""
    if not is_linked:
        return {network_id: NOT_PAIRED for network_id in per_network}, NOT_PAIRED
    ns = {network_id: sums[0] for network_id, sums in per_network.items()}
    overall_n = sum(ns.values())
    overall_withheld, withheld = scoring.disclosure(overall_n, ns)

    def reason(network_id: int) -> str:
        if network_id in anonymous:
            return PairedWithheld.NO_PSEUDONYMS
        return PairedWithheld.FEW_PAIRS if network_id in withheld else ""

    networks = {
        network_id: _fields(sums, reason(network_id)) for network_id, sums in per_network.items()
    }
    if per_network and all(network_id in anonymous for network_id in per_network):
        return networks, _fields((0, 0, 0), PairedWithheld.NO_PSEUDONYMS)
    total: Sums = (
        overall_n,
        sum(sums[1] for sums in per_network.values()),
        sum(sums[2] for sums in per_network.values()),
    )
    if not scoring.is_shown(overall_n):
        reason = PairedWithheld.FEW_PAIRS
    elif overall_withheld:
        reason = PairedWithheld.DERIVABLE
    else:
        reason = ""
    return networks, _fields(total, reason)
