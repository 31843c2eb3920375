"""How a network is named where space is short: its short name (calendar titles, mail
subjects; `Network.short_label`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import SHORT_NAME_LENGTH, Network

if TYPE_CHECKING:
    from participants.models import User


@transaction.atomic
def set_short_name(network: Network, *, by: User | None, short_name: str) -> Network:
    """Set the network's short name, or clear it with an empty text (then the full name is
    used). Keeps true: one line of at most SHORT_NAME_LENGTH characters, spaces collapsed.
    Refused at the field, nothing saved. The organisers of an active network call it (the
    view checks `networks.change_short_name`); staff change it in the management site.
    Safe to run twice."""
    value = " ".join((short_name or "").split())
    if len(value) > SHORT_NAME_LENGTH:
        raise ValidationError(
            {
                "short_name": _("A short name has at most %(count)s characters.")
                % {"count": SHORT_NAME_LENGTH}
            }
        )
    network = Network.objects.select_for_update().get(pk=network.pk)
    if network.short_name != value:
        network.short_name = value
        network.save(update_fields=["short_name", "updated_at"])
    return network
