"""What participants does when another app announces something (connected in `apps.ready`)."""

from __future__ import annotations

from typing import Any

from networks.models import Membership

from .waiting import offer_free_places


def member_left(sender: type, *, membership: Membership, **kwargs: Any) -> None:
    """Someone left a network: its free places go to the first on the waiting list at once
    (inside the caller's transaction; the offer mails go out after the commit). Offering is
    safe to run twice: a place already offered is counted as taken."""
    offer_free_places(membership.network)
