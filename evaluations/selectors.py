"""Reads for the evaluations pages. Each returns what its page shows, in a fixed number of
queries whatever the amount of data."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from networks.enums import Role

from . import phases, scoring
from .enums import ItemKind, OutcomeKind, RoundStatus
from .models import (
    Answer,
    BallotChoice,
    EvaluationRound,
    Invitation,
    ItemScore,
    Outcome,
    PhaseReport,
    RankingSurvey,
    RoundResult,
    ValueStory,
)
from .questionnaire import ATMOSPHERE, COHESION
from .ranking import RankRow, rank_forms

# --- rounds and reports ------------------------------------------------------------------


def rounds_for_staff() -> QuerySet[EvaluationRound]:
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


def network_response_rates(network) -> list[dict]:
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


def report_for(evaluation: EvaluationRound, network=None) -> dict:
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


def open_invitations_for(person) -> list[Invitation]:
    """The person's evaluations to fill in now (start page)."""
    if not person.is_authenticated:
        return []
    return list(
        Invitation.objects.open_for(person)
        .select_related("round", "network")
        .order_by("round__closes_on", "network__name")
    )


def published_reports_for(person) -> list[RoundResult]:
    """Results of closed, published rounds for the networks the person is a member of."""
    from networks.models import Network

    return list(
        RoundResult.objects.filter(
            network__in=Network.objects.with_role(person),
            round__is_published=True,
            round__status=RoundStatus.CLOSED,
        )
        .select_related("round", "network")
        .order_by("-round__opens_on")[:10]
    )


# --- Leer-top 3 --------------------------------------------------------------------------


def ranking_for_survey(survey: RankingSurvey) -> list[RankRow]:
    """The Leer-top 3 table of a survey, from its ballots (unmerged "other" places count
    for nothing until staff merge them into a listed form)."""
    ballots: dict[int, list] = defaultdict(lambda: [None, None, None])
    for ballot_id, position, name in BallotChoice.objects.filter(ballot__survey=survey).values_list(
        "ballot_id", "position", "form__name"
    ):
        ballots[ballot_id][position - 1] = name
    return rank_forms(ballots.values())


def other_answers_for(survey: RankingSurvey) -> list[tuple[str, int]]:
    """The "other" texts not yet merged, with how often each was given."""
    return list(
        BallotChoice.objects.filter(ballot__survey=survey, form__isnull=True)
        .values_list("other_text")
        .annotate(count=Count("pk"))
        .order_by("other_text")
    )


# --- phases ------------------------------------------------------------------------------


def phase_facts(network, today: datetime.date) -> phases.PhaseFacts:
    memberships = network.memberships.current(today)
    return phases.PhaseFacts(
        today=today,
        has_central_question=bool(network.central_question.strip()),
        fixed_participants=memberships.participants().fixed().count(),
        has_facilitator=memberships.facilitators().exists(),
        first_meeting_held=network.meetings.held().exists(),
        outcomes_recorded=network.outcomes.exists(),
        start_date=network.start_date,
        planned_end_date=network.planned_end_date,
    )


def _score_summary(network, codes=None) -> dict | None:
    """Item means of the network's latest closed round with answers from it (any kind),
    withheld ones marked."""
    result = (
        RoundResult.objects.filter(
            network=network, round__status=RoundStatus.CLOSED, responded__gt=0
        )
        .select_related("round")
        .order_by("-round__opens_on", "-round__pk")
        .first()
    )
    if result is None:
        return None
    scores = (
        result.scores.filter(item__kind=ItemKind.SCALE)
        .select_related("item")
        .order_by("item__position")
    )
    if codes:
        scores = scores.filter(item__code__in=codes)
    return {
        "round": result.round.title,
        "round_id": result.round_id,
        "kind": result.round.kind,
        "items": [
            {
                "item": s.item.text,
                "withheld": s.is_withheld,
                "mean": s.mean,
                "n": s.n,
                "change": s.change,
                "effect_size": s.effect_size,
            }
            for s in scores
        ],
    }


