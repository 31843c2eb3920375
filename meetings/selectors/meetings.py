"""Members and meetings: who is in a network, the meetings a person sees, the answers
to an invitation, the meetings part of a network page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from networks.enums import Role
from networks.models import Membership, Network

from ..models import (
    BuddyGroup,
    Case,
    ContactMoment,
    DatePoll,
    Meeting,
    Response,
)

if TYPE_CHECKING:
    from participants.models import User


def members_of(network: Network) -> QuerySet[User]:
    """People currently holding any role in the network, each once."""
    return (
        get_user_model()
        .objects.filter(
            pk__in=Membership.objects.current().filter(network=network).values("person")
        )
        .select_related("school")
        .order_by("last_name", "first_name", "email")
    )


def buddy_candidates(network: Network, *, viewer: User) -> QuerySet[User]:
    """Members a buddy-group suggestion may place: everyone but the facilitators, who run
    the network and are no participant of a buddy group. `contact_visible` on each says
    whether the viewer may read her contact details (`User.objects.contact_visible_to`)."""
    facilitators = Membership.objects.current().filter(network=network, role=Role.FACILITATOR)
    readable = get_user_model().objects.contact_visible_to(viewer)
    return (
        members_of(network)
        .exclude(pk__in=facilitators.values("person"))
        .annotate(contact_visible=Exists(readable.filter(pk=OuterRef("pk"))))
    )


def facilitators_of(network: Network) -> list[User]:
    """The network's current facilitators with an address: who is told about polls and
    repeated absence (not the penvoerder, not staff)."""
    ids = Membership.objects.current().facilitators().filter(network=network).values("person")
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email=""))


def planned_days(network: Network) -> set[datetime.date]:
    """Local dates on which the network has a meeting that is not cancelled."""
    return {
        timezone.localtime(starts_at).date()
        for starts_at in Meeting.objects.filter(network=network)
        .scheduled()
        .values_list("starts_at", flat=True)
    }


def planned_meetings(network: Network) -> list[Meeting]:
    """The network's meetings still to come (not cancelled), for beside the planner proposal."""
    return list(Meeting.objects.filter(network=network).upcoming())


def _with_my_answer(queryset: QuerySet[Meeting], user) -> QuerySet[Meeting]:
    if not user.is_authenticated:
        return queryset
    mine = Response.objects.filter(meeting=OuterRef("pk"), person=user)
    return queryset.annotate(my_answer=Subquery(mine.values("answer")[:1]))


def meetings_for_person(user: User) -> QuerySet[Meeting]:
    """Meetings the user may see, with the network and the user's own answer."""
    return _with_my_answer(Meeting.objects.visible_to(user).select_related("network"), user)


def upcoming_meetings_for_person(user: User, *, limit: int = 10) -> list[Meeting]:
    """The start page: coming meetings of the user's own networks with their answer."""
    queryset = Meeting.objects.of_networks_of(user).not_ended().select_related("network")
    return list(_with_my_answer(queryset, user)[:limit])


def meeting_for_user(user: User, pk: int) -> Meeting:
    """One meeting the user may see, with everything its page shows; 404 otherwise."""
    queryset = _with_my_answer(
        Meeting.objects.visible_to(user)
        .select_related("network")
        .prefetch_related(
            "speakers",
            "preparation_group",
            Prefetch("cases", queryset=_cases()),
        ),
        user,
    )
    return get_object_or_404(queryset, pk=pk)


def _cases():
    return Case.objects.select_related("author").order_by("created_at")


@dataclass(frozen=True)
class ResponseRow:
    person: User
    response: Response | None


def responses_overview(meeting: Meeting) -> list[ResponseRow]:
    """Every current member with their answer (None: not answered yet)."""
    responses = {r.person_id: r for r in meeting.responses.all()}
    return [ResponseRow(p, responses.get(p.pk)) for p in members_of(meeting.network)]


def suggested_theme(network: Network) -> str:
    """The theme the group chose at the latest meeting that recorded one."""
    latest = (
        Meeting.objects.filter(network=network)
        .scheduled()
        .exclude(next_theme="")
        .order_by("-starts_at")
        .values_list("next_theme", flat=True)
        .first()
    )
    return latest or ""


@dataclass(frozen=True)
class NetworkSection:
    upcoming: list[Meeting]
    past: list[Meeting]
    buddy_groups: list[BuddyGroup]
    contact_moments: list[ContactMoment]
    open_polls: list[DatePoll]


def network_section(network: Network, *, limit: int = 5) -> NetworkSection:
    """The meetings part of a network's page: five queries whatever the data size."""
    meetings = Meeting.objects.filter(network=network)
    return NetworkSection(
        upcoming=list(meetings.not_ended()[:limit]),
        past=list(meetings.past()[:limit]),
        buddy_groups=list(
            network.buddy_groups.prefetch_related(
                Prefetch(
                    "members", queryset=get_user_model().objects.order_by("last_name", "first_name")
                )
            )
        ),
        contact_moments=list(
            network.contact_moments.prefetch_related("participants").order_by("-date")[:limit]
        ),
        open_polls=list(network.date_polls.open()[:limit]),
    )
