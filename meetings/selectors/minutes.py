"""Reads for the minutes pages, the start page and the preparation page. Minutes are
network-internal: every read here is for members of the meeting's network."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import rules
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from networks.enums import Role
from networks.models import Membership, Network
from networks.selectors import network_ids_of

from .. import minutes as rules_of
from ..models import ActionItem, Meeting, Minutes, MinutesCorrection

if TYPE_CHECKING:
    from participants.models import User


def attendees_of(meeting: Meeting) -> QuerySet[User]:
    """People recorded as present (or late) at the meeting."""
    return (
        get_user_model()
        .objects.filter(attendances__meeting=meeting, attendances__status__in=rules_of.ATTENDED)
        .order_by("last_name", "first_name")
    )


def writers_of(meeting: Meeting) -> list[User]:
    """Who may write the meeting's minutes and has an address: the network's current
    facilitators and penvoerders, and the members of the meeting's preparation group who
    are still members (meetings/rules.py, `is_minutes_writer`). They read every suggested
    correction and are mailed about each."""
    current = Membership.objects.current().filter(network_id=meeting.network_id)
    organisers = current.filter(role__in=(Role.FACILITATOR, Role.PENVOERDER)).values("person")
    preparers = meeting.preparation_group.filter(pk__in=current.values("person")).values("pk")
    return list(
        get_user_model()
        .objects.filter(Q(pk__in=organisers) | Q(pk__in=preparers), is_active=True)
        .exclude(email="")
        .order_by("last_name", "first_name", "pk")
    )


@dataclass
class MinutesPage:
    meeting: Meeting
    minutes: Minutes | None
    can_read: bool
    can_write: bool
    can_suggest: bool  # attended, draft shared, and the week still running
    has_started: bool
    can_publish: bool = False  # a writer, shared, and the correction week is over
    actions: list[ActionItem] = field(default_factory=list)
    corrections: list[MinutesCorrection] = field(default_factory=list)


def minutes_page(meeting: Meeting, viewer: User) -> MinutesPage:
    """What the viewer (a member of the network) sees of the meeting's minutes: writers all
    of it with every suggested correction; an attendee the shared draft and her own
    suggestions; every member the published minutes. Nothing else is loaded."""
    minutes = (
        Minutes.objects.select_related("written_by", "meeting__network")
        .filter(meeting=meeting)
        .first()
    )
    now = timezone.now()
    # rules.has_perm, not user.has_perm: a superuser passes every Django permission, and
    # minutes are for the network's members only, whoever else holds admin rights.
    can_write = rules.has_perm("meetings.write_minutes", viewer, meeting)
    can_read = minutes is not None and rules.has_perm("meetings.read_minutes", viewer, minutes)
    page = MinutesPage(
        meeting=meeting,
        minutes=minutes if can_read else None,
        can_read=can_read,
        can_write=can_write,
        can_suggest=bool(
            can_read
            and minutes.is_shared
            and rules_of.corrections_open(minutes.shared_at, now)
            and rules.has_perm("meetings.suggest_minutes_correction", viewer, meeting)
        ),
        has_started=meeting.starts_at <= now,
    )
    page.can_publish = bool(
        can_write
        and can_read
        and minutes.is_shared
        and rules_of.may_publish(minutes.shared_at, now)
    )
    if can_read:
        page.actions = list(minutes.actions.select_related("owner"))
        corrections = minutes.corrections.select_related("author")
        if not can_write:
            corrections = corrections.filter(author=viewer)
        page.corrections = list(corrections)
    return page


def action_item(pk: int) -> ActionItem | None:
    """One action with its minutes and meeting, for the permission check that follows (its
    owner's tick, a writer's removal); None if there is none."""
    return (
        ActionItem.objects.select_related("minutes__meeting__network", "owner")
        .filter(pk=pk)
        .first()
    )


def open_actions_for_person(person: User, *, limit: int = 20) -> list[ActionItem]:
    """The person's open actions of published minutes, in networks where she holds a role
    now, soonest due first (the start page; no query for someone in no network)."""
    network_ids = network_ids_of(person)
    if not network_ids:
        return []
    return list(
        ActionItem.objects.published()
        .open()
        .filter(owner=person, minutes__meeting__network_id__in=network_ids)
        .select_related("minutes__meeting__network")[:limit]
    )


def open_actions_for_network(
    network: Network, viewer: User, *, before: Meeting | None = None
) -> list[ActionItem]:
    """Open actions of the network's published minutes (of meetings before `before`), for
    the next meeting's preparation page; none for a viewer who is not a member."""
    if not rules.has_perm("meetings.view_minutes", viewer, network):
        return []
    actions = (
        ActionItem.objects.published()
        .open()
        .filter(minutes__meeting__network=network)
        .select_related("owner", "minutes__meeting")
    )
    if before is not None:
        actions = actions.filter(minutes__meeting__starts_at__lt=before.starts_at)
    return list(actions)
