"""Reads for phase reports and the staff dashboard."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Sequence

from django.db.models import QuerySet
from django.utils import timezone

from networks.enums import Role
from networks.models import Network
from networks.selectors import networks_for_staff
from participants.enums import QuestionStatus

from .. import phases
from ..enums import OutcomeKind
from ..models import PhaseReport
from ..questionnaire import ATMOSPHERE, COHESION
from .phase_data import TREND_MEETINGS, NetworkRows, rows_for_networks


def _facts(network: Network, rows: NetworkRows, today: datetime.date) -> phases.PhaseFacts:
    return phases.PhaseFacts(
        today=today,
        has_central_question=bool(network.central_question.strip()),
        fixed_participants=rows.fixed_participants,
        has_facilitator=rows.has_facilitator,
        first_meeting_held=bool(rows.held),
        outcomes_recorded=bool(rows.outcomes),
        start_date=network.start_date,
        planned_end_date=network.planned_end_date,
    )


def phase_facts(network: Network, today: datetime.date) -> phases.PhaseFacts:
    """The facts the pure phase rules (evaluations/phases.py) read for `network` on `today`."""
    return _facts(network, rows_for_networks([network], today)[network.pk], today)


PAIRED = ("paired_change", "paired_n")


def _score_summary(
    latest: dict | None, codes: Collection[str] = (), *, paired: bool = False
) -> dict | None:
    """Item means of one closed round with answers from the network (any kind, whatever
    phase the round or the network was in), withheld ones marked; only the items with
    `codes` when given; with `paired`, the change per person of a linked round too."""
    if latest is None:
        return None
    dropped = {"code"} if paired else {"code", *PAIRED}
    return {
        "round": latest["round"],
        "round_id": latest["round_id"],
        "kind": latest["kind"],
        "items": [
            {key: value for key, value in item.items() if key not in dropped}
            for item in latest["items"]
            if not codes or item["code"] in codes
        ],
    }


def _evidence(network: Network, rows: NetworkRows, today: datetime.date) -> tuple[str, dict]:
    facts = _facts(network, rows, today)
    proposed = phases.propose_phase(facts)
    people = rows.people
    school_types = sorted({t for p in people.values() for t in p.school_types})
    with_question = {owner for owner, _ in rows.shared_questions if owner in people}
    active = (rows.preparers | rows.case_authors) & people.keys()
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
        "atmosphere": _score_summary(rows.latest_result, (ATMOSPHERE, COHESION)),
        "participation": {"count": len(active), "share": share(len(active))},
    }

    held = rows.held
    start = network.start_date or (held[0].starts_at.date() if held else today)
    years = max((today - start).days, 0) / 365.25
    planned = (
        round((network.meetings_per_year or 0) * years, 1) if network.meetings_per_year else None
    )
    trend = []
    for meeting in held[-TREND_MEETINGS:]:
        statuses = rows.attendance.get(meeting.pk, Counter())
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
    new_from = max(year_ago, network.start_date or year_ago)
    questions = Counter(status for _, status in rows.shared_questions)
    latest_scores = _score_summary(rows.latest_result)
    rounds = [_score_summary(result, paired=True) for result in rows.results]
    cultivate = {
        "meetings_held": len(held),
        "meetings_planned": planned,
        "attendance": trend,
        "contact_moments": rows.contact_moments,
        "contact_moments_recent": rows.contact_moments_recent,
        "contact_means": list(network.contact_means or []),
        "new_members": sum(
            1
            for joined_on, role in rows.joined
            if joined_on > new_from and role != Role.FACILITATOR
        ),
        "questions_in_progress": questions.get(QuestionStatus.IN_PROGRESS, 0),
        "questions_open": questions.get(QuestionStatus.OPEN, 0),
        "latest_scores": latest_scores,
        # every closed round with answers from the network, oldest first (issue 12.4)
        "rounds": rounds,
    }

    harvest = {
        "outcomes": {kind: rows.outcomes.get(kind, 0) for kind in OutcomeKind.values},
        "outcomes_total": sum(rows.outcomes.values()),
        "stories": rows.stories,
        # Every closed round with answers from the network counts, a nulmeting too, whatever
        # phase the network was in then (issue 12.4).
        "last_round": latest_scores,
        "rounds": rounds,
        "last_quarter_from": (
            d.isoformat()
            if (d := phases.last_quarter_start(network.start_date, network.planned_end_date))
            else None
        ),
    }
    return proposed, {"sow": sow, "cultivate": cultivate, "harvest": harvest}


def phase_evidence_of_networks(
    networks: Sequence[Network], today: datetime.date
) -> dict[int, tuple[str, dict]]:
    """network id -> (the proposed phase, the evidence for each phase's conditions as plain
    data) for every one of `networks` on `today`, in a fixed number of queries whatever
    their number (`phase_data.rows_for_networks`)."""
    rows = rows_for_networks(networks, today)
    return {network.pk: _evidence(network, rows[network.pk], today) for network in networks}


def phase_evidence(network: Network, today: datetime.date) -> tuple[str, dict]:
    """The proposed phase and the evidence for each phase's conditions, as plain data (the
    set of one of `phase_evidence_of_networks`)."""
    return phase_evidence_of_networks([network], today)[network.pk]


def latest_phase_report(network: Network) -> PhaseReport | None:
    """The network's most recent phase report, or None."""
    return network.phase_reports.order_by("-computed_on").first()


def networks_for_dashboard() -> QuerySet:
    """Every network with counts, facilitators and (attached by the view per page) the latest
    phase report."""
    return networks_for_staff()


def attach_latest_reports(networks: list) -> list:
    """Give each network of a page its latest phase report (`latest_phase_report`), in one
    query for the page."""
    latest = PhaseReport.objects.latest_for([n.pk for n in networks])
    for network in networks:
        network.latest_phase_report = latest.get(network.pk)
    return networks


def phase_now(network: Network, today: datetime.date | None = None) -> str:
    """The phase the data proposes for `network` today (or on `today`)."""
    return phases.propose_phase(phase_facts(network, today or timezone.localdate()))
