"""Writes of the public directory: a visitor registers interest in an open network."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from leernetwerk.once import deliver_once

from ..enums import SUPPORTED_STATUSES, InviteeRole
from ..models import ApplicationInvitee, InterestRegistration, Network


@transaction.atomic
def register_interest(
    network: Network, *, name: str, email: str, message: str = ""
) -> InterestRegistration:
    """A visitor registers interest in an open network; its facilitators get an e-mail.

    Registering twice with the same address keeps one registration. Anyone may call."""
    if network.status not in SUPPORTED_STATUSES or not network.is_open:
        raise ValidationError(_("This network does not take new members."))
    registration, created = InterestRegistration.objects.get_or_create(
        network=network,
        email=email.strip().lower(),
        defaults={"name": name.strip(), "message": message.strip()},
    )
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
    deliver_once(
        f"networks.interest:{registration.pk}",
        lambda: send_mail(
            _("Interest in %(network)s") % {"network": network.name},
            render_to_string(
                "networks/email/interest.txt", {"registration": registration, "network": network}
            ),
            None,
            recipients,
            fail_silently=False,
        ),
    )
