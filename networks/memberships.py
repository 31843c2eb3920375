"""Who joins and leaves a network: the one place that writes membership rows, the rule on
closed networks and the rule that a network keeps a facilitator (docs/domain.md,
"Membership").

Callers: applications (the penvoerder on a first save, named people on a grant) in
networks.services; invitations, accepting them and the member import in participants;
leaving a network and an organiser ending a membership (the network and members pages)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import Access, Role
from .models import Membership, Network
from .signals import member_added, member_left

if TYPE_CHECKING:
    from participants.models import User


def closed_to_new_members(network: Network, on: datetime.date | None = None) -> str | None:
    """Why the network accepts no new participants, or None when it does.

    Closed networks add no participants once they have started; open ones always accept.
    Read-only; any caller."""
    on = on or timezone.localdate()
    if network.access == Access.CLOSED and network.start_date and network.start_date <= on:
        return _(
            "%(network)s is a closed network that started on %(date)s: it takes no new members."
        ) % {"network": network.name, "date": network.start_date.strftime("%d-%m-%Y")}
    return None


def is_current_member(network: Network, email: str) -> bool:
    """Whether the address belongs to a current member (any role). Read-only; any caller."""
    return (
        Membership.objects.current()
        .filter(network=network, person__email__iexact=email.strip())
        .exists()
    )


def add_member(
    network: Network, person: User, *, role: str, is_fixed: bool | None = None
) -> Membership:
    """Make the person a current member of the network in `role` from today.

    Writes one Membership row (person, network, role): created if missing, and brought back
    (joined today) if the person had left. `is_fixed` is set on a new row only (None: the
    model's default). Checks no rule: callers decide first (see `closed_to_new_members`).
    Safe to run twice: the second call changes nothing. A person who becomes a current member
    (new, or back) is announced through `signals.member_added` (meetings mails her the open
    date polls)."""
    today = timezone.localdate()
    defaults: dict = {"joined_on": today}
    if is_fixed is not None:
        defaults["is_fixed"] = is_fixed
    membership, created = Membership.objects.get_or_create(
        person=person, network=network, role=role, defaults=defaults
    )
    if membership.left_on is not None:
        membership.left_on = None
        membership.joined_on = today
        membership.save(update_fields=["left_on", "joined_on"])
        created = True
    if created:
        member_added.send(sender=Membership, membership=membership)
    return membership


def refused_ending(memberships: list[Membership]) -> str | None:
    """Why these current memberships (of one network) may not end, or None when they may.

    A network keeps at least one current facilitator: ending the memberships of its last
    facilitator(s) is refused. Read-only; the confirmation pages ask it before the service."""
    if not memberships:
        return None
    today = timezone.localdate()
    ending = [m for m in memberships if m.role == Role.FACILITATOR and m.joined_on <= today]
    if not ending:
        return None
    network = ending[0].network
    others = (
        Membership.objects.current()
        .filter(network=network, role=Role.FACILITATOR)
        .exclude(pk__in=[m.pk for m in ending])
    )
    if others.exists():
        return None
    return _(
        "%(name)s is the only facilitator of %(network)s and cannot leave the network this "
        "way. Add another facilitator first."
    ) % {"name": str(ending[0].person), "network": network.name}


def leaving_refused(network: Network, person: User) -> str | None:
    """Why the person may not leave the network herself (`refused_ending`), or None."""
    return refused_ending(
        list(
            Membership.objects.not_ended()
            .filter(network=network, person=person)
            .select_related("person", "network")
        )
    )


def _end(memberships: list[Membership]) -> list[Membership]:
    """End the given memberships today (locked network), refusing the last facilitator."""
    reason = refused_ending(memberships)
    if reason:
        raise ValidationError(reason)
    today = timezone.localdate()
    for membership in memberships:
        # A membership still to begin ends on its first day, so it is never current.
        membership.left_on = max(today, membership.joined_on)
        membership.save(update_fields=["left_on"])
    for membership in memberships:
        member_left.send(sender=Membership, membership=membership)
    return memberships


def _lock_not_ended(network: Network, **filters: object) -> list[Membership]:
    Network.objects.select_for_update().get(pk=network.pk)
    return list(
        Membership.objects.not_ended()
        .filter(network=network, **filters)
        .select_related("person", "network")
        .order_by("pk")
    )


@transaction.atomic
def end_membership(membership: Membership, *, by: User | None) -> bool:
    """End one membership from today: an organiser takes someone out of the network.

    The row is kept (left_on set; its history stays), so the person's past in the network
    remains. Refused (ValidationError, nothing saved) for the network's last facilitator.
    The network's row is locked first, so two organisers ending the last two facilitators at
    once cannot both succeed. False when it had ended already (nothing changes, no signal);
    otherwise `signals.member_left` is sent (participants offers the freed place to the
    waiting list)."""
    rows = _lock_not_ended(membership.network, pk=membership.pk)
    if not rows:
        return False
    _end(rows)
    return True


@transaction.atomic
def leave_network(network: Network, person: User) -> list[Membership]:
    """The person leaves the network herself: every role she holds there ends today.

    Rows are kept, as in `end_membership`; refused (ValidationError, nothing saved) when she
    is its last facilitator. Returns the memberships ended (empty when she held none any
    more: a second click changes nothing); each is announced through `signals.member_left`."""
    return _end(_lock_not_ended(network, person=person))
