"""Reads of the networks app, split by area; import from here."""

from .applications import (
    application_for_page,
    application_of_network,
    applications_for_person,
    applications_for_review,
    history_for_application,
    invitees_by_role,
    open_applications_for_person,
    review_queue_count,
    staff_free_to_review,
)
from .networks import (
    MyNetwork,
    current_memberships_of,
    current_roles_by_network,
    members_of_network,
    my_networks_for_person,
    network_ids_of,
    networks_for_directory,
    networks_for_staff,
    public_facilitator_names,
    waiting_list_for_organisers,
)
from .recheck import (
    flagged_rechecks,
    latest_rechecks_for_networks,
    networks_due_for_recheck,
    recheck_flags_for_networks,
)

__all__ = [
    "MyNetwork",
    "current_memberships_of",
    "current_roles_by_network",
    "application_for_page",
    "application_of_network",
    "applications_for_person",
    "applications_for_review",
    "flagged_rechecks",
    "history_for_application",
    "invitees_by_role",
    "latest_rechecks_for_networks",
    "members_of_network",
    "my_networks_for_person",
    "network_ids_of",
    "networks_due_for_recheck",
    "networks_for_directory",
    "networks_for_staff",
    "open_applications_for_person",
    "public_facilitator_names",
    "recheck_flags_for_networks",
    "review_queue_count",
    "staff_free_to_review",
    "waiting_list_for_organisers",
]
