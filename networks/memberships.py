"""Who joins a network: the one place that writes membership rows, and the rule on closed
networks (docs/domain.md, "Membership").

Callers: applications (the penvoerder on a first save, named people on a grant) in
networks.services; invitations, accepting them and the member import in participants."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import Access
from .models import Membership, Network

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
    Safe to run twice: the second call changes nothing."""
    today = timezone.localdate()
    defaults: dict = {"joined_on": today}
    if is_fixed is not None:
        defaults["is_fixed"] = is_fixed
    membership, _created = Membership.objects.get_or_create(
        person=person, network=network, role=role, defaults=defaults
    )
    if membership.left_on is not None:
        membership.left_on = None
        membership.joined_on = today
        membership.save(update_fields=["left_on", "joined_on"])
    return membership
