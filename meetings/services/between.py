"""Between meetings: buddy groups, the contact log and calendar feed tokens."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.models import Network

from .. import buddies
from ..models import (
    BuddyGroup,
    CalendarFeedToken,
    ContactMoment,
)
from ..selectors import participants_of
from .common import _check_members

if TYPE_CHECKING:
    from participants.models import User


@transaction.atomic
def form_buddy_group(network: Network, *, by: User, name: str, members: Iterable) -> BuddyGroup:
    """A buddy group of two to five current participants of the network (no facilitator)."""
    people = list(members)
    if not buddies.size_is_valid([p.pk for p in people]):
        raise ValidationError({"members": _("A buddy group has two to five members.")})
    _check_members(network, people, "members")
    participants = set(participants_of(network).values_list("pk", flat=True))
    facilitators = [p for p in people if p.pk not in participants]
    if facilitators:
        raise ValidationError(
            {
                "members": _("%(name)s facilitates this network and joins no buddy group.")
                % {"name": facilitators[0]}
            }
        )
    group = BuddyGroup.objects.create(network=network, name=name)
    group.members.set(people)
    return group


@transaction.atomic
def dissolve_buddy_group(group: BuddyGroup, *, by: User) -> None:
    """Dissolve a buddy group; its members stay in the network. Organisers (checked by the
    caller)."""
    group.delete()


@transaction.atomic
def record_contact_moment(
    network: Network, *, by: User, date: datetime.date, participants: Iterable, note: str = ""
) -> ContactMoment:
    """Log contact between meetings: feeds `contact_between_meetings` and phase reports."""
    people = list(participants)
    if not people:
        raise ValidationError({"participants": _("Choose who was in contact.")})
    _check_members(network, people, "participants")
    if date > timezone.localdate():
        raise ValidationError({"date": _("A contact moment cannot be in the future.")})
    moment = ContactMoment.objects.create(network=network, date=date, note=note, recorded_by=by)
    moment.participants.set(people)
    return moment


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def calendar_feed_token_for(person: User) -> CalendarFeedToken:
    """The person's feed token, created on first use."""
    token, _created = CalendarFeedToken.objects.get_or_create(
        person=person, defaults={"token": _new_token()}
    )
    return token


@transaction.atomic
def reset_calendar_feed_token(person: User) -> CalendarFeedToken:
    """A new secret: the old feed URL stops working at once."""
    token = calendar_feed_token_for(person)
    token.token = _new_token()
    token.save(update_fields=["token", "created_at"])
    return token


@transaction.atomic
def set_calendar_alarm(person: User, *, alarm: str) -> CalendarFeedToken:
    """The person's choice of reminder before each meeting, in her feed and in the .ics
    files she downloads (none, 1 hour, 1 day). Called for the signed-in person herself."""
    token = calendar_feed_token_for(person)
    token.alarm = alarm
    token.save(update_fields=["alarm"])
    return token
