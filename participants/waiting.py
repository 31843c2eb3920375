"""Offering freed places to a full network's waiting list (docs/domain.md, "Waiting list").

`networks.services.waiting` decides who is next under a lock on the network; an offer here
is an invitation for her address (the invitation flow creates or uses her account and makes
her a participant), valid as long as the offer, mailed once. Declining, expiring or being
removed frees the place for the next on the list; so does a member leaving the network
(`networks.signals.member_left`, received in `participants.receivers`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mails.services import queue_rendered
from networks import services as network_services
from networks.enums import Role, WaitingStatus
from networks.models import Network, WaitingListEntry

from .models import Invitation, User
from .services import invitation_token


def _offer(entry: WaitingListEntry, *, by: User | None) -> Invitation:
    """The invitation for an entry just marked offered, and its mail (once per offer)."""
    invitation = Invitation.objects.create(
        network=entry.network,
        email=entry.email,
        role=Role.PARTICIPANT,
        invited_by=by,
        expires_at=entry.offered_until,
        waiting_entry=entry,
    )
    token = invitation_token(invitation)
    site = settings.SITE_URL.rstrip("/")
    queue_rendered(
        key=f"participants.place-offer:{invitation.pk}",
        to=entry.email,
        kind="place_offer",
        template="participants/email/place_offer",
        context={
            "entry": entry,
            "network": entry.network,
            "until": entry.offered_until,
            "accept_url": site + reverse("participants:invitation-accept", args=[token]),
            "decline_url": site + reverse("participants:place-decline", args=[token]),
        },
    )
    return invitation


@transaction.atomic
def offer_free_places(network: Network) -> list[Invitation]:
    """Offer each free place to the next on the waiting list; the offers made.

    Safe to run twice or at the same moment: the network's row is locked while the places
    are counted, so a second run finds them offered and offers nothing."""
    return [_offer(entry, by=None) for entry in network_services.claim_free_places(network)]


@transaction.atomic
def offer_place(entry: WaitingListEntry, *, by: User) -> Invitation:
    """The organiser offers this waiting person a place by hand (out of turn, also when the
    network is full). ValidationError when she is no longer waiting."""
    return _offer(network_services.claim_place_for(entry), by=by)


def _end_pending_offer(entry: WaitingListEntry) -> None:
    """The entry's unused invitation can no longer be used."""
    Invitation.objects.filter(
        waiting_entry=entry, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).update(expires_at=timezone.now())


@transaction.atomic
def decline_place_offer(invitation: Invitation) -> bool:
    """She declines the offered place: the link dies and the place goes to the next on the
    list. False when there was nothing to decline (used, expired, declined already)."""
    entry = invitation.waiting_entry
    if entry is None or invitation.accepted_at is not None:
        return False
    if entry.status != WaitingStatus.OFFERED or not network_services.close_entry(
        entry, WaitingStatus.DECLINED
    ):
        return False
    _end_pending_offer(entry)
    offer_free_places(entry.network)
    return True


@transaction.atomic
def remove_from_waiting_list(entry: WaitingListEntry, *, by: User) -> None:
    """The organiser takes her off the list; an offered place she held goes to the next."""
    if not network_services.close_entry(entry, WaitingStatus.REMOVED):
        raise ValidationError(_("This person is no longer on the waiting list."))
    _end_pending_offer(entry)
    offer_free_places(entry.network)


@transaction.atomic
def change_max_participants(network: Network, value: int | None, *, by: User) -> Network:
    """Set the maximum (`networks.services.set_max_participants`) and offer the places a
    raise (or clearing it) frees to the waiting list."""
    network = network_services.set_max_participants(network, value, by=by)
    offer_free_places(network)
    if value is None:
        # No maximum: nobody needs to wait any more.
        for entry in WaitingListEntry.objects.filter(network=network, status=WaitingStatus.WAITING):
            _offer(network_services.claim_place_for(entry), by=by)
    return network


def expire_place_offers() -> int:
    """Daily: close the offers whose week has passed and offer their places, and every free
    place of a network with people waiting, to the next; how many offers were made. Each
    network in its own transaction; running twice offers nothing twice."""
    with transaction.atomic():
        expired = network_services.expire_offers()
    networks = {entry.network_id: entry.network for entry in expired}
    for network in network_services.networks_with_waiting_people():
        networks.setdefault(network.pk, network)
    return sum(len(offer_free_places(network)) for network in networks.values())
