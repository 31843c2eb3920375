"""The yearly re-check of supported networks on live data, and starting granted networks.

The facts come from the one builder (`networks.facts`, live mode: held meetings, current
members)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import eligibility
from ..enums import CriterionStatus, NetworkStatus
from ..facts import facts_for_network
from ..models import Application, Network, RecheckResult
from ..selectors import networks_due_for_recheck


def _anniversary(start: datetime.date, on: datetime.date) -> datetime.date:
    """The latest anniversary of `start` on or before `on`."""
    years = on.year - start.year
    candidate = eligibility.add_months(start, 12 * years)
    if candidate > on:
        candidate = eligibility.add_months(start, 12 * (years - 1))
    return candidate


@transaction.atomic
def recheck_network(network: Network, *, on: datetime.date | None = None) -> RecheckResult:
    """Re-evaluate a supported network on live data for its current support year.

    Writes one RecheckResult per (network, support year), updated in place: running twice
    gives the same row. An exception staff approved with a motivation counts as met."""
    on = on or timezone.localdate()
    results = eligibility.evaluate(
        facts_for_network(network, live=True), eligibility.RECHECK_CRITERIA
    )
    approved = {}
    application = Application.objects.filter(network=network).first()
    if application is not None:
        approved = {
            j.criterion: j for j in application.judgements.filter(status=CriterionStatus.MET)
        }
    findings = []
    for result in results:
        finding = result.as_dict()
        judgement = approved.get(result.code)
        if result.status != CriterionStatus.MET and judgement is not None:
            finding["status"] = CriterionStatus.MET
            finding["explanation"] = _("%(explanation)s Exception approved: %(motivation)s") % {
                "explanation": result.explanation,
                "motivation": judgement.motivation,
            }
        findings.append(finding)
    flagged = any(f["status"] != CriterionStatus.MET for f in findings)
    row, _created = RecheckResult.objects.update_or_create(
        network=network,
        period_start=_anniversary(network.start_date, on),
        defaults={"flagged": flagged, "findings": findings},
    )
    return row


@transaction.atomic
def start_granted_networks(*, on: datetime.date | None = None) -> int:
    """Granted networks whose start date has come become active. Returns how many.

    Idempotent; run daily by the re-check task before re-checking."""
    on = on or timezone.localdate()
    count = 0
    for network in Network.objects.filter(
        status=NetworkStatus.GRANTED, start_date__isnull=False, start_date__lte=on
    ):
        network.status = NetworkStatus.ACTIVE
        network.save(update_fields=["status", "updated_at"])
        count += 1
    return count


def recheck_supported_networks(*, on: datetime.date | None = None) -> list[RecheckResult]:
    """Re-check every supported network that started at least a year ago (beat, daily)."""
    return [recheck_network(network, on=on) for network in networks_due_for_recheck(on)]
