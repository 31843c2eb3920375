"""Results back to the network (issue 12.5): after a round closes, staff choose which items'
results the members of its networks see on their network page."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participants.models import User

from ..enums import ItemKind
from ..models import EvaluationRound


@transaction.atomic
def share_item_results(evaluation: EvaluationRound, *, by: User, item_ids: Iterable[int]) -> int:
    """Show exactly these scale items' results to the members of the round's networks (the
    others no longer). Staff only (checked by the caller). Refused while the round is open (it
    has no figures yet) and for a question not on the round or not on the scale; nothing
    changes then. The small-group rule still applies on the network page. Returns how many
    items are shared; running it twice gives the same rows."""
    evaluation = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_open:
        raise ValidationError(
            {"items": _("Results can be shared once the round has closed.")}, code="still_open"
        )
    wanted = {int(pk) for pk in item_ids}
    scale = set(evaluation.items.filter(kind=ItemKind.SCALE).values_list("pk", flat=True))
    if wanted - scale:
        raise ValidationError(
            {"items": _("Choose questions of this round on the 5-point scale.")},
            code="unknown_item",
        )
    evaluation.items.filter(pk__in=wanted).update(shared_with_network=True)
    evaluation.items.exclude(pk__in=wanted).update(shared_with_network=False)
    return len(wanted)
