"""Reading what the score computation counts, in a fixed number of queries for a whole set
of rounds: which networks each round compares with which nulmeting, the answers' counts (one
GROUP BY, the pairs with the nulmeting included), the invitations per network and the sent
responses per network (with how many carry a pseudonym)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum

from ... import scoring
from ...enums import RoundKind, RoundStatus
from ...models import Answer, EvaluationRound, Invitation, Response
from . import pairing

Counts = dict[int, int]  # scale value -> how many gave it


def networks_with_baselines(rounds: list[EvaluationRound]) -> dict[int, dict[int, int | None]]:
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


Key = tuple[int, int, int]  # (round id, network id, item id)


def answer_counts(
    round_ids: set[int], needed: set[tuple[int, int]], items: dict[int, tuple[int, str]]
) -> tuple[
    dict[Key, Counts],
    dict[tuple[int, int, str], Counts],
    dict[Key, int],
    dict[Key, int],
    dict[Key, pairing.Sums],
]:
    """Counts of the answers given in sent responses, in one GROUP BY over the rounds' answers
    and those of the nulmetingen they compare with (the database counts, so Python gets one
    row per round, network and item): the scale values per (round id, network id, item id),
    the same per (nulmeting id, network id, item code) for the (nulmeting id, network id)
    pairs `needed`, and per (round id, network id, item id) the number of "don't know"
    answers and of open comments; and per (round id, network id, item id) the sums of the
    pairs with the nulmeting (`pairing`), from the answers' stored baseline value.

    `items` maps the id of every item of those rounds to (its round's id, its code). The
    database groups by network and item only: an item belongs to one round, the round its
    answers' responses are of (`rounds.save_response` saves answers only for the items of the
    response's round), so the round is read from the item. Grouping by the response's round
    too would carry it through the join for nothing."""
    condition = Q(response__round_id__in=round_ids)
    outside = {pair for pair in needed if pair[0] not in round_ids}
    if outside:
        # A superset of the pairs (filtered below): two IN lists cost the database far less
        # than one OR term per nulmeting.
        condition |= Q(
            response__round_id__in={round_id for round_id, _ in outside},
            response__network_id__in={network_id for _, network_id in outside},
        )
    difference = F("value") - F("baseline_value")
    rows = (
        Answer.objects.filter(condition, response__is_sent=True)
        .filter(Q(value__isnull=False) | Q(dont_know=True) | ~Q(text=""))
        .values_list("response__network_id", "item_id")
        .annotate(
            # One column per scale value: a fifth of the rows a GROUP BY on the value gives.
            # Counted over columns the other figures read anyway (dont_know is never NULL):
            # counting the id would carry it through the join for nothing, some 7% of the
            # query's time nationally.
            **{f"value_{point}": Count("value", filter=Q(value=point)) for point in scoring.SCALE},
            unsure=Count("dont_know", filter=Q(dont_know=True)),
            written=Count("dont_know", filter=Q(value__isnull=True, dont_know=False)),
            pairs=Count("baseline_value"),
            change=Sum(difference),
            squares=Sum(difference * difference),
        )
        .order_by()
    )
    current: dict[Key, Counts] = {}
    baseline: dict[tuple[int, int, str], Counts] = defaultdict(dict)
    dont_know: dict[Key, int] = {}
    comments: dict[Key, int] = {}
    pairs: dict[Key, pairing.Sums] = {}
    for network_id, item_id, *per_value, unsure, written, n, change, squares in rows:
        round_id, code = items[item_id]
        counts = {
            value: count for value, count in zip(scoring.SCALE, per_value, strict=True) if count
        }
        if round_id in round_ids:
            key = (round_id, network_id, item_id)
            current[key] = counts
            dont_know[key] = unsure
            comments[key] = written
            if n:
                pairs[key] = (n, change, squares)
        # A round of the batch can also be another one's nulmeting: no elif.
        if counts and code and (round_id, network_id) in needed:
            total = baseline[round_id, network_id, code]
            for value, count in counts.items():
                total[value] = total.get(value, 0) + count  # items sharing a code add up
    return current, baseline, dont_know, comments, pairs


def invitations_per_network(round_ids: set[int]) -> dict[int, dict[int, int]]:
    """round id -> {network id -> invitations}, in one query."""
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for round_id, network_id, count in (
        Invitation.objects.filter(round_id__in=round_ids)
        .values_list("round_id", "network_id")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts[round_id][network_id] = count
    return counts


def sent_responses(round_ids: set[int]) -> dict[int, dict[int, tuple[int, int]]]:
    """round id -> {network id -> (sent responses, how many of them carry a pseudonym)}, in
    one query (a saved response waits for its owner and counts for nothing yet)."""
    counts: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for round_id, network_id, count, with_pseudonym in (
        Response.objects.filter(round_id__in=round_ids, is_sent=True)
        .values_list("round_id", "network_id")
        .annotate(count=Count("pk"), with_pseudonym=Count("pseudonym"))
        .order_by()
    ):
        counts[round_id][network_id] = (count, with_pseudonym)
    return counts
