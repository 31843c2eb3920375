"""Who may do what with a network. Roles are data: memberships plus the academy staff group."""

import rules

from .enums import Role


@rules.predicate
def is_academy_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_academy_staff)


def _current_roles(user, network) -> frozenset[str]:
    """The user's current roles in the network: one query, then remembered for the request.

    Pages ask several predicates about the same network (view, change, organiser...); within a
    request the answer cannot change, so it is kept in the memo the web layer gives the
    request's user (`user.request_memo`, leernetwerk.middleware.ViewerMemoMiddleware). A user
    without one (services, tasks, tests calling predicates directly) is asked afresh."""
    memo = getattr(user, "request_memo", None)
    key = ("network-roles", network.pk)
    if memo is not None and key in memo:
        return memo[key]
    roles = frozenset(
        network.memberships.current().filter(person=user).values_list("role", flat=True)
    )
    if memo is not None:
        memo[key] = roles
    return roles


def _has_role(user, network, *roles) -> bool:
    if not (user and user.is_authenticated) or network is None or network.pk is None:
        return False
    held = _current_roles(user, network)
    return bool(held & set(roles)) if roles else bool(held)


@rules.predicate
def is_member(user, network) -> bool:
    """Any current role in the network."""
    return _has_role(user, network)


@rules.predicate
def is_participant(user, network) -> bool:
    return _has_role(user, network, Role.PARTICIPANT)


@rules.predicate
def is_facilitator(user, network) -> bool:
    return _has_role(user, network, Role.FACILITATOR)


@rules.predicate
def is_penvoerder(user, network) -> bool:
    return _has_role(user, network, Role.PENVOERDER)


is_organiser = is_facilitator | is_penvoerder

rules.add_perm("networks.view_network", is_academy_staff | is_member)
rules.add_perm("networks.change_network", is_academy_staff | is_organiser)
rules.add_perm("networks.list_all_networks", is_academy_staff)
rules.add_perm("networks.view_members", is_academy_staff | is_member)


# --- Applications (an Application object) ------------------------------------------------


@rules.predicate
def is_application_penvoerder(user, application) -> bool:
    """The applicant, or another current penvoerder of the applied-for network."""
    return application is not None and _has_role(user, application.network, Role.PENVOERDER)


@rules.predicate
def is_editable_application(user, application) -> bool:
    return application is not None and application.is_editable


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


rules.add_perm("networks.add_application", is_authenticated)
rules.add_perm("networks.view_application", is_academy_staff | is_application_penvoerder)
rules.add_perm("networks.change_application", is_application_penvoerder & is_editable_application)
rules.add_perm("networks.review_application", is_academy_staff)
rules.add_perm("networks.view_recheck", is_academy_staff)
