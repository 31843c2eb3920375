"""Phase reports and the phase set by the facilitator."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.enums import SUPPORTED_STATUSES, Phase

from ..enums import ComputationStatus
from ..models import PhaseReport


@transaction.atomic
def set_phase(network, *, by, phase: str):
    """Set (or with "" clear) the phase the facilitator sees the network in. The proposal
    from the data stays visible beside it. Facilitators and staff (checked by the caller)."""
    if phase and phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase.")})
    network.phase_override = phase
    network.save(update_fields=["phase_override", "updated_at"])
    return network


def compute_phase_report(network_id: int, today: datetime.date | None = None) -> PhaseReport:
    """Compute and store today's phase report of one network: the proposed and effective
    phase and the evidence for each phase's conditions. One row per network per day;
    running it again the same day rewrites that row (idempotent). Called by Celery."""
    from networks.models import Network

    from ..selectors import phase_evidence

    today = today or timezone.localdate()
    report, _ = PhaseReport.objects.update_or_create(
        network_id=network_id,
        computed_on=today,
        defaults={"status": ComputationStatus.RUNNING, "error": ""},
    )
    try:
        with transaction.atomic():
            network = Network.objects.get(pk=network_id)
            proposed, data = phase_evidence(network, today)
            report.proposed_phase = proposed
            report.phase = network.phase_override or proposed
            report.data = data
            report.status = ComputationStatus.DONE
            report.save()
    except Exception as error:
        PhaseReport.objects.filter(pk=report.pk).update(
            status=ComputationStatus.FAILED, error=str(error)[:2000]
        )
        raise
    return report


def request_phase_report(network) -> None:
    """Mark today's report pending and have Celery compute it after commit."""
    from ..tasks import task_compute_phase_report

    PhaseReport.objects.update_or_create(
        network=network,
        computed_on=timezone.localdate(),
        defaults={"status": ComputationStatus.PENDING, "error": ""},
    )
    enqueue(task_compute_phase_report, network_id=network.pk)


def compute_all_phase_reports(today: datetime.date | None = None) -> int:
    """Nightly: a phase report for every supported network. Returns how many."""
    from networks.models import Network

    count = 0
    for network_id in Network.objects.filter(status__in=SUPPORTED_STATUSES).values_list(
        "pk", flat=True
    ):
        compute_phase_report(network_id, today)
        count += 1
    return count
