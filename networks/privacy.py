"""Privacy contract: what this app keeps about a person, and how it is erased."""

from __future__ import annotations

from leernetwerk.labels import labelled

from .models import Application, ApplicationInvitee, InterestRegistration, WaitingListEntry


def export_person(user) -> dict:
    """Applications the person made, invitations by their address, interest registrations."""
    email = (user.email or "").lower()
    return {
        "applications": [
            {
                "network": a.network.name,
                **labelled(a.network, "status"),
                **labelled(a, "applicant_function", "function"),
                "school": a.applicant_school.name if a.applicant_school else None,
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            }
            for a in Application.objects.filter(applicant=user).select_related(
                "network", "applicant_school"
            )
        ],
        "named_in_applications": [
            {"network": i.application.network.name, **labelled(i, "role"), "email": i.email}
            for i in ApplicationInvitee.objects.filter(email__iexact=email).select_related(
                "application__network"
            )
        ],
        "interest_registrations": [
            {"network": r.network.name, "name": r.name, "email": r.email, "message": r.message}
            for r in InterestRegistration.objects.filter(email__iexact=email).select_related(
                "network"
            )
        ],
        "waiting_lists": [
            {
                "network": w.network.name,
                **labelled(w, "status"),
                "listed_at": w.listed_at.isoformat(),
                "offered_until": w.offered_until.isoformat() if w.offered_until else None,
            }
            for w in WaitingListEntry.objects.filter(
                registration__email__iexact=email
            ).select_related("network")
        ],
    }


def erase_person(user) -> None:
    """Remove the person's invitations and interest registrations and the personal snapshot
    on their applications. The applications themselves (and the academy's decisions) stay:
    they are the academy's record of what it funded."""
    email = (user.email or "").lower()
    ApplicationInvitee.objects.filter(email__iexact=email).delete()
    InterestRegistration.objects.filter(email__iexact=email).delete()
    Application.objects.filter(applicant=user).update(applicant_function="", applicant_school=None)