def phase_evidence(network, today: datetime.date) -> tuple[str, dict]:
    """The proposed phase and the evidence for each phase's conditions, as plain data."""
    from meetings.models import Case, ContactMoment
    from participants.enums import QuestionStatus, Visibility
    from participants.models import LearningQuestion

    # Only questions their owners shared with the whole network count: the report is read by
    # the facilitator, the penvoerder and staff, and a private question's existence is its
    # owner's too (issue 10, leak 8).
    shared = LearningQuestion.objects.filter(networks=network, visibility=Visibility.NETWORK)

    facts = phase_facts(network, today)
    proposed = phases.propose_phase(facts)
    members = list(
        network.memberships.current(today).participants().select_related("person", "person__school")
    )
    people = {m.person_id: m.person for m in members}
    school_types = sorted({t for p in people.values() if p.school for t in p.school.school_types})
    with_question = set(shared.filter(owner_id__in=people).values_list("owner_id", flat=True))
    preparing = set(
        network.meetings.filter(preparation_group__in=people).values_list(
            "preparation_group", flat=True
        )
    )
    bringing_cases = set(
        Case.objects.filter(meeting__network=network, author_id__in=people).values_list(
            "author_id", flat=True
        )
    )
    active = preparing | bringing_cases
    n_people = len(people)

    def share(count: int) -> float | None:
        return count / n_people if n_people else None

    sow = {
        "conditions": phases.sow_conditions(facts),
        "diversity": {
            "participants": n_people,
            "functions": len({p.function for p in people.values() if p.function}),
            "schools": len({p.school_id for p in people.values() if p.school_id}),
            "school_types": len(school_types),
            "regions": len({p.region for p in people.values() if p.region}),
        },
        "learning_questions": {"count": len(with_question), "share": share(len(with_question))},
        "atmosphere": _score_summary(network, [ATMOSPHERE, COHESION]),
        "participation": {"count": len(active), "share": share(len(active))},
    }

    held = list(network.meetings.held().order_by("starts_at"))
    start = network.start_date or (held[0].starts_at.date() if held else today)
    years = max((today - start).days, 0) / 365.25
    planned = (
        round((network.meetings_per_year or 0) * years, 1) if network.meetings_per_year else None
    )
    trend = []
    for meeting in held[-6:]:
        statuses = Counter(meeting.attendances.values_list("status", flat=True))
        total = sum(statuses.values())
        trend.append(
            {
                "date": meeting.starts_at.date().isoformat(),
                "title": meeting.title,
                "present": statuses.get("present", 0),
                "recorded": total,
                "share": statuses.get("present", 0) / total if total else None,
            }
        )
    year_ago = today - datetime.timedelta(days=365)
    questions = Counter(shared.values_list("status", flat=True))
    cultivate = {
        "meetings_held": len(held),
        "meetings_planned": planned,
        "attendance": trend,
        "contact_moments": ContactMoment.objects.filter(network=network).count(),
        "contact_moments_recent": ContactMoment.objects.filter(
            network=network, date__gte=today - datetime.timedelta(days=90)
        ).count(),
        "contact_means": list(network.contact_means or []),
        "new_members": network.memberships.filter(
            joined_on__gt=max(year_ago, network.start_date or year_ago), joined_on__lte=today
        )
        .exclude(role=Role.FACILITATOR)
        .count(),
        "questions_in_progress": questions.get(QuestionStatus.IN_PROGRESS, 0),
        "questions_open": questions.get(QuestionStatus.OPEN, 0),
        "latest_scores": _score_summary(network),
    }

    by_kind = Counter(network.outcomes.values_list("kind", flat=True))
    harvest = {
        "outcomes": {kind: by_kind.get(kind, 0) for kind in OutcomeKind.values},
        "outcomes_total": sum(by_kind.values()),
        "stories": network.value_stories.count(),
        # Every closed round with answers from the network counts, a nulmeting too, whatever
        # phase the network was in then (issue 12.4).
        "last_round": cultivate["latest_scores"],
        "last_quarter_from": (
            d.isoformat()
            if (d := phases.last_quarter_start(network.start_date, network.planned_end_date))
            else None
        ),
    }
    return proposed, {"sow": sow, "cultivate": cultivate, "harvest": harvest}


def latest_phase_report(network) -> PhaseReport | None:
    return network.phase_reports.order_by("-computed_on").first()


def networks_for_dashboard() -> QuerySet:
    """Every network with counts, facilitators and (attached by the view per page) the latest
    phase report."""
    from networks.selectors import networks_for_staff

    return networks_for_staff()


def attach_latest_reports(networks: list) -> list:
    latest = PhaseReport.objects.latest_for([n.pk for n in networks])
    for network in networks:
        network.latest_phase_report = latest.get(network.pk)
    return networks


# --- harvest -----------------------------------------------------------------------------


def outcomes_for_network(network, user) -> QuerySet[Outcome]:
    return (
        Outcome.objects.visible_to(user)
        .filter(network=network)
        .select_related("author", "network")
        .order_by("-created_at", "-pk")
    )


def stories_for_network(network, user) -> QuerySet[ValueStory]:
    return (
        ValueStory.objects.visible_to(user)
        .filter(network=network)
        .prefetch_related("steps")
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def public_outcomes_for_network(network) -> QuerySet[Outcome]:
    """For the public directory (issue 3): outcomes shared with everyone."""
    return Outcome.objects.public().filter(network=network).order_by("-created_at")


def phase_now(network, today: datetime.date | None = None) -> str:
    return phases.propose_phase(phase_facts(network, today or timezone.localdate()))
