"""What meetings does when another app announces something (connected in `apps.ready`)."""

from __future__ import annotations

from typing import Any

from leernetwerk.dispatch import enqueue
from networks.models import Membership

from .tasks import task_send_open_polls_to_new_member


def member_added(sender: type, *, membership: Membership, **kwargs: Any) -> None:
    """Someone joined a network: the worker mails her its date polls still taking answers."""
    enqueue(
        task_send_open_polls_to_new_member,
        person_id=membership.person_id,
        network_id=membership.network_id,
    )
