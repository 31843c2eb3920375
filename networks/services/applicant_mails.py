"""The mails about an application to the applicant's side (the applicant, the penvoerders,
the co-initiators) and to academy staff: the submission and the decision.

Each recipient gets her own mail, greeted by her own name: the first name of her account, or
the name she was named with in the application, else a neutral greeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.urls import reverse

from mails.services import queue_rendered

from ..enums import InviteeRole
from ..models import Application, ApplicationInvitee, Membership

if TYPE_CHECKING:
    from ..models import Decision


def applicant_side_addresses(application: Application) -> list[str]:
    """Who hears about the application on the applicant's side: the applicant, the
    network's current penvoerders and the named co-initiators (sorted, each once)."""
    recipients = set(
        Membership.objects.current()
        .penvoerders()
        .filter(network_id=application.network_id)
        .values_list("person__email", flat=True)
    )
    recipients |= set(
        ApplicationInvitee.objects.filter(
            application=application, role=InviteeRole.CO_INITIATOR
        ).values_list("email", flat=True)
    )
    if application.applicant is not None:
        recipients.add(application.applicant.email)
    return sorted(e.lower() for e in recipients if e)


def greeting_names(application: Application, addresses: list[str]) -> dict[str, str]:
    """The name to greet each address with ("" when none is known): the first name of the
    account with that address, else the name the application gives the invitee."""
    names = {
        email: first_name
        for email, first_name in get_user_model()
        .objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=addresses)
        .exclude(first_name="")
        .values_list("email_lower", "first_name")
    }
    for email, name in ApplicationInvitee.objects.filter(application=application).values_list(
        "email", "name"
    ):
        if name and email.lower() in addresses:
            names.setdefault(email.lower(), name.split()[0])
    return {address: names.get(address, "") for address in addresses}


def send_submission_emails(application: Application, *, submitted_at: str) -> None:
    """Mail the applicant's side that the application is in, and academy staff that there is
    one to review. Once per submission (a resubmission after more information mails again);
    safe to run twice."""
    network = application.network
    base = settings.SITE_URL.rstrip("/")
    context = {
        "application": application,
        "network": network,
        "application_url": base + application.get_absolute_url(),
        "review_url": base + reverse("networks:review-detail", args=[application.pk]),
    }
    applicants = applicant_side_addresses(application)
    names = greeting_names(application, applicants)
    for address in applicants:
        queue_rendered(
            key=f"networks.submitted:{application.pk}:{submitted_at}:{address}",
            to=address,
            kind="submitted",
            template="networks/email/submitted_applicant",
            context={**context, "recipient_name": names[address]},
        )
    staff = sorted(
        {
            e.lower()
            for e in get_user_model()
            .objects.filter(is_active=True, groups__name=settings.ACADEMY_STAFF_GROUP)
            .exclude(email="")
            .values_list("email", flat=True)
        }
    )
    for address in staff:
        queue_rendered(
            key=f"networks.submitted:{application.pk}:{submitted_at}:staff:{address}",
            to=address,
            kind="submitted_staff",
            template="networks/email/submitted_staff",
            context=context,
        )


def send_decision_email(decision: Decision) -> None:
    """E-mail the decision, its motivation and the link to the application page to the
    applicant's side, each greeted by her own name. Safe to run twice (one mail per key)."""
    application = decision.application
    recipients = applicant_side_addresses(application)
    if not recipients:
        return
    names = greeting_names(application, recipients)
    context = {
        "decision": decision,
        "application": application,
        "network": application.network,
        "application_url": settings.SITE_URL.rstrip("/") + application.get_absolute_url(),
    }
    for address in recipients:
        queue_rendered(
            key=f"networks.decision:{decision.pk}:{address}",
            to=address,
            kind="decision",
            template="networks/email/decision",
            context={**context, "recipient_name": names[address]},
        )
