"""Writes for invitations: the signed link, inviting someone to a network and mailing the
link, the welcome mail of the member import, and accepting an invitation (the account and
the membership)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from mails.services import queue_rendered
from networks.enums import Role, WaitingStatus
from networks.memberships import add_member, closed_to_new_members, is_current_member
from networks.models import Network
from networks.services import close_entry

from ..models import Invitation, User
from ..tasks import task_send_invitation
from .people import add_participant

INVITATION_DAYS = 14
INVITATION_SALT = "participants.invitation"


class InvitationError(Exception):
    """An invitation link that cannot be used; the message is shown to the visitor."""


def invitation_token(invitation: Invitation) -> str:
    """The signed token of the invitation's link. Writes nothing; any caller."""
    return signing.dumps(str(invitation.token), salt=INVITATION_SALT)


def invite_member(
    network: Network, *, email: str, by: User | None, role: str = Role.PARTICIPANT
) -> Invitation:
    """Create a single-use invitation valid for INVITATION_DAYS days and mail the link.

    Callers (the invite form, a granted application) have checked that the address is not a
    member yet and that the network accepts members; this checks again so no path skips the
    rule. A closed network's rule concerns participants; a facilitator can always be invited."""
    email = email.strip().lower()
    reason = closed_to_new_members(network) if role == Role.PARTICIPANT else None
    if reason:
        raise ValidationError(reason)
    if is_current_member(network, email):
        raise ValidationError(_("This address is already a member of this network."))
    invitation = Invitation.objects.create(
        network=network,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )

    enqueue(task_send_invitation, invitation_id=invitation.pk)
    return invitation


def send_invitation(invitation: Invitation) -> None:
    """Mail the invitation link to the invited address."""

    url = settings.SITE_URL.rstrip("/") + reverse(
        "participants:invitation-accept", kwargs={"token": invitation_token(invitation)}
    )
    context = {"invitation": invitation, "url": url, "days": INVITATION_DAYS}
    queue_rendered(
        key=f"participants.invitation:{invitation.pk}",
        to=invitation.email,
        kind="network_invitation",
        template="participants/email/invitation",
        context=context,
    )


def send_import_welcome(network: Network, person: User, *, new_account: bool) -> None:
    """Tell someone a facilitator imported into a network. A new account gets a link to set
    a password (Django's password-reset token: single use, expires, dies on login); someone
    who already had an account is told where to find the network."""
    from leernetwerk.accounts.services import (  # noqa: PLC0415 - cycle: allauth's sign-up form builds on participants.forms
        password_setting_url,
    )

    site = settings.SITE_URL.rstrip("/")
    context = {
        "person": person,
        "network": network,
        "network_url": site + reverse("networks:network-detail", args=[network.slug]),
        "reset_url": site + reverse("account_reset_password"),
    }
    if new_account:
        context["password_url"] = password_setting_url(person)
    queue_rendered(
        key=f"participants.import-welcome:{network.pk}:{person.pk}",
        recipient=person,
        kind="import_welcome",
        template="participants/email/import_welcome",
        context=context,
    )


def resolve_invitation(token: str) -> Invitation:
    """The invitation behind a link, or InvitationError with a Dutch reason."""
    try:
        raw = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.select_related("network").get(token=raw)
    except (signing.BadSignature, Invitation.DoesNotExist, ValueError, ValidationError) as exc:
        raise InvitationError(_("This invitation link is not valid.")) from exc
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Log in with your account instead.")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This invitation has expired. Ask your facilitator for a new one."))
    return invitation


@transaction.atomic
def accept_invitation(
    invitation: Invitation,
    *,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> User:
    """Use the invitation: create the account (or take the signed-in one with the invited
    address) and the membership, and mark the invitation used. Single use.

    Keeps true: an address that already has an account joins only as that account (`user`
    must be it: signed in), never through a second account or someone else's."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This invitation has expired. Ask your facilitator for a new one."))
    is_participant = invitation.role == Role.PARTICIPANT
    reason = closed_to_new_members(invitation.network) if is_participant else None
    if reason:
        raise InvitationError(reason)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and (user is None or user.pk != existing.pk):
        raise InvitationError(
            _(
                "There is already an account with this address. Log in first, then open the "
                "link again."
            )
        )
    if user is None:
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
    if is_participant:
        add_participant(invitation.network, user)
    else:
        add_member(invitation.network, user, role=invitation.role, is_fixed=False)
    if user.email.lower() == invitation.email.lower():
        # She opened the link mailed to this address: it is hers.
        from leernetwerk.accounts.services import (  # noqa: PLC0415 - cycle: allauth's sign-up form builds on participants.forms
            mark_address_verified,
        )

        mark_address_verified(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if invitation.waiting_entry_id is not None:  # an offered place from the waiting list
        close_entry(invitation.waiting_entry, WaitingStatus.JOINED)
    return user
