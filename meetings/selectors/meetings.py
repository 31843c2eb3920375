"""Members and meetings: who is in a network, the meetings a person sees, the answers
to an invitation, the meetings part of a network page."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.enums import Role
from networks.models import Membership, Network
from networks.selectors import network_ids_of

from ..enums import MeetingStatus
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


def facilitator_memberships(network: Network) -> QuerySet[Membership]:
    """The network's current facilitator memberships: who is no participant (deelnemer)."""
    return Membership.objects.current().filter(network=network, role=Role.FACILITATOR)


def participants_of(network: Network) -> QuerySet[User]:
    """The network's participants (deelnemers): its current members except the facilitators,
    who run the network and are no participant of it (a penvoerder usually is one). Who is
    counted, registered or grouped where the page says "deelnemers"."""
    facilitators = facilitator_memberships(network)
    return members_of(network).exclude(pk__in=facilitators.values("person"))


def buddy_candidates(network: Network, *, viewer: User) -> QuerySet[User]:
    """Members a buddy-group suggestion may place: everyone but the facilitators, who run
    the network and are no participant of a buddy group. `contact_visible` on each says
    whether the viewer may read her contact details (`User.objects.contact_visible_to`)."""
    readable = get_user_model().objects.contact_visible_to(viewer)
    return participants_of(network).annotate(
        contact_visible=Exists(readable.filter(pk=OuterRef("pk")))
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
    # One answer per meeting and person (response_unique_meeting_person): no ordering, so
    # the subquery does not join the meeting and the person for Response's Meta ordering.
    mine = Response.objects.filter(meeting=OuterRef("pk"), person=user).order_by()
    return queryset.annotate(my_answer=Subquery(mine.values("answer")[:1]))


def meetings_for_person(user: User) -> QuerySet[Meeting]:
    """Meetings the user may see, with the network and the user's own answer."""
    return _with_my_answer(Meeting.objects.visible_to(user).select_related("network"), user)


def upcoming_meetings_for_person(user: User, *, limit: int = 10) -> list[Meeting]:
    """The start page: coming meetings of the user's own networks with their answer (no
    query for someone in no network)."""
    network_ids = network_ids_of(user)
    if not network_ids:
        return []
    queryset = (
        Meeting.objects.filter(network_id__in=network_ids).not_ended().select_related("network")
    )
    return list(_with_my_answer(queryset, user)[:limit])


def meeting_of_page(user: User, pk: int) -> Meeting:
    """One meeting the user may see, with its network and nothing else; 404 otherwise. For
    the pages of a meeting that show no speakers, cases, preparation group or own answer
    (attendance, minutes): the same rows as `meeting_for_user`, without its prefetches."""
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("network"), pk=pk)


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


def usual_weekday(network: Network) -> int | None:
    """The working day (0 = Monday) most of the network's meetings fall on, locally; None
    without meetings on working days (or when two days are equally common)."""
    days = Counter(
        timezone.localtime(starts_at).weekday()
        for starts_at in Meeting.objects.filter(network=network)
        .scheduled()
        .values_list("starts_at", flat=True)
    )
    ranked = [item for item in days.most_common() if item[0] < 5]
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def new_meeting_details(network: Network, count: int = 1) -> list[dict]:
    """Title and theme for the next `count` meetings of the network, wherever one is made
    (planner, date poll, schedule form): titled like the others, "Meeting N" continuing the
    network's numbering, the first with the theme the group chose for it."""
    titles = list(Meeting.objects.filter(network=network).values_list("title", "status"))
    before, after = (_("Meeting %(number)s") % {"number": "\0"}).split("\0")
    pattern = re.compile(re.escape(before) + r"(\d+)" + re.escape(after))
    numbers = [int(m.group(1)) for title, _status in titles if (m := pattern.fullmatch(title))]
    held = sum(1 for _title, status in titles if status != MeetingStatus.CANCELLED)
    first = max([held, *numbers]) + 1
    theme = suggested_theme(network)
    return [
        {
            "title": _("Meeting %(number)s") % {"number": first + i},
            "theme": theme if i == 0 else "",
        }
        for i in range(count)
    ]


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
