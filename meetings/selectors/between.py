"""Between meetings: the contact log, buddy groups, the calendar feed and the contact
summary of a network."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet
from django.urls import reverse

from networks.models import Network

from ..calendar import CalendarEvent
from ..enums import CalendarAlarm, MeetingStatus
from ..models import (
    BuddyGroup,
    CalendarFeedToken,
    ContactMoment,
    Meeting,
)

if TYPE_CHECKING:
    from participants.models import User


def contact_log(network: Network) -> QuerySet[ContactMoment]:
    """The network's contact moments with who recorded them and who took part."""
    return network.contact_moments.select_related("recorded_by").prefetch_related(
        Prefetch("participants", queryset=get_user_model().objects.order_by("last_name"))
    )


def buddy_groups_for(network: Network, *, viewer: User) -> list[BuddyGroup]:
    """The network's buddy groups with their members (and their schools). `contact_visible`
    on each member says whether the viewer may read her contact details, school included
    (`User.objects.contact_visible_to`, the one rule)."""
    people = get_user_model().objects
    readable = people.contact_visible_to(viewer)
    return list(
        network.buddy_groups.prefetch_related(
            Prefetch(
                "members",
                queryset=people.select_related("school").annotate(
                    contact_visible=Exists(readable.filter(pk=OuterRef("pk")))
                ),
            )
        )
    )


def feed_token_for(person: User) -> CalendarFeedToken | None:
    """The person's calendar feed token, or None before she asked for a feed."""
    return CalendarFeedToken.objects.filter(person=person).first()


def calendar_alarm_for(person: User) -> str:
    """The person's chosen reminder before each meeting (a CalendarAlarm value)."""
    if not person.is_authenticated:
        return CalendarAlarm.NONE
    row = CalendarFeedToken.objects.filter(person=person).values_list("alarm", flat=True)
    return row.first() or CalendarAlarm.NONE


def person_for_feed_token(token: str) -> User | None:
    """The active person whose private feed link carries `token`, or None."""
    row = CalendarFeedToken.objects.select_related("person").filter(token=token).first()
    if row is None or not row.person.is_active:
        return None
    return row.person


def feed_meetings(person: User) -> QuerySet[Meeting]:
    """All meetings of all the person's networks (cancelled ones too, marked so)."""
    return Meeting.objects.of_networks_of(person).select_related("network").order_by("starts_at")


def calendar_events(meetings: Iterable[Meeting]) -> list[CalendarEvent]:
    """Calendar entries: the title starts with the network's short name, else its name (a
    feed holds several networks; `Network.short_label`); the description has the link back
    to the meeting, the theme and the agenda."""
    events = []
    for meeting in meetings:
        location = ", ".join(part for part in (meeting.location, meeting.address) if part)
        url = settings.SITE_URL.rstrip("/") + reverse(
            "meetings:meeting-detail", kwargs={"pk": meeting.pk}
        )
        description = "\n\n".join(part for part in (url, meeting.theme, meeting.agenda) if part)
        events.append(
            CalendarEvent(
                uid=f"{meeting.uid}@leernetwerk.vo-academie.nl",
                sequence=meeting.sequence,
                summary=f"{meeting.network.short_label}: {meeting.title}",
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                updated_at=meeting.updated_at,
                description=description,
                location=location,
                url=url,
                cancelled=meeting.status == MeetingStatus.CANCELLED,
            )
        )
    return events


@dataclass(frozen=True)
class ContactSummary:
    moments: int
    last_date: object  # datetime.date | None
    buddy_groups: int


def contact_summary(network: Network, *, since: datetime.date | None = None) -> ContactSummary:
    """Contact between meetings, for the criterion `contact_between_meetings` and the phase
    reports: logged moments (since a date if given), the latest one and the buddy groups."""
    moments = network.contact_moments.all()
    if since is not None:
        moments = moments.filter(date__gte=since)
    figures = moments.aggregate(count=Count("pk"), last=Max("date"))
    return ContactSummary(
        moments=figures["count"],
        last_date=figures["last"],
        buddy_groups=network.buddy_groups.count(),
    )
