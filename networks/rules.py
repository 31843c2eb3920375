"""Who may do what with a network. Roles are data: memberships plus the academy staff group."""

import rules

from .enums import (
    JUDGEABLE_APPLICATION_STATUSES,
    REVIEWABLE_APPLICATION_STATUSES,
    InviteeRole,
    NetworkStatus,
    Role,
)
from .models import Membership
from .selectors.networks import current_roles_by_network


@rules.predicate
def is_academy_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_academy_staff)


def _current_roles(user, network) -> frozenset[str]:
    """The user's current roles in the network, from her roles in all networks: one query,
    then remembered for the request (`current_roles_by_network`)."""
    return current_roles_by_network(user).get(network.pk, frozenset())


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


@rules.predicate
def is_active_network(user, network) -> bool:
    return network is not None and network.status == NetworkStatus.ACTIVE


rules.add_perm("networks.view_network", is_academy_staff | is_member)
# The short name (calendar titles, mail subjects): the organisers of an active network on
# its own page; staff use the management site.
rules.add_perm("networks.change_short_name", is_organiser & is_active_network)
rules.add_perm("networks.change_network", is_academy_staff | is_organiser)
rules.add_perm("networks.list_all_networks", is_academy_staff)
rules.add_perm("networks.view_members", is_academy_staff | is_member)
# The waiting list names people who are not members: organisers manage it, staff may look.
rules.add_perm("networks.view_waiting_list", is_academy_staff | is_organiser)
rules.add_perm("networks.manage_waiting_list", is_organiser)
# Leaving: every current member herself; ending someone else's membership: the organisers
# (the service refuses the last facilitator, `networks.memberships.refused_ending`).
rules.add_perm("networks.leave_network", is_member)
rules.add_perm("networks.end_membership", is_organiser)


# --- Applications (an Application object) ------------------------------------------------


@rules.predicate
def is_application_penvoerder(user, application) -> bool:
    """The applicant, or another current penvoerder of the applied-for network."""
    return application is not None and _has_role(user, application.network, Role.PENVOERDER)


def _named_in(user, application, *roles: str) -> bool:
    if not (user and user.is_authenticated) or application is None or application.pk is None:
        return False
    # The application's invitees (a handful; no query when the page loaded them already).
    email = user.email.lower()
    return any(
        (invitee.person_id == user.pk or invitee.email.lower() == email)
        and (not roles or invitee.role in roles)
        for invitee in application.invitees.all()
    )


@rules.predicate
def is_co_initiator(user, application) -> bool:
    """Named as co-initiator in the application (by her account or e-mail address)."""
    return _named_in(user, application, InviteeRole.CO_INITIATOR)


@rules.predicate
def is_party_to_application(user, application) -> bool:
    """A member of the applied-for network (any role, current or still to begin), its applicant, or named in the
    application: such a staff member has a conflict of interest and neither judges nor
    decides it (DOMAIN.md, deciding)."""
    if application is None or not (user and user.is_authenticated):
        return False
    if application.applicant_id == user.pk or _named_in(user, application):
        return True
    # Also a membership still to begin: a network that has not started yet. Asked once per
    # request (the review page asks it for the notice, judging and deciding).
    memo = getattr(user, "request_memo", None)
    key = ("not-ended-member", application.network_id)
    if memo is not None and key in memo:
        return memo[key]
    member = (
        Membership.objects.not_ended()
        .filter(person_id=user.pk, network_id=application.network_id)
        .exists()
    )
    if memo is not None:
        memo[key] = member
    return member


@rules.predicate
def is_open_for_judgement(user, application) -> bool:
    """Submitted, or sent back for more information: staff may (re)judge its criteria."""
    return application is not None and application.network.status in (
        JUDGEABLE_APPLICATION_STATUSES
    )


@rules.predicate
def is_submitted_application(user, application) -> bool:
    return application is not None and application.network.status in (
        REVIEWABLE_APPLICATION_STATUSES
    )


@rules.predicate
def is_editable_application(user, application) -> bool:
    return application is not None and application.is_editable


@rules.predicate
def is_decided_application(user, application) -> bool:
    """The academy has recorded a decision on it (granted, rejected or more information)."""
    return application is not None and application.decisions.exists()


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


rules.add_perm("networks.add_application", is_authenticated)
is_application_initiator = is_application_penvoerder | is_co_initiator

rules.add_perm("networks.view_application", is_academy_staff | is_application_initiator)
rules.add_perm("networks.change_application", is_application_initiator & is_editable_application)
# Staff's judgements of the criteria are their working notes until the academy decides; then
# the applicant's side reads each judgement with its motivation beside the automatic result.
rules.add_perm(
    "networks.view_judgements",
    is_academy_staff | (is_application_initiator & is_decided_application),
)
# Staff open the queue and every review page; judging and deciding exclude a conflict.
rules.add_perm("networks.review_application", is_academy_staff)
rules.add_perm(
    "networks.judge_application",
    is_academy_staff & ~is_party_to_application & is_open_for_judgement,
)
rules.add_perm(
    "networks.decide_application",
    is_academy_staff & ~is_party_to_application & is_submitted_application,
)
rules.add_perm("networks.view_recheck", is_academy_staff)
