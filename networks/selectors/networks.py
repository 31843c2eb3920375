"""Reads for network pages: the staff overview, a person's networks and memberships, a
network's members and waiting list, the public directory. Each returns what its page shows
pre-fetched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from ..enums import (
    APPLICATION_ONLY_STATUSES,
    ON_WAITING_LIST,
    InviteeRole,
    Role,
    WaitingStatus,
)
from ..models import (
    Application,
    ApplicationInvitee,
    Membership,
    Network,
    WaitingListEntry,
)

if TYPE_CHECKING:
    from participants.models import User


def _facilitators(*, named_as: str) -> tuple[Prefetch, Prefetch]:
    """Each network's current facilitators (`current_facilitators`) and the facilitators its
    application names (`named_as`), for a list of networks: two queries for the whole list."""
    return (
        Prefetch(
            "memberships",
            queryset=Membership.objects.current().facilitators().select_related("person"),
            to_attr="current_facilitators",
        ),
        Prefetch(
            "application__invitees",
            queryset=ApplicationInvitee.objects.filter(role=InviteeRole.FACILITATOR),
            to_attr=named_as,
        ),
    )


def networks_for_staff(*, filters: dict | None = None) -> QuerySet[Network]:
    """All networks with member counts and facilitators, for the staff overview. A network
    that is still an application has no members yet: for it the overview shows what the
    application plans (`planned_fixed_count`, `planned_facilitators`)."""
    return (
        Network.objects.all()
        .with_member_counts()
        .with_planned_counts()
        .prefetch_related(*_facilitators(named_as="planned_facilitators"))
        .order_by("name")
    )


def current_memberships_of(person: User) -> list[Membership]:
    """The person's current memberships, each with its network, in one query, then
    remembered for the request: within a request the answer cannot change, and a page asks
    it many times (every permission check on a network, every start-page section, the list
    of her networks). The memo is the one the web layer gives the request's user
    (`user.request_memo`, leernetwerk.middleware.ViewerMemoMiddleware); a user without one
    (services, tasks, tests) is asked afresh. None for a visitor."""
    if not (person and person.is_authenticated):
        return []
    memo = getattr(person, "request_memo", None)
    if memo is not None and "memberships" in memo:
        return memo["memberships"]
    # No ordering: the model's default would join the person to sort.
    memberships = list(
        Membership.objects.current().filter(person=person).select_related("network").order_by()
    )
    if memo is not None:
        memo["memberships"] = memberships
    return memberships


def current_roles_by_network(person: User) -> dict[int, frozenset[str]]:
    """The person's current roles per network id (networks where she holds none are
    absent), from `current_memberships_of`."""
    roles: dict[int, set[str]] = {}
    for membership in current_memberships_of(person):
        roles.setdefault(membership.network_id, set()).add(membership.role)
    return {network_id: frozenset(held) for network_id, held in roles.items()}


def network_ids_of(person: User) -> list[int]:
    """The ids of the networks where the person currently holds a role, in id order: what
    the start page's sections filter on (an empty list: they need no query)."""
    return sorted(current_roles_by_network(person))


@dataclass(frozen=True)
class MyNetwork:
    """A network on the member's start page, once, with every role she holds in it."""

    network: Network
    roles: list[str]  # role labels, in Role order


def my_networks_for_person(person: User) -> list[MyNetwork]:
    """The person's current networks, each once with all her roles (penvoerder and
    participant of the same network is one entry), by network name. A network that is
    still an application (not granted) is not one of them: the start page lists it under
    her applications only. From `current_memberships_of` (one query per request)."""
    order = {value: i for i, value in enumerate(Role.values)}
    grouped: dict[int, MyNetwork] = {}
    memberships = sorted(
        (
            m
            for m in current_memberships_of(person)
            if m.network.status not in APPLICATION_ONLY_STATUSES
        ),
        key=lambda m: order.get(m.role, 99),
    )
    for membership in memberships:
        entry = grouped.setdefault(
            membership.network_id, MyNetwork(network=membership.network, roles=[])
        )
        entry.roles.append(str(membership.get_role_display()))
    return sorted(grouped.values(), key=lambda e: (e.network.name.lower(), e.network.pk))


def members_of_network(network: Network, *, viewer: User) -> QuerySet[Membership]:
    """Current memberships of a network with each person and school. `contact_visible` on
    each says whether the viewer may read that person's contact details (school included):
    the one rule, `User.objects.contact_visible_to` (participants sits above networks, so
    the user model is reached through get_user_model)."""
    readable = get_user_model().objects.contact_visible_to(viewer)
    return (
        network.memberships.current()
        .select_related("person", "person__school")
        .annotate(contact_visible=Exists(readable.filter(pk=OuterRef("person_id"))))
        # What the member list shows (a person's name falls back to the address).
        .only(
            "network_id",
            "role",
            "is_fixed",
            "person__first_name",
            "person__last_name",
            "person__email",
            "person__school__name",
        )
        .order_by("role", "person__last_name", "person__first_name")
    )


# --- Directory and API -----------------------------------------------------------------------


def networks_for_directory() -> QuerySet[Network]:
    """Supported, listed networks with their current facilitators and, for networks whose
    facilitator has no account yet, the facilitator named in the application; with the
    places taken, so `is_full` needs no query, and `first_offer_ends`: when the first place
    offer counted in them runs out (None: none), after which `is_full` may change by itself."""
    first_offer_ends = (
        WaitingListEntry.objects.filter(
            network=OuterRef("pk"),
            status=WaitingStatus.OFFERED,
            offered_until__gt=timezone.now(),
        )
        .order_by("offered_until")
        .values("offered_until")[:1]
    )
    return (
        Network.objects.in_directory()
        .with_places_taken()
        .annotate(first_offer_ends=Subquery(first_offer_ends))
        .prefetch_related(*_facilitators(named_as="invited_facilitators"))
        .order_by("name")
    )


def public_facilitator_names(network: Network) -> list[str]:
    """The facilitator names a visitor may see (names only, never addresses).

    Expects a network from `networks_for_directory()` (prefetched, no extra queries)."""
    names = [m.person.full_name for m in getattr(network, "current_facilitators", [])]
    if names:
        return names
    try:
        application = network.application
    except Application.DoesNotExist:
        return []
    return [i.name for i in getattr(application, "invited_facilitators", []) if i.name]


def waiting_list_for_organisers(network: Network) -> list[WaitingListEntry]:
    """Who is on the network's waiting list, in order: those holding an offered place first,
    then the waiting ones numbered from 1 (`position`). Names and addresses: only for the
    network's organisers and staff (the members page; `networks.view_waiting_list`)."""
    entries = list(
        WaitingListEntry.objects.filter(network=network, status__in=ON_WAITING_LIST)
        .select_related("registration")
        .order_by("listed_at", "pk")
    )
    position = 0
    for entry in entries:
        if entry.status == WaitingStatus.WAITING:
            position += 1
            entry.position = position
        else:
            entry.position = None
    return sorted(entries, key=lambda e: (e.position is not None, e.position or 0))
