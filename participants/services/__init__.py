"""Writes of the participants app: people, invitations, learning questions and reflections,
the BC-Scan and the AVG duties. Split by area; import from here."""

from .invitations import (
    INVITATION_DAYS,
    INVITATION_SALT,
    InvitationError,
    accept_invitation,
    invitation_token,
    invite_member,
    resolve_invitation,
    send_import_welcome,
    send_invitation,
)
from .people import add_participant, propose_school, update_profile
from .privacy import PRIVACY_APPS, audit, erase_account, export_person_data, pseudonym
from .questions import (
    add_reflection,
    delete_learning_question,
    goal_states_a_means,
    save_learning_question,
)
from .scans import delete_scan, record_scan, update_scan_plan

__all__ = [
    "INVITATION_DAYS",
    "INVITATION_SALT",
    "PRIVACY_APPS",
    "InvitationError",
    "accept_invitation",
    "add_participant",
    "add_reflection",
    "audit",
    "delete_learning_question",
    "delete_scan",
    "erase_account",
    "export_person_data",
    "goal_states_a_means",
    "invitation_token",
    "invite_member",
    "propose_school",
    "pseudonym",
    "record_scan",
    "resolve_invitation",
    "save_learning_question",
    "send_import_welcome",
    "send_invitation",
    "update_profile",
    "update_scan_plan",
]
