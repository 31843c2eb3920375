"""Writes of the public directory: a visitor registers interest in an open network; when
the network is full she joins its waiting list (`waiting.py`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from mails.services import queue_rendered

from ..enums import SUPPORTED_STATUSES, InviteeRole
from ..models import ApplicationInvitee, InterestRegistration, Network
from .waiting import is_full, put_on_waiting_list


@transaction.atomic
def register_interest(
    network: Network, *, name: str, email: str, message: str = ""
) -> InterestRegistration:
    """A visitor registers interest in an open network; its facilitators get an e-mail.

    When the network is full (`waiting.is_full`) she is placed at the end of its waiting
    list and mailed her position. Registering twice with the same address keeps one
    registration and one place on the list. Anyone may call."""
    network = Network.objects.select_for_update().get(pk=network.pk)
    if network.status not in SUPPORTED_STATUSES or not network.is_open:
        raise ValidationError(_("This network does not take new members."))
    registration, created = InterestRegistration.objects.get_or_create(
        network=network,
        email=email.strip().lower(),
        defaults={"name": name.strip(), "message": message.strip()},
    )
    if is_full(network):
        put_on_waiting_list(registration)
    if created:
        from ..tasks import task_notify_interest  # noqa: PLC0415 - the task module imports the services

        enqueue(task_notify_interest, registration_id=registration.pk)
    return registration


def notify_interest(registration: InterestRegistration) -> None:
    """E-mail the network's current facilitators about a registration of interest."""
    network = registration.network
    recipients = list(
        network.memberships.current().facilitators().values_list("person__email", flat=True)
    )
    if not recipients:
        # A facilitator named in the application who has no account yet.
        recipients = list(
            ApplicationInvitee.objects.filter(
                application__network=network, role=InviteeRole.FACILITATOR
            ).values_list("email", flat=True)
        )
    if not recipients:
        return
    for address in recipients:
        queue_rendered(
            key=f"networks.interest:{registration.pk}:{address.lower()}",
            to=address,
            kind="interest",
            template="networks/email/interest",
            context={"registration": registration, "network": network},
        )
