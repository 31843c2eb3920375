"""Harvest: outcomes (opbrengsten) and value-creation stories."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import ValueCycle
from ..models import Outcome, ValueStep, ValueStory


@transaction.atomic
def record_outcome(network, *, by, kind: str, description: str, visibility: str) -> Outcome:
    """Record an outcome of the network (members and facilitators, checked by the caller).
    The first outcome moves the proposed phase to harvest."""
    return Outcome.objects.create(
        network=network,
        author=by,
        kind=kind,
        description=description.strip(),
        visibility=visibility,
    )


@transaction.atomic
def update_outcome(outcome: Outcome, *, kind: str, description: str, visibility: str) -> Outcome:
    """Correct an outcome (its author or the facilitator, checked by the caller)."""
    outcome.kind = kind
    outcome.description = description.strip()
    outcome.visibility = visibility
    outcome.save(update_fields=["kind", "description", "visibility"])
    return outcome


@transaction.atomic
def delete_outcome(outcome: Outcome) -> None:
    """Remove an outcome (its author or the facilitator, checked by the caller)."""
    outcome.delete()


@transaction.atomic
def record_value_story(
    network, *, by, title: str, visibility: str, steps: Mapping[str, str]
) -> ValueStory:
    """Write a value-creation story: one step per value cycle that has text, in cycle order.
    Refuses a story without any step."""
    filled = [(cycle, (steps.get(cycle) or "").strip()) for cycle in ValueCycle.values]
    filled = [(cycle, text) for cycle, text in filled if text]
    if not filled:
        raise ValidationError(_("Describe at least one value cycle."), code="no_steps")
    story = ValueStory.objects.create(
        network=network, author=by, title=title.strip(), visibility=visibility
    )
    positions = {cycle: i for i, cycle in enumerate(ValueCycle.values, start=1)}
    ValueStep.objects.bulk_create(
        ValueStep(story=story, cycle=cycle, position=positions[cycle], text=text)
        for cycle, text in filled
    )
    return story
