"""Privacy contract (issue 5): what this app holds about a person, and erasing it.

Evaluation answers are stored without any link to a person, so they are neither exported
nor erased: they are already anonymous aggregate material."""

from __future__ import annotations

from django.db import transaction

from leernetwerk.labels import labelled

from .models import Invitation, Outcome, ValueStory


def export_person(user) -> dict:
    return {
        "evaluation_invitations": [
            {
                "round": inv.round.title,
                "network": inv.network.name,
                "answered": inv.is_used,
                "invited_at": inv.invited_at.isoformat() if inv.invited_at else None,
            }
            for inv in Invitation.objects.filter(person=user).select_related("round", "network")
        ],
        "outcomes": [
            {
                "network": o.network.name,
                **labelled(o, "kind"),
                "description": o.description,
                **labelled(o, "visibility"),
                "created_at": o.created_at.isoformat(),
            }
            for o in Outcome.objects.filter(author=user).select_related("network")
        ],
        "value_stories": [
            {
                "network": s.network.name,
                "title": s.title,
                **labelled(s, "visibility"),
                "steps": [{**labelled(step, "cycle"), "text": step.text} for step in s.steps.all()],
                "created_at": s.created_at.isoformat(),
            }
            for s in ValueStory.objects.filter(author=user)
            .select_related("network")
            .prefetch_related("steps")
        ],
    }


@transaction.atomic
def erase_person(user) -> None:
    """Unlink the person: invitations keep counting for the response rate, outcomes and
    stories stay with the network without an author."""
    Invitation.objects.filter(person=user).update(person=None)
    Outcome.objects.filter(author=user).update(author=None)
    ValueStory.objects.filter(author=user).update(author=None)
