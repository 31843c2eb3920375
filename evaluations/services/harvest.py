"""Harvest: outcomes (opbrengsten) and value-creation stories."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from leernetwerk.concurrency import claim_version
from networks.models import Network
from participants.models import User

from ..enums import ValueCycle
from ..models import Outcome, ValueStep, ValueStory


@transaction.atomic
def record_outcome(
    network: Network, *, by: User, kind: str, description: str, visibility: str
) -> Outcome:
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
def update_outcome(
    outcome: Outcome,
    *,
    kind: str,
    description: str,
    visibility: str,
    loaded_version: int | None = None,
) -> Outcome:
    """Correct an outcome (its author or the facilitator, checked by the caller).
    `loaded_version`: StaleEdit, nothing saved, if it was corrected since the editor loaded
    it (leernetwerk/concurrency.py)."""
    claim_version(outcome, loaded_version)
    outcome.kind = kind
    outcome.description = description.strip()
    outcome.visibility = visibility
    outcome.save(update_fields=["kind", "description", "visibility"])
    return outcome


@transaction.atomic
def delete_outcome(outcome: Outcome) -> None:
    """Remove an outcome (its author or the facilitator, checked by the caller)."""
    outcome.delete()


def _filled_steps(steps: Mapping[str, str]) -> list[tuple[str, str]]:
    """(cycle, text) for each value cycle with text, in cycle order; ValidationError (code
    "no_steps") when there is none."""
    filled = [(cycle, (steps.get(cycle) or "").strip()) for cycle in ValueCycle.values]
    filled = [(cycle, text) for cycle, text in filled if text]
    if not filled:
        raise ValidationError(_("Describe at least one value cycle."), code="no_steps")
    return filled


def _write_steps(story: ValueStory, filled: list[tuple[str, str]]) -> None:
    positions = {cycle: i for i, cycle in enumerate(ValueCycle.values, start=1)}
    ValueStep.objects.bulk_create(
        ValueStep(story=story, cycle=cycle, position=positions[cycle], text=text)
        for cycle, text in filled
    )


@transaction.atomic
def record_value_story(
    network: Network, *, by: User, title: str, visibility: str, steps: Mapping[str, str]
) -> ValueStory:
    """Write a value-creation story: one step per value cycle that has text, in cycle order.
    Refuses a story without any step."""
    filled = _filled_steps(steps)
    story = ValueStory.objects.create(
        network=network, author=by, title=title.strip(), visibility=visibility
    )
    _write_steps(story, filled)
    return story


@transaction.atomic
def update_value_story(
    story: ValueStory,
    *,
    title: str,
    visibility: str,
    steps: Mapping[str, str],
    loaded_version: int | None = None,
) -> ValueStory:
    """Rewrite a story (its author, checked by the caller): title, readers and the steps,
    which replace the earlier ones (a cycle left empty loses its step). Refuses a story
    without any step; `loaded_version`: StaleEdit, nothing saved, if the story was changed
    since the editor loaded it (leernetwerk/concurrency.py). Who may read it follows the new
    visibility at once: every page reads it through `visible_to` / `public()`."""
    filled = _filled_steps(steps)
    claim_version(story, loaded_version)
    story.title = title.strip()
    story.visibility = visibility
    story.save(update_fields=["title", "visibility", "version"])
    story.steps.all().delete()
    _write_steps(story, filled)
    return story


@transaction.atomic
def delete_value_story(story: ValueStory) -> None:
    """Remove a story and its steps (its author, checked by the caller)."""
    story.delete()
