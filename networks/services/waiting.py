"""The waiting list of a full open network (docs/domain.md, "Waiting list").

A network with a maximum is full when its current participants plus the places offered and
not yet expired reach it. A registration that arrives then joins the waiting list in order
of arrival. Which entries get a freed place is decided here, under a lock on the network's
row, so two places freeing at once or a task running twice never offer one place twice; the
offer itself (an invitation for her address) is made by `participants.waiting`."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mails.services import queue_rendered

from ..directory_cache import directory_changed
from ..enums import WaitingStatus
from ..models import InterestRegistration, Network, WaitingListEntry

if TYPE_CHECKING:
    from participants.models import User

PLACE_OFFER_DAYS = 7


def participant_count(network: Network) -> int:
    """The number of current participants. Read-only; any caller."""
    return Network.objects.with_places_taken().get(pk=network.pk).participant_count


def places_taken(network: Network) -> int:
    """Current participants plus offered places not yet expired. Read-only; any caller."""
    return Network.objects.with_places_taken().get(pk=network.pk).places_taken


def free_places(network: Network) -> int | None:
    """How many places are free; None when the network has no maximum. Read-only."""
    counted = Network.objects.with_places_taken().get(pk=network.pk)
    if counted.max_participants is None:
        return None
    return max(counted.max_participants - counted.places_taken, 0)


def is_full(network: Network) -> bool:
    """Whether a new registration joins the waiting list (`Network.is_full`). Read-only."""
    return Network.objects.with_places_taken().get(pk=network.pk).is_full


def waiting_position(entry: WaitingListEntry) -> int | None:
    """Her place among those still waiting (1 is next); None when she is not waiting."""
    if entry.status != WaitingStatus.WAITING:
        return None
    ahead = WaitingListEntry.objects.filter(
        network_id=entry.network_id, status=WaitingStatus.WAITING
    ).filter(Q(listed_at__lt=entry.listed_at) | Q(listed_at=entry.listed_at, pk__lt=entry.pk))
    return ahead.count() + 1


def waiting_position_of(registration: InterestRegistration) -> int | None:
    """Her position on the waiting list, or None when she is not waiting. Read-only."""
    entry = WaitingListEntry.objects.filter(registration=registration).first()
    return waiting_position(entry) if entry is not None else None


def _lock(network: Network) -> Network:
    """The network's row, locked until the transaction ends: one decision about its places
    at a time."""
    return Network.objects.select_for_update().get(pk=network.pk)


def put_on_waiting_list(registration: InterestRegistration) -> WaitingListEntry:
    """Place the registration at the end of its network's waiting list and mail her the
    position. Already waiting or holding an offer: nothing changes and nobody is mailed
    again. Called by `register_interest` inside its transaction, the network locked."""
    entry = WaitingListEntry.objects.filter(registration=registration).first()
    if entry is not None and entry.status in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
        return entry
    now = timezone.now()
    if entry is None:
        entry = WaitingListEntry(network=registration.network, registration=registration)
    entry.status = WaitingStatus.WAITING
    entry.listed_at = now
    entry.offered_until = None
    entry.resolved_at = None
    entry.save()
    network = registration.network
    queue_rendered(
        key=f"networks.waiting-list:{entry.pk}:{now.isoformat()}",
        to=registration.email,
        kind="waiting_list",
        template="networks/email/waiting_list",
        context={
            "registration": registration,
            "network": network,
            "position": waiting_position(entry),
            "network_url": settings.SITE_URL.rstrip("/")
            + reverse("networks:directory-detail", args=[network.slug]),
        },
    )
    return entry


@transaction.atomic
def set_max_participants(network: Network, value: int | None, *, by: User | None) -> Network:
    """Set or clear the maximum (None: no maximum). Refused at the field, nothing saved,
    below 1 or below the current number of participants. The caller offers the places a
    raise frees (`participants.waiting.change_max_participants`)."""
    network = _lock(network)
    if value is not None:
        if value < 1:
            raise ValidationError(
                {"max_participants": _("Enter a whole number of at least 1, or leave it empty.")}
            )
        current = participant_count(network)
        if value < current:
            raise ValidationError(
                {
                    "max_participants": _(
                        "The network has %(count)s participants now; the maximum cannot be lower."
                    )
                    % {"count": current}
                }
            )
    network.max_participants = value
    network.save(update_fields=["max_participants", "updated_at"])
    return network


def claim_free_places(network: Network) -> list[WaitingListEntry]:
    """Mark the first waiting entries as offered, one per free place, and return them.

    Must run inside the caller's transaction: the network's row is locked first, so a
    second call (two places freed at once, the daily task twice) counts these offers and
    claims nothing more. A network that is not open, or has no maximum, claims nothing."""
    network = _lock(network)
    if not network.is_open:
        return []
    free = free_places(network)
    if not free:
        return []
    entries = list(
        WaitingListEntry.objects.filter(network=network, status=WaitingStatus.WAITING)
        .select_related("registration", "network")
        .order_by("listed_at", "pk")[:free]
    )
    for entry in entries:
        _mark_offered(entry)
    return entries


def claim_place_for(entry: WaitingListEntry) -> WaitingListEntry:
    """The facilitator offers this person a place by hand (also out of turn, also when the
    network is full: her choice). Refused unless she is still waiting."""
    _lock(entry.network)
    entry = (
        WaitingListEntry.objects.select_for_update().select_related("registration").get(pk=entry.pk)
    )
    if entry.status != WaitingStatus.WAITING:
        raise ValidationError(_("This person is no longer waiting for a place."))
    _mark_offered(entry)
    return entry


def _mark_offered(entry: WaitingListEntry) -> None:
    entry.status = WaitingStatus.OFFERED
    entry.offered_until = timezone.now() + datetime.timedelta(days=PLACE_OFFER_DAYS)
    entry.save(update_fields=["status", "offered_until"])


def close_entry(entry: WaitingListEntry, status: str) -> bool:
    """End the entry as joined, declined, expired or removed; False (nothing changed) when
    it was closed already, so a second click or run does nothing twice."""
    updated = WaitingListEntry.objects.filter(
        pk=entry.pk, status__in=(WaitingStatus.WAITING, WaitingStatus.OFFERED)
    ).update(status=status, resolved_at=timezone.now())
    entry.refresh_from_db()
    if updated:
        directory_changed()  # an offered place no longer counts (an update sends no signal)
    return bool(updated)


def expire_offers(now: datetime.datetime | None = None) -> list[WaitingListEntry]:
    """Close every offer whose time has passed; the entries it closed (each once)."""
    now = now or timezone.now()
    due = list(
        WaitingListEntry.objects.select_for_update(skip_locked=True).filter(
            status=WaitingStatus.OFFERED, offered_until__lte=now
        )
    )
    return [entry for entry in due if close_entry(entry, WaitingStatus.EXPIRED)]


def networks_with_waiting_people() -> list[Network]:
    """Networks with a maximum and someone waiting: the daily task offers their free places
    (also places freed outside the services: the management site, an erased account)."""
    return list(
        Network.objects.filter(
            max_participants__isnull=False, waiting_list__status=WaitingStatus.WAITING
        ).distinct()
    )
