"""The rows a phase report reads, for a set of networks at once (issue 12): a fixed number of
queries whatever the number of networks (each a GROUP BY network or one list keyed by
network), so the nightly reports of every network cost about what one network's cost. One
network (the facilitator's page, an on-demand recompute) is the set of one.

`evaluations/selectors/phases.py` turns these rows into the facts and evidence of a report."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from meetings.models import Attendance, Case, ContactMoment, Meeting
from networks.enums import Role
from networks.models import Membership, Network
from participants.enums import Visibility
from participants.models import LearningQuestion, School

from ..enums import ItemKind, RoundStatus
from ..models import ItemScore, Outcome, RoundResult, ValueStory

TREND_MEETINGS = 6  # the attendance trend shows the last six held meetings


@dataclass(frozen=True)
class Person:
    """What the diversity evidence reads of a current participant."""

    function: str
    school_id: int | None
    region: str
    school_types: tuple[str, ...]


@dataclass(frozen=True)
class HeldMeeting:
    pk: int
    starts_at: datetime.datetime
    title: str


@dataclass
class NetworkRows:
    """Everything a phase report of one network reads, as plain values."""

    fixed_participants: int = 0  # current fixed participant memberships
    has_facilitator: bool = False
    people: dict[int, Person] = field(default_factory=dict)  # current participants
    held: list[HeldMeeting] = field(default_factory=list)  # oldest first
    attendance: dict[int, Counter] = field(default_factory=dict)  # meeting -> statuses
    shared_questions: list[tuple[int, str]] = field(default_factory=list)  # (owner, status)
    preparers: set[int] = field(default_factory=set)
    case_authors: set[int] = field(default_factory=set)
    contact_moments: int = 0
    contact_moments_recent: int = 0
    joined: list[tuple[datetime.date, str]] = field(default_factory=list)  # (joined on, role)
    outcomes: Counter = field(default_factory=Counter)  # kind -> count
    stories: int = 0
    results: list[dict] = field(default_factory=list)  # closed rounds with answers, oldest first

    @property
    def latest_result(self) -> dict | None:
        """The latest closed round with answers from the network, with its items."""
        return self.results[-1] if self.results else None


def _round_results(network_ids: Sequence[int]) -> dict[int, list[dict]]:
    """network id -> every closed round with answers from it, oldest first (any kind, whatever
    phase the round or the network was in), each with the round's scale item scores in item
    order and, for a linked round, the paired change per person (issue 12.4). Two queries for
    all networks."""
    results: dict[int, list[tuple]] = defaultdict(list)
    for network_id, result_id, round_id, opens_on, title, kind in (
        RoundResult.objects.filter(
            network_id__in=network_ids, round__status=RoundStatus.CLOSED, responded__gt=0
        )
        .order_by()
        .values_list(
            "network_id", "pk", "round_id", "round__opens_on", "round__title", "round__kind"
        )
    ):
        results[network_id].append(((opens_on, round_id), result_id, round_id, title, kind))
    items: dict[int, list[dict]] = defaultdict(list)
    result_ids = [entry[1] for entries in results.values() for entry in entries]
    for row in (
        ItemScore.objects.filter(result_id__in=result_ids, item__kind=ItemKind.SCALE)
        .order_by("result_id", "item__position", "item_id")
        .values_list(
            "result_id",
            "item__text",
            "item__code",
            "is_withheld",
            "mean",
            "n",
            "change",
            "effect_size",
            "paired_n",
            "paired_change",
            "paired_withheld",
        )
    ):
        result_id, text, code, withheld, mean, n, change, effect_size, *paired = row
        items[result_id].append(
            {
                "code": code,
                "item": text,
                "withheld": withheld,
                "mean": mean,
                "n": n,
                "change": change,
                "effect_size": effect_size,
                # shown only where the pairs' own small-group rule lets it be shown
                "paired_change": None if paired[2] else paired[1],
                "paired_n": None if paired[2] else paired[0],
            }
        )
    return {
        network_id: [
            {"round": title, "round_id": round_id, "kind": kind, "items": items[result_id]}
            for _, result_id, round_id, title, kind in sorted(entries)
        ]
        for network_id, entries in results.items()
    }


def rows_for_networks(networks: Sequence[Network], today: datetime.date) -> dict[int, NetworkRows]:
    """network id -> the rows its phase report reads on `today`, for all `networks` in a
    fixed number of queries (thirteen), whatever their number."""
    ids = [network.pk for network in networks]
    rows = {network_id: NetworkRows() for network_id in ids}
    if not ids:
        return rows

    current = Membership.objects.filter(
        network_id__in=ids, role__in=[Role.PARTICIPANT, Role.FACILITATOR]
    ).current(today)
    members = list(
        current.order_by().values_list(
            "network_id",
            "role",
            "is_fixed",
            "person_id",
            "person__function",
            "person__school_id",
            "person__region",
        )
    )
    # The school types once per school (far fewer than members; each is a JSON list).
    school_types = dict(
        School.objects.filter(pk__in={row[5] for row in members if row[5]}).values_list(
            "pk", "school_types"
        )
    )
    for network_id, role, is_fixed, person_id, function, school_id, region in members:
        entry = rows[network_id]
        if role == Role.FACILITATOR:
            entry.has_facilitator = True
            continue
        entry.fixed_participants += bool(is_fixed)
        entry.people[person_id] = Person(
            function or "", school_id, region or "", tuple(school_types.get(school_id) or ())
        )

    for network_id, pk, starts_at, title in (
        Meeting.objects.filter(network_id__in=ids)
        .held()
        .order_by("network_id", "starts_at", "pk")
        .values_list("network_id", "pk", "starts_at", "title")
    ):
        rows[network_id].held.append(HeldMeeting(pk, starts_at, title))

    trend_ids = {
        m.pk: network_id for network_id in ids for m in rows[network_id].held[-TREND_MEETINGS:]
    }
    for meeting_id, status, count in (
        Attendance.objects.filter(meeting_id__in=list(trend_ids))
        .order_by()
        .values_list("meeting_id", "status")
        .annotate(count=Count("pk"))
    ):
        rows[trend_ids[meeting_id]].attendance.setdefault(meeting_id, Counter())[status] = count

    # Only questions their owners shared with the whole network count (issue 10, leak 8),
    # and only while the owner is a current member there: a shared link of someone who left
    # reaches nobody in the network (participants.querysets, the one rule), so it is no
    # evidence either.
    owner_still_there = Membership.objects.current(today).filter(
        person=OuterRef("learningquestion__owner"), network=OuterRef("network")
    )
    linked = LearningQuestion.networks.through.objects.filter(
        network_id__in=ids, learningquestion__visibility=Visibility.NETWORK
    ).filter(Exists(owner_still_there))
    for network_id, owner_id, status in linked.order_by().values_list(
        "network_id", "learningquestion__owner_id", "learningquestion__status"
    ):
        rows[network_id].shared_questions.append((owner_id, status))

    preparing = Meeting.preparation_group.through.objects.filter(meeting__network_id__in=ids)
    for network_id, person_id in (
        preparing.order_by().values_list("meeting__network_id", "user_id").distinct()
    ):
        rows[network_id].preparers.add(person_id)
    for network_id, person_id in (
        Case.objects.filter(meeting__network_id__in=ids)
        .order_by()
        .values_list("meeting__network_id", "author_id")
        .distinct()
    ):
        rows[network_id].case_authors.add(person_id)

    recent_from = today - datetime.timedelta(days=90)
    for network_id, total, recent in (
        ContactMoment.objects.filter(network_id__in=ids)
        .order_by()
        .values_list("network_id")
        .annotate(total=Count("pk"), recent=Count("pk", filter=Q(date__gte=recent_from)))
    ):
        rows[network_id].contact_moments = total
        rows[network_id].contact_moments_recent = recent

    # New members joined in the last year (after the start); the exact bound per network
    # (its start date) is applied by the caller.
    year_ago = today - datetime.timedelta(days=365)
    for network_id, joined_on, role in (
        Membership.objects.filter(network_id__in=ids, joined_on__gt=year_ago, joined_on__lte=today)
        .order_by()
        .values_list("network_id", "joined_on", "role")
    ):
        rows[network_id].joined.append((joined_on, role))

    for network_id, kind, count in (
        Outcome.objects.filter(network_id__in=ids)
        .order_by()
        .values_list("network_id", "kind")
        .annotate(count=Count("pk"))
    ):
        rows[network_id].outcomes[kind] = count
    for network_id, count in (
        ValueStory.objects.filter(network_id__in=ids)
        .order_by()
        .values_list("network_id")
        .annotate(count=Count("pk"))
    ):
        rows[network_id].stories = count

    for network_id, results in _round_results(ids).items():
        rows[network_id].results = results
    return rows
