"""Reads for the yearly re-check: which networks are due, and what the latest re-check
found per network (the staff dashboard, the start page)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from .. import eligibility
from ..enums import (
    SUPPORTED_STATUSES,
)
from ..models import (
    Network,
    RecheckResult,
)

if TYPE_CHECKING:
    pass


# --- Yearly re-check -------------------------------------------------------------------------


def networks_due_for_recheck(on: datetime.date | None = None) -> QuerySet[Network]:
    """Supported networks that started at least a year ago."""
    on = on or timezone.localdate()
    year_ago = eligibility.add_months(on, -12)
    return Network.objects.filter(
        status__in=SUPPORTED_STATUSES, start_date__isnull=False, start_date__lte=year_ago
    ).order_by("pk")


def latest_rechecks_for_networks(network_ids: Iterable[int]) -> dict[int, RecheckResult]:
    """The latest stored yearly re-check per network id (flagged or not), in one query; a
    network never re-checked (not yet a year under way) has none.

    For the staff dashboard: it shows exactly what the re-check found."""
    latest: dict[int, RecheckResult] = {}
    for result in RecheckResult.objects.filter(network_id__in=list(network_ids)).order_by(
        "network_id", "-period_start"
    ):
        latest.setdefault(result.network_id, result)
    return latest


def recheck_flags_for_networks(network_ids: Iterable[int]) -> dict[int, RecheckResult]:
    """The latest flagged re-check per network id (only flagged ones), in one query.

    For dashboards: `{network_id: RecheckResult}`; `result.shortfalls` lists the evidence."""
    latest = latest_rechecks_for_networks(network_ids)
    return {nid: r for nid, r in latest.items() if r.flagged}


def flagged_rechecks() -> list[RecheckResult]:
    """The latest re-check of every supported network that falls short, for staff."""
    results = (
        RecheckResult.objects.filter(network__status__in=SUPPORTED_STATUSES)
        .select_related("network")
        .order_by("network__name", "-period_start")
    )
    latest: dict[int, RecheckResult] = {}
    for result in results:
        latest.setdefault(result.network_id, result)
    return [r for r in latest.values() if r.flagged]
