"""Reads for rounds, response rates and reports. Each returns what its page shows, in a fixed
number of queries whatever the amount of data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from networks.models import Network
from networks.selectors import network_ids_of
from participants.models import User

from .. import scoring
from ..enums import PairedWithheld, RoundStatus
from ..models import Answer, EvaluationRound, Invitation, ItemScore, ReportPdf, RoundResult


def rounds_for_staff() -> QuerySet[EvaluationRound]:
    """Every round for staff, newest first, with its invited and answered counts."""
    return (
        EvaluationRound.objects.annotate(
            invited_count=Count("invitations", distinct=True),
            used_count=Count("invitations", filter=Q(invitations__is_used=True), distinct=True),
        )
        .prefetch_related("networks")
        .order_by("-opens_on", "-pk")
    )


def response_rates(evaluation: EvaluationRound) -> dict:
    """Live response figures per network and in total: counts only, never who."""
    rows = []
    invited_total = used_total = 0
    for network in evaluation.networks.annotate(
        invited=Count("evaluation_invitations", filter=Q(evaluation_invitations__round=evaluation)),
        used=Count(
            "evaluation_invitations",
            filter=Q(
                evaluation_invitations__round=evaluation, evaluation_invitations__is_used=True
            ),
        ),
    ).order_by("name"):
        rows.append(
            {
                "network": network,
                "invited": network.invited,
                "responded": network.used,
                "rate": scoring.response_rate(network.used, network.invited),
            }
        )
        invited_total += network.invited
        used_total += network.used
    return {
        "rows": rows,
        "invited": invited_total,
        "responded": used_total,
        "rate": scoring.response_rate(used_total, invited_total),
    }


def network_response_rates(network: Network) -> list[dict]:
    """The live response of the network's members to each round open today: counts only,
    never who (for its facilitators and staff). One query."""
    rounds = (
        EvaluationRound.objects.open_today()
        .filter(networks=network)
        .annotate(
            invited=Count("invitations", filter=Q(invitations__network=network)),
            responded=Count(
                "invitations",
                filter=Q(invitations__network=network, invitations__is_used=True),
            ),
        )
        .order_by("closes_on", "pk")
    )
    return [
        {
            "round": evaluation,
            "invited": evaluation.invited,
            "responded": evaluation.responded,
            "rate": scoring.response_rate(evaluation.responded, evaluation.invited),
        }
        for evaluation in rounds
    ]


def report_for(evaluation: EvaluationRound, network: Network = None) -> dict:
    """A round's stored result for one network (or overall with network None), its scale
    item scores, and the comments of each open question whose own small-group rule lets them
    be shown. A round still open has no figures at all (one more response would change them
    by exactly that person's answer). Comments are plain texts in a fixed order: there is no
    link to a person to show."""
    result = None
    if evaluation.status == RoundStatus.CLOSED:
        result = (
            RoundResult.objects.filter(round=evaluation, network=network)
            .select_related("network")
            .prefetch_related(
                Prefetch(
                    "scores",
                    queryset=ItemScore.objects.select_related("item").order_by("item__position"),
                )
            )
            .first()
        )
    all_scores = list(result.scores.all()) if result else []
    scores = [s for s in all_scores if s.item.is_scale]
    open_scores = [s for s in all_scores if not s.item.is_scale]
    shown_items = [s.item_id for s in open_scores if not s.is_withheld]
    texts: dict[int, list[str]] = defaultdict(list)
    if result is not None and not result.is_withheld and shown_items:
        answers = Answer.objects.filter(
            response__round=evaluation, response__is_sent=True, item_id__in=shown_items
        ).exclude(text="")
        if network is not None:
            answers = answers.filter(response__network=network)
        for item_id, text in answers.order_by("item_id", "text").values_list("item_id", "text"):
            texts[item_id].append(text)
    return {
        "result": result,
        "is_open": evaluation.status != RoundStatus.CLOSED,
        "scores": scores,
        "open_answers": [
            (s.item, texts[s.item_id]) for s in open_scores if not s.is_withheld and s.n
        ],
        "withheld_open": [s.item for s in open_scores if s.is_withheld and not result.is_withheld],
        "has_baseline": any(s.baseline_mean is not None for s in scores),
        # Linked to a nulmeting: the change per person, for those who answered both rounds.
        "is_linked": evaluation.baseline_round_id is not None,
        "paired_scores": [s for s in scores if s.item.code] if evaluation.baseline_round_id else [],
        # The nulmeting was answered before rounds could be linked: no pairs, and why.
        "baseline_anonymous": any(
            s.paired_withheld == PairedWithheld.NO_PSEUDONYMS for s in scores
        ),
        "threshold": scoring.THRESHOLD,
    }


def network_reports_for(evaluation: EvaluationRound) -> list[RoundResult]:
    """The per-network results of a closed round (none while it is open)."""
    return list(
        RoundResult.objects.filter(
            round=evaluation, round__status=RoundStatus.CLOSED, network__isnull=False
        )
        .select_related("network")
        .order_by("network__name")
    )


def open_invitations_for(person: User) -> list[Invitation]:
    """The person's evaluations to fill in now (start page)."""
    if not person.is_authenticated:
        return []
    return list(
        Invitation.objects.open_for(person)
        .select_related("round", "network")
        .order_by("round__closes_on", "network__name")
    )


def published_reports_for(person: User) -> list[RoundResult]:
    """Results of closed, published rounds for the networks the person is a member of (no
    query for someone in no network)."""
    network_ids = network_ids_of(person)
    if not network_ids:
        return []
    return list(
        RoundResult.objects.filter(
            network_id__in=network_ids,
            round__is_published=True,
            round__status=RoundStatus.CLOSED,
        )
        .select_related("round", "network")
        .order_by("-round__opens_on")[:10]
    )


def latest_result_for_network(network: Network) -> RoundResult | None:
    """The network's result in its latest closed round (newest opening date first), with the
    round, or None. Only which round it is: whether its figures may be read is the caller's
    question (`evaluations.view_report`)."""
    return (
        RoundResult.objects.filter(network=network, round__status=RoundStatus.CLOSED)
        .select_related("round")
        .order_by("-round__opens_on", "-round__pk")
        .first()
    )


def shared_results_for_network(network: Network) -> list[dict]:
    """The results staff chose to show the network's members (closed rounds only, newest
    first): per round its title and the network's scores of the shared items, withheld ones
    marked (the small-group rule holds here as in the reports). One query. Members only
    (checked by the caller: `evaluations.view_shared_results`)."""
    scores = (
        ItemScore.objects.filter(
            result__network=network,
            result__round__status=RoundStatus.CLOSED,
            item__shared_with_network=True,
        )
        .select_related("item", "result__round")
        .order_by("-result__round__opens_on", "-result__round_id", "item__position")
    )
    rounds: dict[int, dict] = {}
    for score in scores:
        evaluation = score.result.round
        entry = rounds.setdefault(
            evaluation.pk, {"round": evaluation, "result": score.result, "scores": []}
        )
        entry["scores"].append(score)
    return list(rounds.values())


def report_pdf_for(
    evaluation: EvaluationRound, network: Network, language: str
) -> ReportPdf | None:
    """The PDF row of the round's report for the network (overall with None) in the
    language, if one was asked for (its content is not loaded)."""
    pdf = (
        ReportPdf.objects.filter(round=evaluation, network=network, language=language)
        .defer("content")
        .first()
    )
    if pdf is not None:
        pdf.round = evaluation
    return pdf
