"""Between meetings: buddy groups, the contact log and calendar feed tokens."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

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
from .common import _check_members


@transaction.atomic
def form_buddy_group(network: Network, *, by, name: str, members: Iterable) -> BuddyGroup:
    """A buddy group of two to five current members of the network."""
    people = list(members)
    if not buddies.size_is_valid([p.pk for p in people]):
        raise ValidationError({"members": _("A buddy group has two to five members.")})
    _check_members(network, people, "members")
    group = BuddyGroup.objects.create(network=network, name=name)
    group.members.set(people)
    return group


@transaction.atomic
def dissolve_buddy_group(group: BuddyGroup, *, by) -> None:
    group.delete()


@transaction.atomic
def record_contact_moment(
    network: Network, *, by, date: datetime.date, participants: Iterable, note: str = ""
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


def calendar_feed_token_for(person) -> CalendarFeedToken:
    """The person's feed token, created on first use."""
    token, _created = CalendarFeedToken.objects.get_or_create(
        person=person, defaults={"token": _new_token()}
    )
    return token


@transaction.atomic
def reset_calendar_feed_token(person) -> CalendarFeedToken:
    """A new secret: the old feed URL stops working at once."""
    token = calendar_feed_token_for(person)
    token.token = _new_token()
    token.save(update_fields=["token", "created_at"])
    return token
